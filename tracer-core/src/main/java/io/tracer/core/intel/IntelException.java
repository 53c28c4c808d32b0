package io.tracer.core.intel;

import io.tracer.core.TracerException;

/**
 * An intelligence file could not be read at all (unreadable, unknown format, hostile content such
 * as an XML external entity). Individual bad rows do not throw: they are collected as {@link
 * LoadProblem}s and the good rows are kept.
 */
public class IntelException extends TracerException {
  private static final long serialVersionUID = 1L;

  public IntelException(String message) {
    super(message);
  }

  public IntelException(String message, Throwable cause) {
    super(message, cause);
  }
}
