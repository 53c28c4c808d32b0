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
  private static final long[] NO_VALUE = {};

  static {
    POW10[0] = 1;
    for (int e = 1; e < POW10.length; e++) {
      POW10[e] = POW10[e - 1] * 10;
    }
  }

  // >= 0: the value; MIN_VALUE: an exception; else ~code = mantissa << 4 | exponent
  private final int[] codes;
  private final int[] exIndex;
  private final long[] exValue;
  // exFrom[c]: the first exception at or after entry c << CHUNK_SHIFT, so that a lookup searches
  // only its chunk's exceptions (an engine reads large values of hot wallets over and over)
  private final int[] exFrom;
  private static final int CHUNK_SHIFT = 12;

  private AmountColumn(int[] codes, int[] exIndex, long[] exValue) {
    this.codes = codes;
    this.exIndex = exIndex;
    this.exValue = exValue;
    if (exIndex.length == 0) {
      this.exFrom = NO_INDEX;
    } else {
      int chunks = (codes.length >>> CHUNK_SHIFT) + 1;
      exFrom = new int[chunks + 1];
      for (int c = 0, e = 0; c <= chunks; c++) {
        while (e < exIndex.length && exIndex[e] < (long) c << CHUNK_SHIFT) {
          e++;
        }
        exFrom[c] = e;
      }
    }
  }

  static AmountColumn of(int size, IntToLongFunction values) {
    int[] codes = new int[size];
    int[] exIndex = NO_INDEX;
    long[] exValue = NO_VALUE;
    int ex = 0;
    for (int i = 0; i < size; i++) {
      long v = values.applyAsLong(i);
      int code = encode(v);
      if (code == Integer.MIN_VALUE) {
        if (ex == exIndex.length) {
          exIndex = Arrays.copyOf(exIndex, Math.max(4, ex * 2));
          exValue = Arrays.copyOf(exValue, exIndex.length);
        }
        exIndex[ex] = i;
        exValue[ex++] = v;
      }
      codes[i] = code;
    }
    return ex == 0
        ? new AmountColumn(codes, NO_INDEX, NO_VALUE)
        : new AmountColumn(codes, Arrays.copyOf(exIndex, ex), Arrays.copyOf(exValue, ex));
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
    int chunk = i >>> CHUNK_SHIFT;
    return exValue[Arrays.binarySearch(exIndex, exFrom[chunk], exFrom[chunk + 1], i)];
  }

  int size() {
    return codes.length;
  }

  long bytes() {
    return 4L * codes.length + 4L * exIndex.length + 8L * exValue.length + 4L * exFrom.length;
  }
}
