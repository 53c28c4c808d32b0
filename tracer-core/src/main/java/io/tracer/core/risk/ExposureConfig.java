package io.tracer.core.risk;

import io.tracer.core.model.Chain;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of an exposure search (HEURISTICS.md §4.3). Immutable; build with {@link #builder()}.
 * Defaults: H = 5 hops, λ = 1/2, dust floor 1,000 sat and 0.0001 ETH (10^14 wei), haircut, at most
 * 5 evidence paths per category and direction, and a budget of 100,000 transaction visits per
 * screen (a search that hits it is marked truncated, never silently cut).
 */
public final class ExposureConfig {
  public static final int DEFAULT_MAX_HOPS = 5;
  public static final long DEFAULT_DUST_SAT = 1_000;
  public static final BigInteger DEFAULT_DUST_WEI = BigInteger.TEN.pow(14);

  private final int maxHops;
  private final long decayNumerator;
  private final long decayDenominator;
  private final Map<Chain, BigInteger> dust;
  private final FlowModel model;
  private final int maxPaths;
  private final int maxVisits;

  private ExposureConfig(Builder b) {
    this.maxHops = b.maxHops;
    this.decayNumerator = b.decayNumerator;
    this.decayDenominator = b.decayDenominator;
    this.dust = Map.copyOf(b.dust);
    this.model = b.model;
    this.maxPaths = b.maxPaths;
    this.maxVisits = b.maxVisits;
  }

  public static ExposureConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxHops = maxHops;
    b.decayNumerator = decayNumerator;
    b.decayDenominator = decayDenominator;
    b.dust.putAll(dust);
    b.model = model;
    b.maxPaths = maxPaths;
    b.maxVisits = maxVisits;
    return b;
  }

  /** H: the longest path (in hops) from a labelled wallet to the subject. */
  public int maxHops() {
    return maxHops;
  }

  /** λ as the exact fraction numerator/denominator. */
  public long decayNumerator() {
    return decayNumerator;
  }

  public long decayDenominator() {
    return decayDenominator;
  }

  /** Paths carrying less than this are not followed further (base units of the chain). */
  public BigInteger dustFloor(Chain chain) {
    BigInteger d = dust.get(chain);
    if (d != null) {
      return d;
    }
    return chain.isEvm() ? DEFAULT_DUST_WEI : BigInteger.valueOf(DEFAULT_DUST_SAT);
  }

  public FlowModel model() {
    return model;
  }

  public int maxPaths() {
    return maxPaths;
  }

  public int maxVisits() {
    return maxVisits;
  }

  /** {@code floor(amount · λ^(hops−1))}, exactly. */
  public BigInteger decay(BigInteger amount, int hops) {
    if (hops <= 1 || decayNumerator == decayDenominator) {
      return amount;
    }
    BigInteger num = BigInteger.valueOf(decayNumerator).pow(hops - 1);
    BigInteger den = BigInteger.valueOf(decayDenominator).pow(hops - 1);
    return amount.multiply(num).divide(den);
  }

  @Override
  public String toString() {
    return "hops=" + maxHops + " decay=" + decayNumerator + "/" + decayDenominator + " model="
        + model.name();
  }

  /** Builder; rejects values that make no sense (λ outside (0,1], no hops). */
  public static final class Builder {
    private int maxHops = DEFAULT_MAX_HOPS;
    private long decayNumerator = 1;
    private long decayDenominator = 2;
    private final Map<Chain, BigInteger> dust = new EnumMap<>(Chain.class);
    private FlowModel model = FlowModel.HAIRCUT;
    private int maxPaths = 5;
    private int maxVisits = 100_000;

    private Builder() {}

    public Builder maxHops(int h) {
      if (h < 1 || h > 50) {
        throw new IllegalArgumentException("max hops must be 1..50, got " + h);
      }
      this.maxHops = h;
      return this;
    }

    /** λ = numerator/denominator, in (0, 1]. {@code decay(1, 1)} disables decay. */
    public Builder decay(long numerator, long denominator) {
      if (numerator <= 0 || denominator <= 0 || numerator > denominator) {
        throw new IllegalArgumentException(
            "decay must be a fraction in (0, 1], got " + numerator + "/" + denominator);
      }
      this.decayNumerator = numerator;
      this.decayDenominator = denominator;
      return this;
    }

    /** Dust floor for a chain, in its base units (satoshi, wei). */
    public Builder dustFloor(Chain chain, BigInteger units) {
      Objects.requireNonNull(chain, "chain");
      if (units.signum() < 0) {
        throw new IllegalArgumentException("dust floor must not be negative");
      }
      dust.put(chain, units);
      return this;
    }

    public Builder model(FlowModel m) {
      this.model = Objects.requireNonNull(m, "model");
      return this;
    }

    public Builder maxPaths(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("max paths must not be negative");
      }
      this.maxPaths = n;
      return this;
    }

    public Builder maxVisits(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("max visits must be positive");
      }
      this.maxVisits = n;
      return this;
    }

    public ExposureConfig build() {
      return new ExposureConfig(this);
    }
  }
}
