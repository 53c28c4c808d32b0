package io.tracer.core.index;

import java.util.Arrays;

/**
 * A non-decreasing column of non-negative ints (offsets: where each transaction's inputs start,
 * where each address's key or postings start) in about two bytes an entry instead of four. Entries
 * come in chunks of 64: a chunk holds its first value and each entry's distance from it as a char.
 * A chunk whose values span more than a char (a run of transactions with tens of thousands of
 * inputs) keeps its 64 values as ints instead. Immutable.
 */
final class MonotoneInts {
  private static final int SHIFT = 6;
  private static final int CHUNK = 1 << SHIFT;

  private final int size;
  private final int[] base; // per chunk: its first value, or -(1 + offset in wide) for a wide chunk
  private final char[] rel; // distance from the chunk's first value (unused in wide chunks)
  private final int[] wide;

  private MonotoneInts(int size, int[] base, char[] rel, int[] wide) {
    this.size = size;
    this.base = base;
    this.rel = rel;
    this.wide = wide;
  }

  /** Packs {@code values[0, size)}, which must be non-decreasing and non-negative. */
  static MonotoneInts of(int[] values, int size) {
    int chunks = (size + CHUNK - 1) >>> SHIFT;
    int[] base = new int[chunks];
    char[] rel = new char[size];
    int[] wide = new int[0];
    int wideUsed = 0;
    for (int c = 0; c < chunks; c++) {
      int from = c << SHIFT;
      int to = Math.min(size, from + CHUNK);
      int first = values[from];
      if (first < 0 || values[to - 1] < first) {
        throw new IllegalArgumentException("values must be non-negative and non-decreasing");
      }
      if (values[to - 1] - first <= Character.MAX_VALUE) {
        base[c] = first;
        for (int i = from; i < to; i++) {
          rel[i] = (char) (values[i] - first);
        }
      } else {
        if (wideUsed + CHUNK > wide.length) {
          wide = Arrays.copyOf(wide, Math.max(wide.length * 2, wideUsed + CHUNK));
        }
        System.arraycopy(values, from, wide, wideUsed, to - from);
        base[c] = -(1 + wideUsed);
        wideUsed += CHUNK;
      }
    }
    return new MonotoneInts(size, base, rel, Arrays.copyOf(wide, wideUsed));
  }

  int get(int i) {
    int b = base[i >>> SHIFT];
    return b >= 0 ? b + rel[i] : wide[-(b + 1) + (i & (CHUNK - 1))];
  }

  int size() {
    return size;
  }

  /** The first index in {@code [0, hi]} whose value is greater than {@code key}; {@code hi} if none before it. */
  int upperBound(int key, int hi) {
    int lo = 0;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (get(mid) <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  long bytes() {
    return 4L * base.length + 2L * rel.length + 4L * wide.length;
  }
}
