package io.tracer.cli;

import io.tracer.core.TracerException;

/** A user-facing error raised by a command: printed as one line, exit code 1. */
public class CliException extends TracerException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
