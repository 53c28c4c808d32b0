package io.tracer.core.model;

import java.util.Objects;

/**
 * An input of a UTXO transaction. {@code prevout} is null only for the coinbase input. The spent
 * output's address and value are known when the source has the funding transaction (a block range
 * that includes it, an RPC with {@code getblock … 2}, an export with input values); otherwise
 * {@code address} is null and {@code value} is {@link #UNKNOWN_VALUE}. {@code sequence} is the
 * input's nSequence, an unsigned 32-bit value.
 */
public record TxIn(OutPoint prevout, Address address, long value, long sequence) {
  public static final long UNKNOWN_VALUE = -1;

  public TxIn {
    if (value < UNKNOWN_VALUE) {
      throw new IllegalArgumentException("input value must not be negative: " + value);
    }
    UtxoTx.requireUint32(sequence, "sequence");
  }

  public static TxIn coinbase(long sequence) {
    return new TxIn(null, null, UNKNOWN_VALUE, sequence);
  }

  public static TxIn unresolved(OutPoint prevout, long sequence) {
    return new TxIn(Objects.requireNonNull(prevout, "prevout"), null, UNKNOWN_VALUE, sequence);
  }

  public static TxIn resolved(OutPoint prevout, Address address, long value, long sequence) {
    Objects.requireNonNull(prevout, "prevout");
    Objects.requireNonNull(address, "address");
    if (value < 0) {
      throw new IllegalArgumentException("input value must not be negative: " + value);
    }
    return new TxIn(prevout, address, value, sequence);
  }

  public boolean isCoinbase() {
    return prevout == null;
  }

  /** True once the spent output's address and value are known. */
  public boolean isResolved() {
    return address != null && value >= 0;
  }

  /** This input with the spent output's address and value filled in. */
  public TxIn resolve(Address spentAddress, long spentValue) {
    return resolved(prevout, spentAddress, spentValue, sequence);
  }
}
