package io.tracer.core.index;

import java.util.function.IntUnaryOperator;

/**
 * An int column stored as two bytes per entry: values in {@code [0, 0xfffe]} directly, the rest as
 * exceptions. For columns that are small nearly always but may hold any int (a transaction's
 * virtual size: below 65535 bytes for all but a few mainnet transactions). Immutable.
 */
final class CharInts {
  private static final char ESCAPE = 0xffff;

  private final char[] values;
  private final SparseInts exceptions;

  private CharInts(char[] values, SparseInts exceptions) {
    this.values = values;
    this.exceptions = exceptions;
  }

  static CharInts of(int size, IntUnaryOperator source) {
    char[] values = new char[size];
    SparseInts.Builder ex = new SparseInts.Builder();
    for (int i = 0; i < size; i++) {
      int v = source.applyAsInt(i);
      if (v >= 0 && v < ESCAPE) {
        values[i] = (char) v;
      } else {
        values[i] = ESCAPE;
        ex.add(i, v);
      }
    }
    return new CharInts(values, ex.build());
  }

  int get(int i) {
    char c = values[i];
    return c != ESCAPE ? c : exceptions.get(i, 0);
  }

  int size() {
    return values.length;
  }

  long bytes() {
    return 2L * values.length + exceptions.bytes();
  }
}
