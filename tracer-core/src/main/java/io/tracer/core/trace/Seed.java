package io.tracer.core.trace;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.util.Objects;

/** Where a trace starts: a transaction, one output of a transaction, or an address. */
public final class Seed {
  /** What kind of thing the seed is. */
  public enum Kind {
    TRANSACTION,
    OUTPUT,
    ADDRESS
  }

  private final Kind kind;
  private final TxId tx;
  private final OutPoint output;
  private final Address address;

  private Seed(Kind kind, TxId tx, OutPoint output, Address address) {
    this.kind = kind;
    this.tx = tx;
    this.output = output;
    this.address = address;
  }

  public static Seed transaction(TxId tx) {
    return new Seed(Kind.TRANSACTION, Objects.requireNonNull(tx), null, null);
  }

  public static Seed output(OutPoint out) {
    return new Seed(Kind.OUTPUT, out.txId(), Objects.requireNonNull(out), null);
  }

  public static Seed address(Address a) {
    return new Seed(Kind.ADDRESS, null, null, Objects.requireNonNull(a));
  }

  /**
   * Reads {@code TXID}, {@code TXID:N} or an address. On EVM chains {@code 0x} + 64 hex digits is a
   * transaction and {@code 0x} + 40 hex digits an address.
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static Seed parse(String text, Chain chain) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon > 0 && TxId.isTxId(t.substring(0, colon))) {
      return output(OutPoint.parse(t));
    }
    if (TxId.isTxId(t)) {
      return transaction(TxId.parse(t));
    }
    return address(Address.parse(t, chain));
  }

  public Kind kind() {
    return kind;
  }

  /** The transaction of a TRANSACTION or OUTPUT seed. */
  public TxId tx() {
    return tx;
  }

  /** The output of an OUTPUT seed. */
  public OutPoint output() {
    return output;
  }

  /** The address of an ADDRESS seed. */
  public Address address() {
    return address;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Seed)) {
      return false;
    }
    Seed s = (Seed) o;
    return kind == s.kind
        && Objects.equals(tx, s.tx)
        && Objects.equals(output, s.output)
        && Objects.equals(address, s.address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, tx, output, address);
  }

  @Override
  public String toString() {
    switch (kind) {
      case TRANSACTION:
        return tx.toString();
      case OUTPUT:
        return output.toString();
      default:
        return address.toString();
    }
  }
}
