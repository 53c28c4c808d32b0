package io.tracer.core.heuristic.coinjoin;

import java.util.List;

/**
 * A Whirlpool pool: denomination and pool fee in satoshi (GraphSense; am-i-exposed also lists a
 * 50,000 sat pool, whose fee we could not confirm, so it is not included).
 */
public enum WhirlpoolPool {
  POOL_100K(100_000, 5_000),
  POOL_1M(1_000_000, 50_000),
  POOL_5M(5_000_000, 175_000),
  POOL_50M(50_000_000, 1_750_000);

  /** Smallest excess a premix output or new entrant carries over the denomination. */
  public static final long MIN_EXCESS_SAT = 100;
  /** Largest excess a premix output or new entrant carries over the denomination (miner fees). */
  public static final long MAX_EXCESS_SAT = 110_000;

  private final long denomination;
  private final long fee;

  WhirlpoolPool(long denomination, long fee) {
    this.denomination = denomination;
    this.fee = fee;
  }

  public long denomination() {
    return denomination;
  }

  public long fee() {
    return fee;
  }

  public static List<WhirlpoolPool> all() {
    return List.of(values());
  }
}
