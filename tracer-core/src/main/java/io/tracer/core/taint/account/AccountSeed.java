package io.tracer.core.taint.account;

import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import java.util.Objects;

/**
 * Where taint enters an account-model propagation. A seeded transfer delivers its whole amount as
 * taint; the sender is still debited by the model (the difference is the taint the seed adds).
 */
public final class AccountSeed {
  private enum Kind {
    TRANSFER,
    TRANSACTION,
    SOURCE_ADDRESS
  }

  private final Kind kind;
  private final TxId tx;
  private final int position;
  private final Address address;

  private AccountSeed(Kind kind, TxId tx, int position, Address address) {
    this.kind = kind;
    this.tx = tx;
    this.position = position;
    this.address = address;
  }

  /** The transfer at {@code position} (−1 for the top-level value, else trace/log index) of a tx. */
  public static AccountSeed transfer(TxId tx, int position) {
    if (position < -1) {
      throw new IllegalArgumentException("position must be -1 or more: " + position);
    }
    return new AccountSeed(Kind.TRANSFER, Objects.requireNonNull(tx, "tx"), position, null);
  }

  /** Every value transfer of a transaction (not its gas). */
  public static AccountSeed transaction(TxId tx) {
    return new AccountSeed(Kind.TRANSACTION, Objects.requireNonNull(tx, "tx"), 0, null);
  }

  /**
   * A flagged source: every outflow of this address (any asset, gas included) is fully tainted.
   */
  public static AccountSeed sourceAddress(Address address) {
    return new AccountSeed(Kind.SOURCE_ADDRESS, null, 0, Objects.requireNonNull(address, "address"));
  }

  /**
   * Parses {@code TXID} (whole transaction) or {@code TXID:N} (one transfer; N may be -1).
   *
   * @throws IllegalArgumentException for a malformed seed
   */
  public static AccountSeed parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      return transaction(TxId.parse(t));
    }
    int pos;
    try {
      pos = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("transfer position is not a number in '" + t + "'", e);
    }
    return transfer(TxId.parse(t.substring(0, colon)), pos);
  }

  boolean matches(Transfer t) {
    switch (kind) {
      case TRANSFER:
        return t.txId().equals(tx) && t.position() == position && t.kind() != TransferKind.FEE;
      case TRANSACTION:
        return t.txId().equals(tx) && t.kind() != TransferKind.FEE;
      default:
        return t.from().equals(address);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AccountSeed)) {
      return false;
    }
    AccountSeed s = (AccountSeed) o;
    return kind == s.kind
        && position == s.position
        && Objects.equals(tx, s.tx)
        && Objects.equals(address, s.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, tx, position, address);
  }

  /**
   * {@code 0xTXID}, {@code 0xTXID:N} or {@code source ADDRESS}: account chains write transaction
   * hashes with {@code 0x}, as every other txid in an account report is written ({@link #parse}
   * reads both forms).
   */
  @Override
  public String toString() {
    switch (kind) {
      case TRANSFER:
        return tx.toHex0x() + ":" + position;
      case TRANSACTION:
        return tx.toHex0x();
      default:
        return "source " + address;
    }
  }
}
