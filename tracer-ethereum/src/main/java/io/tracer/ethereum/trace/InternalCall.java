package io.tracer.ethereum.trace;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One message call or creation inside a transaction (never the transaction's own top-level call),
 * or a block reward from a {@code trace_block} answer.
 *
 * @param type what the EVM did
 * @param from the account whose balance pays (for DELEGATECALL/CALLCODE: the calling context)
 * @param to the receiver; for CREATE/CREATE2 the new contract (null if creation failed)
 * @param value wei moved; {@code null} when the trace format does not say (a SELFDESTRUCT seen in
 *     struct logs sends the whole balance, which the log does not show)
 * @param success true only if this call and every frame around it completed
 * @param depth 1 for calls made by the top-level frame, 2 for theirs, and so on; 0 for rewards
 */
public record InternalCall(
    Type type, String from, String to, BigInteger value, boolean success, int depth) {

  /** The EVM's call and creation kinds, plus block rewards. */
  public enum Type {
    CALL,
    CALLCODE,
    DELEGATECALL,
    STATICCALL,
    CREATE,
    CREATE2,
    SELFDESTRUCT,
    REWARD;

    /** Calls of this type move ETH from {@code from} to a different account when value > 0. */
    public boolean transfersValue() {
      // CALLCODE runs foreign code in the caller's own context: the value goes back to the caller.
      return this != CALLCODE && this != DELEGATECALL && this != STATICCALL;
    }

    /** A contract comes into being. */
    public boolean creates() {
      return this == CREATE || this == CREATE2;
    }
  }

  public InternalCall {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(from, "from");
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException("negative call value");
    }
  }

  /** True if ETH really moved: a value type, a known positive value, success and a receiver. */
  public boolean movesValue() {
    return success && type.transfersValue() && to != null && value != null && value.signum() > 0;
  }
}
