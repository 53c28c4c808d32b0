package io.tracer.core.model;

import java.util.Objects;

/** An output of a transaction: {@code txid:vout}. */
public record OutPoint(TxId txId, int index) implements Comparable<OutPoint> {
  public OutPoint {
    Objects.requireNonNull(txId, "txId");
    if (index < 0) {
      throw new IllegalArgumentException("output index must not be negative: " + index);
    }
  }

  /** Parses {@code txid:vout}. */
  public static OutPoint parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("an outpoint is TXID:INDEX, got '" + t + "'");
    }
    int index;
    try {
      index = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      String digits = t.substring(colon + 1);
      throw new IllegalArgumentException(digits.matches("[0-9]+")
          ? "output index " + digits + " is beyond any output (2^31 - 1 at most) in '" + t + "'"
          : "output index is not a number in '" + t + "'", e);
    }
    return new OutPoint(TxId.parse(t.substring(0, colon)), index);
  }

  @Override
  public int compareTo(OutPoint o) {
    int c = txId.compareTo(o.txId);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return txId + ":" + index;
  }
}
