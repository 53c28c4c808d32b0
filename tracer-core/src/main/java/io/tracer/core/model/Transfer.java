package io.tracer.core.model;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * One movement of value on an account-model chain: native ETH, an internal call, a token transfer,
 * or gas. Engines process transfers in {@link #ORDER}: block, transaction index, then {@code
 * position} (−1 for the transaction's own value, then trace/log order; gas comes after the value,
 * as HEURISTICS.md §4.2 requires).
 *
 * @param txId the transaction that made it
 * @param block block height, transaction index in the block, block time
 * @param position order inside the transaction: −1 for the top-level value, then trace or log
 *     index; gas uses {@link #FEE_POSITION}
 * @param from sender (for a {@link TransferKind#REWARD} or {@link TransferKind#WITHDRAWAL}: a
 *     pseudo-address for the source of new coins)
 * @param to receiver (for {@link TransferKind#FEE}: {@link Address#feeSink})
 * @param asset what moved
 * @param amount base units (wei, token base units), never negative
 * @param kind what kind of movement
 * @param success false when the transaction failed: it moves no value, but its gas is still paid
 */
public record Transfer(
    TxId txId,
    BlockRef block,
    int position,
    Address from,
    Address to,
    Asset asset,
    BigInteger amount,
    TransferKind kind,
    boolean success) {

  /** Position of the gas transfer: after every value movement of the same transaction. */
  public static final int FEE_POSITION = Integer.MAX_VALUE;

  public static final Comparator<Transfer> ORDER =
      Comparator.comparing(Transfer::block).thenComparingInt(Transfer::position);

  public Transfer {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(kind, "kind");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("transfer amount must not be negative: " + amount);
    }
    if (position < -1) {
      throw new IllegalArgumentException("position must be -1 or more: " + position);
    }
  }

  public Amount value() {
    return Amount.of(asset, amount);
  }

  /** True if this transfer really moves value (failed transactions move none, except gas). */
  public boolean movesValue() {
    return (success || kind == TransferKind.FEE) && amount.signum() > 0;
  }
}
