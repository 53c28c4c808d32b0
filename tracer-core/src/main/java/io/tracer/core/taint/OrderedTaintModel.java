package io.tracer.core.taint;


import java.util.List;

/**
 * The ordered models: the inputs' segment vectors are laid end to end into one stream, and the
 * outputs consume it one after the other; the fee takes the tail. The variants differ only in the
 * order of inputs in the stream and of outputs taking from it. Each output's vector is the exact
 * slice it took, so multi-hop results stay exact.
 */
abstract class OrderedTaintModel extends AbstractTaintModel {
  private final boolean reverseInputs;
  private final boolean reverseOutputs;

  OrderedTaintModel(boolean reverseInputs, boolean reverseOutputs) {
    this.reverseInputs = reverseInputs;
    this.reverseOutputs = reverseOutputs;
  }

  @Override
  public final boolean isOrdered() {
    return true;
  }

  @Override
  public final boolean conservesTaint() {
    return true;
  }

  @Override
  final TxResult rule(
      List<TaintState> inputs, long[] outs, long total, long taint, long fee, FeePolicy policy) {
    int n = inputs.size();
    Segments[] vec = new Segments[n];
    int pieces = 0;
    for (int i = 0; i < n; i++) {
      vec[i] = inputs.get(i).segmentsForOrdered();
      pieces += vec[i].size();
    }
    Stream stream = new Stream(pieces);
    Segments.Builder feeB = new Segments.Builder(2);
    boolean proRata = policy == FeePolicy.PRO_RATA_FIRST && fee > 0;
    long[] shares = proRata ? feeShares(inputs, total, fee) : null;
    for (int k = 0; k < n; k++) {
      int i = reverseInputs ? n - 1 - k : k;
      if (proRata) {
        long head = vec[i].total() - shares[i];
        stream.append(vec[i], 0, head);
        appendSlice(feeB, vec[i], head, shares[i]);
      } else {
        stream.append(vec[i], 0, vec[i].total());
      }
    }
    TaintState[] o = new TaintState[outs.length];
    for (int k = 0; k < outs.length; k++) {
      int j = reverseOutputs ? outs.length - 1 - k : k;
      o[j] = TaintState.of(stream.take(outs[j]));
    }
    if (!proRata) {
      // the fee takes the tail; under PRO_RATA_FIRST the stream is exactly used up by the outputs
      feeB.addAll(stream.take(fee));
    }
    return new TxResult(List.of(o), TaintState.of(feeB.build()), 0);
  }

  /** Appends the slice {@code [from, from+len)} of {@code s} to {@code b}. */
  private static void appendSlice(Segments.Builder b, Segments s, long from, long len) {
    long pos = 0;
    long end = from + len;
    long[] l = s.lengthsNoCopy();
    for (int i = 0; i < l.length && pos < end; i++) {
      long a = Math.max(pos, from);
      long z = Math.min(pos + l[i], end);
      if (z > a) {
        b.add(z - a, s.isTainted(i));
      }
      pos += l[i];
    }
  }

  /** The concatenated input runs and a read cursor. */
  private static final class Stream {
    private long[] len;
    private boolean[] flag;
    private int size;
    private int at;
    private long used; // consumed from len[at]

    Stream(int capacity) {
      len = new long[Math.max(capacity, 1)];
      flag = new boolean[len.length];
    }

    void append(Segments s, long from, long count) {
      long pos = 0;
      long end = from + count;
      long[] l = s.lengthsNoCopy();
      for (int i = 0; i < l.length && pos < end; i++) {
        long a = Math.max(pos, from);
        long z = Math.min(pos + l[i], end);
        if (z > a) {
          if (size == len.length) {
            len = java.util.Arrays.copyOf(len, size * 2);
            flag = java.util.Arrays.copyOf(flag, size * 2);
          }
          len[size] = z - a;
          flag[size++] = s.isTainted(i);
        }
        pos += l[i];
      }
    }

    Segments take(long amount) {
      if (amount > 0 && at < size && len[at] - used >= amount) {
        // The common case: one run covers the whole amount, so the slice is a single segment.
        used += amount;
        boolean t = flag[at];
        if (used == len[at]) {
          at++;
          used = 0;
        }
        return t ? Segments.tainted(amount) : Segments.clean(amount);
      }
      Segments.Builder b = new Segments.Builder(2);
      long need = amount;
      while (need > 0) {
        if (at >= size) {
          throw new IllegalStateException("stream exhausted: inputs do not cover outputs");
        }
        long avail = len[at] - used;
        long t = Math.min(avail, need);
        b.add(t, flag[at]);
        need -= t;
        used += t;
        if (used == len[at]) {
          at++;
          used = 0;
        }
      }
      return b.build();
    }
  }

}
