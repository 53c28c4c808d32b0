package io.tracer.core.index;

import java.util.Arrays;

/**
 * The exceptions of a packed column: the few entries whose value does not fit the column's compact
 * form, as sorted indices with their values (found by binary search). Immutable.
 */
final class SparseInts {
  static final SparseInts NONE = new SparseInts(new int[0], new int[0]); // shared: no exceptions

  private final int[] index;
  private final int[] value;

  private SparseInts(int[] index, int[] value) {
    this.index = index;
    this.value = value;
  }

  /** The value at {@code i}, or {@code otherwise} if {@code i} holds none. */
  int get(int i, int otherwise) {
    int p = Arrays.binarySearch(index, i);
    return p >= 0 ? value[p] : otherwise;
  }

  int size() {
    return index.length;
  }

  long bytes() {
    return 4L * (index.length + value.length);
  }

  /** Collects exceptions in ascending index order. */
  static final class Builder {
    private int[] index = new int[4];
    private int[] value = new int[4];
    private int size;

    void add(int i, int v) {
      if (size > 0 && index[size - 1] >= i) {
        throw new IllegalArgumentException("exceptions must come in ascending index order");
      }
      if (size == index.length) {
        index = Arrays.copyOf(index, size * 2);
        value = Arrays.copyOf(value, size * 2);
      }
      index[size] = i;
      value[size++] = v;
    }

    SparseInts build() {
      return size == 0 ? NONE : new SparseInts(Arrays.copyOf(index, size), Arrays.copyOf(value, size));
    }
  }
}
