package io.tracer.cli;

import picocli.CommandLine.Option;

/** Options every command accepts: mix into each command with {@code @Mixin GlobalOptions global;}. */
public final class GlobalOptions {
  @Option(
      names = "--verbose",
      description = "Print stack traces for errors, and informational messages (such as inputs"
          + " outside the loaded blocks) on stderr.")
  boolean verbose;
}
