package io.tracer.core.index;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Output values (satoshi, non-negative longs) in four bytes each instead of eight. Most outputs
 * are below 2^31 satoshi (21.47 BTC) and are stored as they are; most of the larger ones are round
 * (a 50 BTC coinbase is 5·10^9) and are stored as a mantissa below 2^27 and a power of ten; the
 * rest are exceptions. Every long round-trips exactly. Immutable.
 */
final class AmountColumn {
  private static final int MANTISSA_LIMIT = (1 << 27) - 1; // exclusive; keeps ~code != MIN_VALUE
  private static final long[] POW10 = new long[16];
  // shared by every column without exceptions
  private static final int[] NO_INDEX = {};
  private static final long[] NO_BITS = {};
  private static final long[] NO_VALUE = {};

  static {
    POW10[0] = 1;
    for (int e = 1; e < POW10.length; e++) {
      POW10[e] = POW10[e - 1] * 10;
    }
  }

  // >= 0: the value; MIN_VALUE: an exception; else ~code = mantissa << 4 | exponent
  private final int[] codes;
  // Exceptions, when there are any: bit i of exBits says entry i is one, exRank holds the
  // exceptions in the words before each word, exValue their values in entry order. A lookup is
  // then a few array reads: a chain whose values often exceed 21 BTC without being round (a
  // benchmark's whale, an exchange's hot wallet) has a third of its outputs here.
  private final long[] exBits;
  private final int[] exRank;
  private final long[] exValue;

  private AmountColumn(int[] codes, long[] exBits, int[] exRank, long[] exValue) {
    this.codes = codes;
    this.exBits = exBits;
    this.exRank = exRank;
    this.exValue = exValue;
  }

  static AmountColumn of(int size, IntToLongFunction values) {
    int[] codes = new int[size];
    long[] exBits = null;
    long[] exValue = NO_VALUE;
    int ex = 0;
    for (int i = 0; i < size; i++) {
      long v = values.applyAsLong(i);
      int code = encode(v);
      if (code == Integer.MIN_VALUE) {
        if (exBits == null) {
          exBits = new long[(size + 63) >>> 6];
        }
        exBits[i >>> 6] |= 1L << i;
        if (ex == exValue.length) {
          exValue = Arrays.copyOf(exValue, Math.max(4, ex * 2));
        }
        exValue[ex++] = v;
      }
      codes[i] = code;
    }
    if (ex == 0) {
      return new AmountColumn(codes, NO_BITS, NO_INDEX, NO_VALUE);
    }
    int[] exRank = new int[exBits.length];
    for (int w = 0, r = 0; w < exBits.length; w++) {
      exRank[w] = r;
      r += Long.bitCount(exBits[w]);
    }
    return new AmountColumn(codes, exBits, exRank, Arrays.copyOf(exValue, ex));
  }

  /** The code of {@code v}, MIN_VALUE if it has none. */
  private static int encode(long v) {
    if (v >= 0 && v <= Integer.MAX_VALUE) {
      return (int) v;
    }
    if (v < 0) {
      return Integer.MIN_VALUE;
    }
    int e = 0;
    long m = v;
    while (e < POW10.length - 1 && m % 10 == 0) {
      m /= 10;
      e++;
    }
    return m < MANTISSA_LIMIT ? ~((int) m << 4 | e) : Integer.MIN_VALUE;
  }

  long get(int i) {
    int c = codes[i];
    if (c >= 0) {
      return c;
    }
    if (c != Integer.MIN_VALUE) {
      int d = ~c;
      return (d >>> 4) * POW10[d & 15];
    }
    int w = i >>> 6;
    return exValue[exRank[w] + Long.bitCount(exBits[w] & ((1L << i) - 1))];
  }

  int size() {
    return codes.length;
  }

  long bytes() {
    return 4L * codes.length + 8L * exBits.length + 4L * exRank.length + 8L * exValue.length;
  }
}
