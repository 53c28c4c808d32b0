package io.tracer.core.taint.account;

/** Settings of an account-model propagation. Immutable; build with {@link #builder()}. */
public final class AccountTaintOptions {
  private static final AccountTaintOptions DEFAULTS = builder().build();

  private final long untilHeight;
  private final int maxHops;

  private AccountTaintOptions(Builder b) {
    this.untilHeight = b.untilHeight;
    this.maxHops = b.maxHops;
  }

  public static AccountTaintOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Transfers in blocks above this height are not applied. */
  public long untilHeight() {
    return untilHeight;
  }

  /**
   * How far taint is followed, in transfers: a seed transfer is hop 0, and an outflow from an
   * address is one hop past the nearest hop at which the address received taint. Taint that would
   * leave beyond this hop rests at the limit ({@link AccountTaintResult.Totals#limit()}). {@link
   * Integer#MAX_VALUE} means no limit.
   */
  public int maxHops() {
    return maxHops;
  }

  @Override
  public String toString() {
    return "untilHeight=" + (untilHeight == Long.MAX_VALUE ? "none" : untilHeight)
        + ", maxHops=" + (maxHops == Integer.MAX_VALUE ? "none" : maxHops);
  }

  /** Builds options. Not thread-safe. */
  public static final class Builder {
    private long untilHeight = Long.MAX_VALUE;
    private int maxHops = Integer.MAX_VALUE;

    private Builder() {}

    public Builder untilHeight(long height) {
      if (height < 0) {
        throw new IllegalArgumentException("untilHeight must not be negative: " + height);
      }
      this.untilHeight = height;
      return this;
    }

    /** See {@link AccountTaintOptions#maxHops()}. */
    public Builder maxHops(int hops) {
      if (hops < 0) {
        throw new IllegalArgumentException("maxHops must not be negative: " + hops);
      }
      this.maxHops = hops;
      return this;
    }

    public AccountTaintOptions build() {
      return new AccountTaintOptions(this);
    }
  }
}
