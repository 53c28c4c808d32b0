package io.tracer.core.cluster;

import java.util.Arrays;

/**
 * Evidence in primitive arrays: one record per successful merge (address id, address id, rule
 * index, transaction index, confidence), 14 bytes each. Materialised as {@link Merge} objects only
 * when asked ({@code --explain}). Not thread-safe while being appended to.
 */
public final class MergeLog {
  private int[] a;
  private int[] b;
  private int[] tx;
  private byte[] rule;
  private byte[] confidence;
  private int n;

  public MergeLog(int initialCapacity) {
    int c = Math.max(16, initialCapacity);
    a = new int[c];
    b = new int[c];
    tx = new int[c];
    rule = new byte[c];
    confidence = new byte[c];
  }

  /** Appends a record. {@code rule} must be in 0..127, {@code confidence} in 0..100. */
  public void add(int idA, int idB, int ruleIndex, int txIndex, int conf) {
    if (n == a.length) {
      int c = (int) Math.min(Integer.MAX_VALUE - 8, n * 3L / 2 + 16);
      a = Arrays.copyOf(a, c);
      b = Arrays.copyOf(b, c);
      tx = Arrays.copyOf(tx, c);
      rule = Arrays.copyOf(rule, c);
      confidence = Arrays.copyOf(confidence, c);
    }
    a[n] = idA;
    b[n] = idB;
    tx[n] = txIndex;
    rule[n] = (byte) ruleIndex;
    confidence[n] = (byte) conf;
    n++;
  }

  public int size() {
    return n;
  }

  public int a(int i) {
    return a[i];
  }

  public int b(int i) {
    return b[i];
  }

  public int tx(int i) {
    return tx[i];
  }

  public int rule(int i) {
    return rule[i];
  }

  public int confidence(int i) {
    return confidence[i];
  }
}
