package io.tracer.core.taint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered taint vector: the value of an output as a sequence of runs, each tainted or clean, in
 * the order the ordered models (FIFO, LIFO) paid them in (BlockSci {@code ComplexTaint}, zkokelj
 * {@code TaintVector}). Adjacent runs of the same flag are always merged and empty runs dropped, so
 * flags alternate and {@link #size()} is the true segment count. Immutable.
 *
 * <p>Text form (parsed back by {@link #parse}): {@code [(1000,T),(4000,C)]}; {@code []} for zero
 * value.
 */
public final class Segments {
  private static final long[] NONE = new long[0];
  public static final Segments EMPTY = new Segments(false, NONE, 0, 0);

  private final boolean firstTainted;
  private final long[] lengths;
  private final long total;
  private final long tainted;

  private Segments(boolean firstTainted, long[] lengths, long total, long tainted) {
    this.firstTainted = firstTainted;
    this.lengths = lengths;
    this.total = total;
    this.tainted = tainted;
  }

  /** One run of a vector. */
  public record Segment(long length, boolean tainted) {
    public Segment {
      if (length < 0) {
        throw new IllegalArgumentException("segment length must not be negative: " + length);
      }
    }
  }

  /** {@code value} units, all clean. */
  public static Segments clean(long value) {
    return single(value, false);
  }

  /** {@code value} units, all tainted. */
  public static Segments tainted(long value) {
    return single(value, true);
  }

  private static Segments single(long value, boolean t) {
    if (value < 0) {
      throw new IllegalArgumentException("value must not be negative: " + value);
    }
    return value == 0 ? EMPTY : new Segments(t, new long[] {value}, value, t ? value : 0);
  }

  /**
   * A vector of runs already merged: positive lengths whose flags alternate from {@code
   * firstTainted}, summing to {@code total}, the tainted ones to {@code tainted}. Taken as is (no
   * copy): for the ordered models' streams, which build exactly that.
   */
  static Segments ofRuns(boolean firstTainted, long[] lengths, long total, long tainted) {
    return lengths.length == 0 ? EMPTY : new Segments(firstTainted, lengths, total, tainted);
  }

  /** The vector of these runs, merged. */
  public static Segments of(List<Segment> runs) {
    Builder b = new Builder(runs.size());
    for (Segment s : runs) {
      b.add(s.length(), s.tainted());
    }
    return b.build();
  }

  /** Parses the {@link #toString()} form, e.g. {@code [(1000,T),(4000,C)]}. */
  public static Segments parse(String text) {
    String t = text.replace(" ", "");
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException("segments look like [(1000,T),(4000,C)]: '" + text + "'");
    }
    String body = t.substring(1, t.length() - 1);
    List<Segment> runs = new ArrayList<>();
    if (!body.isEmpty()) {
      for (String part : body.split("\\),\\(", -1)) {
        String p = part.replace("(", "").replace(")", "");
        int comma = p.indexOf(',');
        if (comma < 0) {
          throw new IllegalArgumentException("bad segment '" + part + "' in '" + text + "'");
        }
        String flag = p.substring(comma + 1);
        if (!flag.equals("T") && !flag.equals("C")) {
          throw new IllegalArgumentException("segment flag must be T or C: '" + text + "'");
        }
        long len;
        try {
          len = Long.parseLong(p.substring(0, comma));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad segment length in '" + text + "'", e);
        }
        runs.add(new Segment(len, flag.equals("T")));
      }
    }
    return of(runs);
  }

  /** Number of runs after merging (the figure the FIFO benchmark tracks). */
  public int size() {
    return lengths.length;
  }

  public long length(int i) {
    return lengths[i];
  }

  /** Whether run {@code i} is tainted; flags alternate. */
  public boolean isTainted(int i) {
    Objects.checkIndex(i, lengths.length);
    return ((i & 1) == 0) == firstTainted;
  }

  /** Total value (Σ run lengths). */
  public long total() {
    return total;
  }

  /** Σ lengths of tainted runs. */
  public long tainted() {
    return tainted;
  }

  public List<Segment> toList() {
    List<Segment> l = new ArrayList<>(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      l.add(new Segment(lengths[i], isTainted(i)));
    }
    return l;
  }

  boolean firstTainted() {
    return firstTainted;
  }

  long[] lengthsNoCopy() {
    return lengths;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Segments)) {
      return false;
    }
    Segments s = (Segments) o;
    return Arrays.equals(lengths, s.lengths) && (lengths.length == 0 || firstTainted == s.firstTainted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengths) * 31 + (lengths.length > 0 && firstTainted ? 1 : 0);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < lengths.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('(').append(lengths[i]).append(',').append(isTainted(i) ? 'T' : 'C').append(')');
    }
    return sb.append(']').toString();
  }

  /** Appends runs, merging adjacent runs of the same flag and dropping empty ones. Not thread-safe. */
  static final class Builder {
    private long[] lens;
    private int n;
    private boolean first;
    private boolean lastFlag;
    private long total;
    private long tainted;

    Builder(int capacity) {
      lens = new long[Math.max(capacity, 2)];
    }

    Builder add(long length, boolean t) {
      if (length < 0) {
        throw new IllegalArgumentException("segment length must not be negative: " + length);
      }
      if (length == 0) {
        return this;
      }
      total = Math.addExact(total, length);
      if (t) {
        tainted += length;
      }
      if (n > 0 && lastFlag == t) {
        lens[n - 1] += length;
        return this;
      }
      if (n == 0) {
        first = t;
      }
      if (n == lens.length) {
        lens = Arrays.copyOf(lens, n * 2);
      }
      lens[n++] = length;
      lastFlag = t;
      return this;
    }

    Builder addAll(Segments s) {
      for (int i = 0; i < s.lengths.length; i++) {
        add(s.lengths[i], s.isTainted(i));
      }
      return this;
    }

    long total() {
      return total;
    }

    Segments build() {
      if (n == 0) {
        return EMPTY;
      }
      return new Segments(first, n == lens.length ? lens : Arrays.copyOf(lens, n), total, tainted);
    }
  }
}
