package io.tracer.core.taint.account;

/** Settings of an account-model propagation. Immutable; build with {@link #builder()}. */
public final class AccountTaintOptions {
  private static final AccountTaintOptions DEFAULTS = builder().build();

  private final long untilHeight;

  private AccountTaintOptions(Builder b) {
    this.untilHeight = b.untilHeight;
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

  @Override
  public String toString() {
    return "untilHeight=" + (untilHeight == Long.MAX_VALUE ? "none" : untilHeight);
  }

  /** Builds options. Not thread-safe. */
  public static final class Builder {
    private long untilHeight = Long.MAX_VALUE;

    private Builder() {}

    public Builder untilHeight(long height) {
      if (height < 0) {
        throw new IllegalArgumentException("untilHeight must not be negative: " + height);
      }
      this.untilHeight = height;
      return this;
    }

    public AccountTaintOptions build() {
      return new AccountTaintOptions(this);
    }
  }
}
