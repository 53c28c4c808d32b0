package io.tracer.core.model;

import java.util.Objects;

/**
 * An output of a UTXO transaction. Every output has an address: adapters give scripts without one
 * (multisig, non-standard, OP_RETURN) a stable {@linkplain Address#pseudo pseudo-address}, so no
 * output is ever dropped.
 */
public record TxOut(int index, Address address, long value, OutputType type) {
  public TxOut {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    if (index < 0) {
      throw new IllegalArgumentException("output index must not be negative: " + index);
    }
    if (value < 0) {
      throw new IllegalArgumentException("output value must not be negative: " + value);
    }
  }
}
