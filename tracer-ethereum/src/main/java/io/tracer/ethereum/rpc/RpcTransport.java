package io.tracer.ethereum.rpc;

import java.io.IOException;

/**
 * Sends one JSON-RPC HTTP request body (a single call or a batch array) and returns the answer's
 * bytes. Implementations are thread-safe. They throw {@link TransportException} for failures that
 * a retry may cure (connection, timeout, HTTP 429/5xx) and {@link EthRpcException} for the rest.
 */
public interface RpcTransport extends AutoCloseable {

  /** Posts {@code body} and returns the response body. */
  byte[] post(byte[] body) throws TransportException;

  /** A description without secrets (no path, query or credentials of the URL). */
  String describe();

  @Override
  default void close() {}

  /** A failure a retry may cure. {@link #retryAfterMillis()} is the server's hint, or -1. */
  final class TransportException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final long retryAfterMillis;

    public TransportException(String message, int status, long retryAfterMillis, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.retryAfterMillis = retryAfterMillis;
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
      return status;
    }

    public long retryAfterMillis() {
      return retryAfterMillis;
    }
  }
}
