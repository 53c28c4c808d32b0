package io.tracer.core.index;

/**
 * A column of values in {@code [0, 16)} (an output's {@link io.tracer.core.model.OutputType}
 * ordinal), two to a byte: entry {@code i} is the low half of byte {@code i / 2} for even {@code
 * i}, the high half for odd. Immutable.
 */
final class Nibbles {
  static final int LIMIT = 16;

  private final int size;
  private final byte[] packed;

  private Nibbles(int size, byte[] packed) {
    this.size = size;
    this.packed = packed;
  }

  /** Packs {@code values[0, size)}, each in {@code [0, 16)}. */
  static Nibbles of(byte[] values, int size) {
    byte[] packed = new byte[(size + 1) >>> 1];
    for (int i = 0; i < size; i++) {
      int v = values[i];
      if (v < 0 || v >= LIMIT) {
        throw new IllegalArgumentException("not a nibble at " + i + ": " + v);
      }
      packed[i >>> 1] |= (byte) (v << ((i & 1) << 2));
    }
    return new Nibbles(size, packed);
  }

  /** Entry {@code i}; out of range throws (a half-used last byte would not). */
  int get(int i) {
    java.util.Objects.checkIndex(i, size);
    return (packed[i >>> 1] >>> ((i & 1) << 2)) & 0xf;
  }

  int size() {
    return size;
  }

  long bytes() {
    return packed.length;
  }
}
