package io.tracer.core;

/**
 * Root of every exception tracer throws on purpose. Unchecked: callers that want to recover catch
 * the specific subtype; everyone else lets it reach the edge (the CLI prints its message on one
 * line, an embedding service maps it to an error response).
 */
public class TracerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TracerException(String message) {
    super(message);
  }

  public TracerException(String message, Throwable cause) {
    super(message, cause);
  }
}
