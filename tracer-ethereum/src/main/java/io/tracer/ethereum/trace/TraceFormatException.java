package io.tracer.ethereum.trace;

import io.tracer.core.source.SourceException;

/** A trace answer does not have the shape its format promises (truncated, wrong types, too deep). */
public final class TraceFormatException extends SourceException {
  private static final long serialVersionUID = 1L;

  public TraceFormatException(String message) {
    super(message);
  }

  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
