package io.tracer.core.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where a transaction sits in its chain: block height, position in the block and block time.
 * Engines process transactions in this order (height, then position), as HEURISTICS.md §4 requires
 * for same-block spends.
 */
public record BlockRef(long height, int position, Instant time) implements Comparable<BlockRef> {
  /** Height used where the block is not known (a loose transaction). Sorts last. */
  public static final long UNKNOWN_HEIGHT = Long.MAX_VALUE;

  private static final Comparator<BlockRef> ORDER =
      Comparator.comparingLong(BlockRef::height).thenComparingInt(BlockRef::position);

  public BlockRef {
    Objects.requireNonNull(time, "time");
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative: " + height);
    }
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
  }

  public static BlockRef of(long height, int position, Instant time) {
    return new BlockRef(height, position, time);
  }

  @Override
  public int compareTo(BlockRef o) {
    return ORDER.compare(this, o);
  }
}
