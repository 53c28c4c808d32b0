package io.tracer.core.index;

/** How the ledger's growable arrays grow, and where one Java array ends. */
final class Capacity {
  /** The largest array length the JVMs we run on allocate. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Capacity() {}

  /**
   * A capacity of at least {@code need} rows (twice the current one if that is more), each row
   * taking {@code width} slots of one array; a clear error past what an array holds. {@code need}
   * is a long so that a sum past an int is refused rather than wrapped round.
   */
  static int grown(long need, int current, int width, String rows) {
    long limit = MAX_ARRAY / width;
    if (need > limit) {
      throw new IllegalStateException(
          "more than " + limit + " " + rows + " in one in-memory ledger; load fewer blocks");
    }
    return (int) Math.min(limit, Math.max(need, 2L * current));
  }
}
