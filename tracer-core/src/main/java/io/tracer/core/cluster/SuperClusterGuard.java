package io.tracer.core.cluster;

import io.tracer.core.heuristic.Heuristic;

/**
 * Refuses merges that would join two large clusters through a weak link, and has them reported
 * instead (a single false link otherwise collapses the graph into a "super-cluster", Meiklejohn et
 * al.). A merge is refused when <em>both</em> clusters have at least {@code minClusterSize}
 * addresses and the link's confidence is below {@code minConfidence}.
 *
 * <p>Defaults [design]: 1,000 addresses and confidence 80, so change-heuristic links (≤ 70) never
 * join two clusters of 1,000+ addresses while multi-input links (80) do.
 *
 * @param minClusterSize both sides at least this large for the guard to look (≥ 2)
 * @param minConfidence links below this confidence are refused (0 disables the guard)
 */
public record SuperClusterGuard(int minClusterSize, int minConfidence) {
  public static final int DEFAULT_MIN_CLUSTER_SIZE = 1_000;
  public static final int DEFAULT_MIN_CONFIDENCE = 80;

  public SuperClusterGuard {
    if (minClusterSize < 2) {
      throw new IllegalArgumentException("minClusterSize must be at least 2, got " + minClusterSize);
    }
    Heuristic.checkConfidence(minConfidence);
  }

  public static SuperClusterGuard defaults() {
    return new SuperClusterGuard(DEFAULT_MIN_CLUSTER_SIZE, DEFAULT_MIN_CONFIDENCE);
  }

  /** A guard that never refuses. */
  public static SuperClusterGuard disabled() {
    return new SuperClusterGuard(Integer.MAX_VALUE, 0);
  }

  public boolean isEnabled() {
    return minConfidence > 0 && minClusterSize < Integer.MAX_VALUE;
  }

  /** True if a link of {@code confidence} between clusters of these sizes must be refused. */
  public boolean refuses(int sizeA, int sizeB, int confidence) {
    return confidence < minConfidence && sizeA >= minClusterSize && sizeB >= minClusterSize;
  }
}
