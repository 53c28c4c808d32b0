package io.tracer.core.cluster;

import java.util.Arrays;
import java.util.Objects;

/**
 * The primitive clustering engine on interned ids: union-find plus an evidence log with one
 * record per successful merge, and the {@link SuperClusterGuard}. {@link AddressClustering} drives
 * it from transactions; the benchmark drives it directly. Not thread-safe.
 */
public final class IdClusterer {
  /** {@link #merge} result: the two ids were joined. */
  public static final int MERGED = 1;
  /** {@link #merge} result: the two ids were already in one cluster; nothing recorded. */
  public static final int SAME = 0;
  /** {@link #merge} result: the guard refused the merge; it is recorded as refused. */
  public static final int REFUSED = -1;

  private final UnionFind uf;
  private final MergeLog merges;
  private final MergeLog refused;
  private int[] refusedSizes = new int[16];
  private final SuperClusterGuard guard;

  public IdClusterer(int expectedIds, int expectedMerges, SuperClusterGuard guard) {
    this.uf = new UnionFind(expectedIds);
    this.merges = new MergeLog(expectedMerges);
    this.refused = new MergeLog(16);
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /** Makes sure ids {@code 0..count-1} exist. */
  public void ensure(int count) {
    uf.ensure(count);
  }

  /**
   * Merges the clusters of {@code a} and {@code b} on the evidence of {@code rule} in transaction
   * {@code tx}.
   *
   * @return {@link #MERGED}, {@link #SAME} or {@link #REFUSED}
   */
  public int merge(int a, int b, int rule, int tx, int confidence) {
    int ra = uf.find(a);
    int rb = uf.find(b);
    if (ra == rb) {
      return SAME;
    }
    if (guard.refuses(uf.setSize(ra), uf.setSize(rb), confidence)) {
      int i = refused.size();
      refused.add(a, b, rule, tx, confidence);
      if (2 * i + 1 >= refusedSizes.length) {
        refusedSizes = Arrays.copyOf(refusedSizes, refusedSizes.length * 2);
      }
      refusedSizes[2 * i] = uf.setSize(ra);
      refusedSizes[2 * i + 1] = uf.setSize(rb);
      return REFUSED;
    }
    uf.unionRoots(ra, rb);
    merges.add(a, b, rule, tx, confidence);
    return MERGED;
  }

  /**
   * Common-input ownership for one transaction: merges {@code ids[from+1..to)} each with {@code
   * ids[from]}.
   *
   * @return the number of successful merges
   */
  public int mergeAll(int[] ids, int from, int to, int rule, int tx, int confidence) {
    int merged = 0;
    int first = ids[from];
    for (int i = from + 1; i < to; i++) {
      if (merge(first, ids[i], rule, tx, confidence) == MERGED) {
        merged++;
      }
    }
    return merged;
  }

  public UnionFind unionFind() {
    return uf;
  }

  public MergeLog merges() {
    return merges;
  }

  public MergeLog refused() {
    return refused;
  }

  /** Sizes of the two clusters at the time refusal {@code i} happened. */
  public int refusedSizeA(int i) {
    return refusedSizes[2 * i];
  }

  public int refusedSizeB(int i) {
    return refusedSizes[2 * i + 1];
  }

  public SuperClusterGuard guard() {
    return guard;
  }
}
