package io.tracer.core.source;

import io.tracer.core.TracerException;

/** A source could not read its data: unreadable file, malformed block, RPC error, timeout. */
public class SourceException extends TracerException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
