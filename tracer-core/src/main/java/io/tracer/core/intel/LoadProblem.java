package io.tracer.core.intel;

import java.util.Objects;

/**
 * A row of an intelligence file that was skipped, with where it is and why. The offending text is
 * abbreviated and stripped of control characters, so a hostile file cannot forge log lines.
 *
 * @param file the file name (or the name given to a stream)
 * @param line 1-based line number, or 0 when the format has no useful line (a JSON array element)
 * @param message why the row was skipped
 */
public record LoadProblem(String file, long line, String message) {
  public LoadProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    message = Texts.plain(message, 300);
  }

  /** {@code file:line: message}, the form compilers use, so editors can jump to it. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
