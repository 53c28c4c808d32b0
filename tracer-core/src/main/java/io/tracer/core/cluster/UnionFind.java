package io.tracer.core.cluster;

import java.util.Arrays;

/**
 * Disjoint sets over ids {@code 0..n-1}: path halving, union by size, and the smallest id of each
 * set kept at its root (the earliest address, since ids are handed out in chain order). Grows on
 * demand. Not thread-safe.
 *
 * <p>Memory: three {@code int}s per element.
 */
public final class UnionFind {
  private int[] parent;
  private int[] size;
  private int[] min;
  private int n;

  public UnionFind(int initialCapacity) {
    int c = Math.max(16, initialCapacity);
    parent = new int[c];
    size = new int[c];
    min = new int[c];
  }

  private UnionFind(UnionFind o) {
    parent = Arrays.copyOf(o.parent, o.n);
    size = Arrays.copyOf(o.size, o.n);
    min = Arrays.copyOf(o.min, o.n);
    n = o.n;
  }

  /** A copy with the same sets. */
  public UnionFind copy() {
    return new UnionFind(this);
  }

  /** Number of elements. */
  public int size() {
    return n;
  }

  /** Makes sure ids {@code 0..count-1} exist, each new one in its own set. */
  public void ensure(int count) {
    if (count <= n) {
      return;
    }
    if (count > parent.length) {
      int c = Math.max(count, (int) Math.min(Integer.MAX_VALUE - 8, parent.length * 3L / 2 + 16));
      parent = Arrays.copyOf(parent, c);
      size = Arrays.copyOf(size, c);
      min = Arrays.copyOf(min, c);
    }
    for (int i = n; i < count; i++) {
      parent[i] = i;
      size[i] = 1;
      min[i] = i;
    }
    n = count;
  }

  /** The root of {@code x}'s set (path halving). */
  public int find(int x) {
    int[] p = parent;
    while (p[x] != x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  /** The root of {@code x}'s set without changing anything (safe for concurrent readers). */
  public int findNoCompress(int x) {
    while (parent[x] != x) {
      x = parent[x];
    }
    return x;
  }

  /** Number of elements in the set whose root is {@code root}. */
  public int setSize(int root) {
    return size[root];
  }

  /** The smallest id in the set whose root is {@code root}. */
  public int setMin(int root) {
    return min[root];
  }

  /**
   * Joins the sets of two roots (union by size).
   *
   * @return the new root
   */
  public int unionRoots(int ra, int rb) {
    if (ra == rb) {
      return ra;
    }
    if (size[ra] < size[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
    min[ra] = Math.min(min[ra], min[rb]);
    return ra;
  }

  /** Joins the sets of {@code a} and {@code b}; returns false if they were already one. */
  public boolean union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return false;
    }
    unionRoots(ra, rb);
    return true;
  }

  /** Number of sets. */
  public int countSets() {
    int c = 0;
    for (int i = 0; i < n; i++) {
      c += parent[i] == i ? 1 : 0;
    }
    return c;
  }

  /** Compresses every path so that later {@link #findNoCompress} calls are one step. */
  public void flatten() {
    for (int i = 0; i < n; i++) {
      parent[i] = find(i);
    }
  }
}
