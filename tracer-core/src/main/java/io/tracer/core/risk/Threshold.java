package io.tracer.core.risk;

import io.tracer.core.model.Chain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One policy threshold: {@code severity} applies when the exposure amount is positive, at least
 * {@code minShare} percent of the subject's volume in that direction (if set) and at least {@code
 * minAmount} base units on the subject's chain (if set for that chain). Unset conditions hold.
 */
public record Threshold(Severity severity, BigDecimal minShare, Map<Chain, BigInteger> minAmount) {
  /**
   * Decimal places allowed in {@code minShare}: far finer than any volume can resolve, and it keeps
   * {@link #describe} short ({@code 1e-999999999} would print a billion zeros).
   */
  public static final int MAX_SHARE_SCALE = 10;

  public Threshold {
    Objects.requireNonNull(severity, "severity");
    if (severity == Severity.NONE) {
      throw new IllegalArgumentException("a threshold must raise a severity above none");
    }
    if (minShare != null && (minShare.signum() < 0 || minShare.compareTo(BigDecimal.valueOf(100)) > 0)) {
      throw new IllegalArgumentException("min_share must be a percentage 0..100: " + minShare);
    }
    if (minShare != null && minShare.stripTrailingZeros().scale() > MAX_SHARE_SCALE) {
      throw new IllegalArgumentException(
          "min_share must have at most " + MAX_SHARE_SCALE + " decimal places: " + minShare);
    }
    minAmount = minAmount == null ? Map.of() : Map.copyOf(minAmount);
  }

  /** True if this threshold fires for {@code amount} out of {@code total} on {@code chain}. */
  public boolean fires(BigInteger amount, BigInteger total, Chain chain) {
    if (amount.signum() <= 0) {
      return false;
    }
    if (minShare != null && minShare.signum() > 0) {
      // amount/total*100 >= minShare  <=>  amount*100 >= minShare*total, exactly.
      BigDecimal lhs = new BigDecimal(amount.multiply(BigInteger.valueOf(100)));
      if (total.signum() == 0 || lhs.compareTo(minShare.multiply(new BigDecimal(total))) < 0) {
        return false;
      }
    }
    BigInteger min = minAmount.get(chain);
    return min == null || amount.compareTo(min) >= 0;
  }

  public Optional<BigDecimal> share() {
    return Optional.ofNullable(minShare);
  }

  /** Human-readable condition, e.g. {@code share >= 0.1% and amount >= 100000}. */
  public String describe(Chain chain) {
    StringBuilder b = new StringBuilder("amount > 0");
    if (minShare != null && minShare.signum() > 0) {
      b.append(" and share >= ").append(minShare.toPlainString()).append('%');
    }
    BigInteger min = minAmount.get(chain);
    if (min != null) {
      b.append(" and amount >= ").append(min);
    }
    return b.toString();
  }
}
