package io.tracer.ethereum.rpc;

import io.tracer.core.source.SourceException;

/** A JSON-RPC node failed us; {@link #reason()} says how, so callers can react to each case. */
public final class EthRpcException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** How the node failed. */
  public enum Reason {
    /** Connection refused, timeout, HTTP 5xx or 429 after every retry. */
    TRANSPORT,
    /** The node answered with a JSON-RPC error object. */
    RPC_ERROR,
    /** The node does not offer a method we need (-32601 and relatives). */
    METHOD_NOT_SUPPORTED,
    /** The node has pruned the state needed (geth: "missing trie node"): use an archive node. */
    PRUNED_STATE,
    /** A block, transaction or receipt that must exist came back as {@code null}. */
    NULL_RESULT,
    /** The chain changed under the scan (parent hashes or receipt block hashes disagree). */
    REORG,
    /** The answer is malformed or carries impossible values (beyond 2^256, bad addresses). */
    BAD_RESPONSE,
    /** The answer is larger than the configured cap. */
    TOO_LARGE
  }

  private final Reason reason;
  private final Integer code;

  public EthRpcException(Reason reason, String message) {
    this(reason, null, message, null);
  }

  public EthRpcException(Reason reason, String message, Throwable cause) {
    this(reason, null, message, cause);
  }

  public EthRpcException(Reason reason, Integer code, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.code = code;
  }

  public Reason reason() {
    return reason;
  }

  /** The JSON-RPC error code, if the node sent one. */
  public Integer code() {
    return code;
  }
}
