package io.tracer.bitcoin.etl;

import io.tracer.core.source.SourceException;

/** A JSON export or RPC answer that is not in the expected shape; the message names where. */
public class EtlFormatException extends SourceException {
  private static final long serialVersionUID = 1L;

  public EtlFormatException(String message) {
    super(message);
  }

  public EtlFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
