package io.tracer.core.index;

import java.util.function.IntUnaryOperator;

/**
 * An int column stored as one byte per entry. Columns such as a transaction's version, lock time
 * or an input's sequence take one of a handful of values nearly always (version 1 or 2, lock time
 * 0, sequence 0xffffffff): each entry holds the code of one of the {@code common} values given, and
 * the rare others are kept as exceptions. Every int round-trips exactly. Immutable.
 */
final class ByteCodedInts {
  private static final int ESCAPE = 0xff;

  private final int[] common;
  private final byte[] codes;
  private final SparseInts exceptions;

  private ByteCodedInts(int[] common, byte[] codes, SparseInts exceptions) {
    this.common = common;
    this.codes = codes;
    this.exceptions = exceptions;
  }

  /** Encodes {@code values.applyAsInt(0..size-1)}; {@code common} holds at most 255 values. */
  static ByteCodedInts of(int size, IntUnaryOperator values, int... common) {
    if (common.length >= ESCAPE) {
      throw new IllegalArgumentException("at most 255 common values");
    }
    byte[] codes = new byte[size];
    SparseInts.Builder ex = new SparseInts.Builder();
    for (int i = 0; i < size; i++) {
      int v = values.applyAsInt(i);
      int c = 0;
      while (c < common.length && common[c] != v) {
        c++;
      }
      if (c == common.length) {
        c = ESCAPE;
        ex.add(i, v);
      }
      codes[i] = (byte) c;
    }
    return new ByteCodedInts(common.clone(), codes, ex.build());
  }

  int get(int i) {
    int c = codes[i] & 0xff;
    return c != ESCAPE ? common[c] : exceptions.get(i, 0);
  }

  int size() {
    return codes.length;
  }

  long bytes() {
    return codes.length + 4L * common.length + exceptions.bytes();
  }
}
