package io.tracer.core.index;

import java.util.Arrays;

/**
 * An int column whose nearby entries are close to each other (offsets: where each transaction's
 * inputs start, where each address's key starts; block times) in about two bytes an entry instead
 * of four. Entries come in chunks of 64: a chunk holds its smallest value and each entry's distance
 * from it as a char. A chunk whose values span more than that (a run of transactions with tens of
 * thousands of inputs, a day-long gap between blocks) keeps its 64 values as ints instead. Every
 * int round-trips exactly. Immutable.
 */
final class ChunkedInts {
  private static final int SHIFT = 6;
  private static final int CHUNK = 1 << SHIFT;
  private static final char WIDE = 0xffff; // in a chunk's first rel: its values are in wide
  private static final int[] NO_WIDE = {}; // shared by every column without wide chunks
  private static final long[] NO_WIDE_CHUNKS = {};

  private final int size;
  private final int[] base; // per chunk: its smallest value, or for a wide chunk its offset in wide
  private final char[] rel; // distance from the chunk's smallest value (< WIDE)
  private final int[] wide;
  private final long[] wideChunks; // bit c: chunk c keeps its values in wide

  private ChunkedInts(int size, int[] base, char[] rel, int[] wide, long[] wideChunks) {
    this.size = size;
    this.base = base;
    this.rel = rel;
    this.wide = wide;
    this.wideChunks = wideChunks;
  }

  /** Packs {@code values[0, size)}. */
  static ChunkedInts of(int[] values, int size) {
    int chunks = (size + CHUNK - 1) >>> SHIFT;
    int[] base = new int[chunks];
    char[] rel = new char[size];
    int[] wide = NO_WIDE;
    int wideUsed = 0;
    long[] wideChunks = new long[(chunks + 63) >>> 6];
    for (int c = 0; c < chunks; c++) {
      int from = c << SHIFT;
      int to = Math.min(size, from + CHUNK);
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int i = from; i < to; i++) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      if ((long) max - min < WIDE) {
        base[c] = min;
        for (int i = from; i < to; i++) {
          rel[i] = (char) (values[i] - min);
        }
      } else {
        if (wideUsed + CHUNK > wide.length) {
          wide = Arrays.copyOf(wide, Math.max(wide.length * 2, wideUsed + CHUNK));
        }
        System.arraycopy(values, from, wide, wideUsed, to - from);
        base[c] = wideUsed;
        rel[from] = WIDE;
        wideChunks[c >>> 6] |= 1L << c;
        wideUsed += CHUNK;
      }
    }
    return wideUsed == 0
        ? new ChunkedInts(size, base, rel, NO_WIDE, NO_WIDE_CHUNKS)
        : new ChunkedInts(size, base, rel, Arrays.copyOf(wide, wideUsed), wideChunks);
  }

  int get(int i) {
    int c = i >>> SHIFT;
    int b = base[c];
    return rel[c << SHIFT] != WIDE ? b + rel[i] : wide[b + (i & (CHUNK - 1))];
  }

  int size() {
    return size;
  }

  /**
   * For a non-decreasing column: the first index in {@code [0, hi)} whose value is greater than
   * {@code key}, {@code hi} if none.
   */
  int upperBound(int key, int hi) {
    if (hi <= 0) {
      return 0;
    }
    // First over the chunks' first values (the small base array: few cache misses), then within
    // one chunk (one or two cache lines of rel). Offsets are looked up for every spender and
    // input's transaction, so this is a hot path of the engines.
    int lo = 0;
    int h = ((hi - 1) >>> SHIFT) + 1;
    while (lo < h) {
      int mid = (lo + h) >>> 1;
      if (first(mid) <= key) {
        lo = mid + 1;
      } else {
        h = mid;
      }
    }
    if (lo == 0) {
      return 0;
    }
    return upperBound(key, (lo - 1) << SHIFT, Math.min(hi, lo << SHIFT));
  }

  /**
   * For a non-decreasing column: the first index in {@code [from, to)} whose value is greater than
   * {@code key}, {@code to} if none (a short range: a plain binary search, cache-local).
   */
  int upperBound(int key, int from, int to) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (get(mid) <= key) {
        from = mid + 1;
      } else {
        to = mid;
      }
    }
    return from;
  }

  /** The first value of chunk {@code c} of a non-decreasing column (its smallest). */
  private int first(int c) {
    int w = c >>> 6;
    return w < wideChunks.length && (wideChunks[w] & (1L << c)) != 0 ? wide[base[c]] : base[c];
  }

  long bytes() {
    return 4L * base.length + 2L * rel.length + 4L * wide.length + 8L * wideChunks.length;
  }
}
