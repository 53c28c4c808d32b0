package io.tracer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
final class CliRunner {
  final int code;
  final String out;
  final String err;

  private CliRunner(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRunner(code, out.toString(), err.toString());
  }
}
