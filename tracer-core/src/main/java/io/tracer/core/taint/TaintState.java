package io.tracer.core.taint;

import java.util.Objects;
import java.util.Optional;

/**
 * The taint of one value (an input, an output, a fee) in satoshi: its value, how much of it is
 * tainted, and, for the ordered models (FIFO, LIFO), the {@link Segments} vector that says in which
 * order. Immutable.
 */
public final class TaintState {
  private static final TaintState ZERO = new TaintState(0, 0, null);

  private final long value;
  private final long tainted;
  private final Segments segments; // null for the unordered models

  private TaintState(long value, long tainted, Segments segments) {
    this.value = value;
    this.tainted = tainted;
    this.segments = segments;
  }

  /** {@code value} units, none tainted (no segment vector: ordered models expand it). */
  public static TaintState clean(long value) {
    return of(value, 0);
  }

  /** {@code value} units, all tainted (a seed). */
  public static TaintState fullyTainted(long value) {
    return of(value, value);
  }

  /** An unordered state. */
  public static TaintState of(long value, long tainted) {
    if (value < 0 || tainted < 0 || tainted > value) {
      throw new IllegalArgumentException(
          "need 0 <= tainted <= value, got tainted " + tainted + " of " + value);
    }
    return value == 0 ? ZERO : new TaintState(value, tainted, null);
  }

  /** An ordered state: value and taint are those of the vector. */
  public static TaintState of(Segments segments) {
    Objects.requireNonNull(segments, "segments");
    return new TaintState(segments.total(), segments.tainted(), segments);
  }

  public long value() {
    return value;
  }

  public long tainted() {
    return tainted;
  }

  public long clean() {
    return value - tainted;
  }

  public boolean isTainted() {
    return tainted > 0;
  }

  /** The segment vector, present for states produced by the ordered models. */
  public Optional<Segments> segments() {
    return Optional.ofNullable(segments);
  }

  /**
   * The vector an ordered model reads: the stored one, or for a state made without one, a single
   * clean or tainted run.
   *
   * @throws IllegalArgumentException for a partly tainted state without a vector: its order is not
   *     known, and guessing it would change FIFO/LIFO results
   */
  Segments segmentsForOrdered() {
    if (segments != null) {
      return segments;
    }
    if (tainted == 0) {
      return Segments.clean(value);
    }
    if (tainted == value) {
      return Segments.tainted(value);
    }
    throw new IllegalArgumentException(
        "an ordered model needs a segment vector for a partly tainted input ("
            + tainted
            + " of "
            + value
            + ")");
  }

  Segments segmentsOrNull() {
    return segments;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TaintState)) {
      return false;
    }
    TaintState s = (TaintState) o;
    return value == s.value && tainted == s.tainted && Objects.equals(segments, s.segments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, tainted, segments);
  }

  @Override
  public String toString() {
    return tainted + "/" + value + (segments == null ? "" : " " + segments);
  }
}
