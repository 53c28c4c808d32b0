package io.tracer.core.taint;

import io.tracer.core.model.UtxoTx;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Settings of a UTXO propagation. Immutable; build with {@link #builder()}, which rejects
 * combinations that cannot mean anything.
 */
public final class UtxoTaintOptions {
  /** Bitcoin's subsidy schedule: {@code 50 BTC >> (height / 210,000)}, 0 after 64 halvings. */
  public static final LongUnaryOperator BITCOIN_SUBSIDY =
      height -> {
        long halvings = height / 210_000L;
        return halvings >= 64 ? 0 : (50L * 100_000_000L) >> halvings;
      };

  private static final UtxoTaintOptions DEFAULTS = builder().build();

  private final FeePolicy feePolicy;
  private final boolean taintFee;
  private final int maxHops;
  private final long untilHeight;
  private final long maxTransactions;
  private final LongFunction<Optional<UtxoTx>> coinbaseLookup;
  private final LongUnaryOperator subsidy;

  private UtxoTaintOptions(Builder b) {
    this.feePolicy = b.feePolicy;
    this.taintFee = b.taintFee;
    this.maxHops = b.maxHops;
    this.untilHeight = b.untilHeight;
    this.maxTransactions = b.maxTransactions;
    this.coinbaseLookup = b.coinbaseLookup;
    this.subsidy = b.subsidy;
  }

  /** TERMINAL fees, no fee-to-coinbase, no hop, height or size limit. */
  public static UtxoTaintOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public FeePolicy feePolicy() {
    return feePolicy;
  }

  /** Whether fee taint flows into the block's coinbase (BlockSci {@code taintFee}). */
  public boolean taintFee() {
    return taintFee;
  }

  /** Transactions further than this many hops from a seed are not processed. */
  public int maxHops() {
    return maxHops;
  }

  /** Transactions above this height are not processed. */
  public long untilHeight() {
    return untilHeight;
  }

  /** At most this many transactions are processed; beyond, the result is marked incomplete. */
  public long maxTransactions() {
    return maxTransactions;
  }

  /** How the engine finds a block's coinbase when {@link #taintFee()} is on, if given. */
  public Optional<LongFunction<Optional<UtxoTx>>> coinbaseLookup() {
    return Optional.ofNullable(coinbaseLookup);
  }

  public LongUnaryOperator subsidy() {
    return subsidy;
  }

  @Override
  public String toString() {
    return "feePolicy="
        + feePolicy
        + ", taintFee="
        + taintFee
        + ", maxHops="
        + (maxHops == Integer.MAX_VALUE ? "none" : maxHops)
        + ", untilHeight="
        + (untilHeight == Long.MAX_VALUE ? "none" : untilHeight)
        + ", maxTransactions="
        + (maxTransactions == Long.MAX_VALUE ? "none" : maxTransactions);
  }

  /** Builds options. Not thread-safe. */
  public static final class Builder {
    private FeePolicy feePolicy = FeePolicy.TERMINAL;
    private boolean taintFee;
    private int maxHops = Integer.MAX_VALUE;
    private long untilHeight = Long.MAX_VALUE;
    private long maxTransactions = Long.MAX_VALUE;
    private LongFunction<Optional<UtxoTx>> coinbaseLookup;
    private LongUnaryOperator subsidy = BITCOIN_SUBSIDY;

    private Builder() {}

    public Builder feePolicy(FeePolicy p) {
      this.feePolicy = Objects.requireNonNull(p, "feePolicy");
      return this;
    }

    /** Feed each transaction's fee taint into its block's coinbase (default off: fees terminal). */
    public Builder taintFee(boolean on) {
      this.taintFee = on;
      return this;
    }

    /** Hops counted in transactions: the seeds' spenders are hop 1. 0 processes nothing. */
    public Builder maxHops(int hops) {
      if (hops < 0) {
        throw new IllegalArgumentException("maxHops must not be negative: " + hops);
      }
      this.maxHops = hops;
      return this;
    }

    public Builder untilHeight(long height) {
      if (height < 0) {
        throw new IllegalArgumentException("untilHeight must not be negative: " + height);
      }
      this.untilHeight = height;
      return this;
    }

    /** A guard against poison blow-up (HEURISTICS.md §5): stop after this many transactions. */
    public Builder maxTransactions(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTransactions must be at least 1: " + max);
      }
      this.maxTransactions = max;
      return this;
    }

    /**
     * Where to find the coinbase of a block, for {@link #taintFee}. Without it the engine indexes
     * the coinbases of {@code source.transactions()} on first need.
     */
    public Builder coinbaseLookup(LongFunction<Optional<UtxoTx>> lookup) {
      this.coinbaseLookup = Objects.requireNonNull(lookup, "coinbaseLookup");
      return this;
    }

    /** The subsidy schedule for {@link #taintFee}; Bitcoin's by default. */
    public Builder subsidy(LongUnaryOperator schedule) {
      this.subsidy = Objects.requireNonNull(schedule, "subsidy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if a coinbase lookup is given without {@code taintFee}
     *     (it would never be used, which is almost certainly a mistake)
     */
    public UtxoTaintOptions build() {
      if (coinbaseLookup != null && !taintFee) {
        throw new IllegalArgumentException("coinbaseLookup is only used with taintFee(true)");
      }
      return new UtxoTaintOptions(this);
    }
  }
}
