package io.tracer.core.model;

import java.util.Objects;

/** An input of a transaction: the spending side of an {@link OutPoint}. */
public record InPoint(TxId txId, int index) {
  public InPoint {
    Objects.requireNonNull(txId, "txId");
    if (index < 0) {
      throw new IllegalArgumentException("input index must not be negative: " + index);
    }
  }

  @Override
  public String toString() {
    return txId + "#in" + index;
  }
}
