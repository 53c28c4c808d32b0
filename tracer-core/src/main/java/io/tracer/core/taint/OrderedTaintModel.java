package io.tracer.core.taint;

import java.util.Arrays;
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
    boolean proRata = policy == FeePolicy.PRO_RATA_FIRST && fee > 0;
    int pieces = 0;
    for (int i = 0; i < n; i++) {
      Segments s = inputs.get(i).segmentsOrNull();
      pieces += s == null ? 1 : s.size();
    }
    Stream stream = Stream.forPieces(pieces);
    if (proRata) {
      long[] shares = feeShares(inputs, total, fee);
      Segments.Builder feeB = new Segments.Builder(2);
      for (int k = 0; k < n; k++) {
        int i = reverseInputs ? n - 1 - k : k;
        Segments vec = inputs.get(i).segmentsForOrdered();
        long head = vec.total() - shares[i];
        stream.append(vec, 0, head);
        appendSlice(feeB, vec, head, shares[i]);
      }
      TaintState[] o = take(stream, outs);
      // under PRO_RATA_FIRST the stream is exactly used up by the outputs
      return new TxResult(Arrays.asList(o), TaintState.of(feeB.build()), 0);
    }
    for (int k = 0; k < n; k++) {
      stream.append(inputs.get(reverseInputs ? n - 1 - k : k));
    }
    TaintState[] o = take(stream, outs);
    // the fee takes the tail
    return new TxResult(Arrays.asList(o), TaintState.of(stream.take(fee)), 0);
  }

  /** Each output's slice of the stream, in the model's output order. */
  private TaintState[] take(Stream stream, long[] outs) {
    TaintState[] o = new TaintState[outs.length];
    for (int k = 0; k < outs.length; k++) {
      int j = reverseOutputs ? outs.length - 1 - k : k;
      o[j] = TaintState.of(stream.take(outs[j]));
    }
    return o;
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

    /** A thread's reused stream holds at most this many runs; a larger transaction gets its own. */
    private static final int REUSED_PIECES = 1 << 12;
    // one stream per thread, reset for each transaction: the engine applies a rule to every
    // transaction it reaches, and three fresh objects each time were a good part of its garbage
    private static final ThreadLocal<Stream> REUSED = ThreadLocal.withInitial(() -> new Stream(64));

    Stream(int capacity) {
      len = new long[Math.max(capacity, 1)];
      flag = new boolean[len.length];
    }

    /** An empty stream for about {@code pieces} runs: this thread's, reset, unless it is huge. */
    static Stream forPieces(int pieces) {
      if (pieces > REUSED_PIECES) {
        return new Stream(pieces);
      }
      Stream s = REUSED.get();
      s.size = 0;
      s.at = 0;
      s.used = 0;
      if (s.len.length < pieces) {
        s.len = new long[pieces];
        s.flag = new boolean[pieces];
      }
      return s;
    }

    /**
     * Appends a whole input. A state without a vector (a clean input, or a fully tainted seed)
     * is one run: appended as such, without building a vector for it.
     */
    void append(TaintState in) {
      Segments s = in.segmentsOrNull();
      if (s != null) {
        append(s, 0, s.total());
        return;
      }
      if (in.value() == 0) {
        return;
      }
      if (in.tainted() != 0 && in.tainted() != in.value()) {
        in.segmentsForOrdered(); // throws: the order of a partly tainted state is not known
      }
      run(in.value(), in.tainted() != 0);
    }

    private void run(long length, boolean tainted) {
      if (size == len.length) {
        len = Arrays.copyOf(len, size * 2);
        flag = Arrays.copyOf(flag, size * 2);
      }
      len[size] = length;
      flag[size++] = tainted;
    }

    void append(Segments s, long from, long count) {
      long pos = 0;
      long end = from + count;
      long[] l = s.lengthsNoCopy();
      for (int i = 0; i < l.length && pos < end; i++) {
        long a = Math.max(pos, from);
        long z = Math.min(pos + l[i], end);
        if (z > a) {
          run(z - a, s.isTainted(i));
        }
        pos += l[i];
      }
    }

    Segments take(long amount) {
      if (amount == 0) {
        return Segments.EMPTY;
      }
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
      // Several runs: count the runs of the slice (adjacent runs of one flag merge), then fill
      // an array of exactly that size. A builder growing from two doubled its array all the way
      // and copied it once more at the end: most of the FIFO engine's garbage.
      int runs = 0;
      boolean last = false;
      long need = amount;
      for (int i = at; need > 0; i++) {
        if (i >= size) {
          throw new IllegalStateException("stream exhausted: inputs do not cover outputs");
        }
        if (runs == 0 || flag[i] != last) {
          runs++;
          last = flag[i];
        }
        need -= Math.min(len[i] - (i == at ? used : 0), need);
      }
      long[] lengths = new long[runs];
      boolean first = flag[at];
      long tainted = 0;
      int r = -1;
      need = amount;
      while (need > 0) {
        long t = Math.min(len[at] - used, need);
        if (r < 0 || flag[at] != last) {
          r++;
          last = flag[at];
        }
        lengths[r] += t;
        if (last) {
          tainted += t;
        }
        need -= t;
        used += t;
        if (used == len[at]) {
          at++;
          used = 0;
        }
      }
      return Segments.ofRuns(first, lengths, amount, tainted);
    }
  }

}
