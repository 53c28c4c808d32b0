package io.tracer.core.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact quantity of an asset in integer base units (satoshi, wei, token base units). Never a
 * {@code double}. Arithmetic requires both sides to be the same asset and fails loudly otherwise.
 * Amounts may be negative only as differences (a balance computed over partial data); factories for
 * received values reject negatives.
 */
public final class Amount implements Comparable<Amount> {
  private final Asset asset;
  private final BigInteger units;

  private Amount(Asset asset, BigInteger units) {
    this.asset = Objects.requireNonNull(asset, "asset");
    this.units = Objects.requireNonNull(units, "units");
  }

  /** A non-negative amount in base units. */
  public static Amount of(Asset asset, BigInteger units) {
    if (units.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + units);
    }
    return new Amount(asset, units);
  }

  /** A non-negative amount in base units. */
  public static Amount of(Asset asset, long units) {
    return of(asset, BigInteger.valueOf(units));
  }

  public static Amount zero(Asset asset) {
    return new Amount(asset, BigInteger.ZERO);
  }

  /** Satoshi of the native bitcoin asset. */
  public static Amount sats(long sats) {
    return of(Asset.BTC, sats);
  }

  /** Wei of native ether. */
  public static Amount wei(BigInteger wei) {
    return of(Asset.ETH, wei);
  }

  /**
   * Parses a decimal string in whole coins ({@code "1.5"} BTC is 150,000,000 sat). Rejects more
   * fractional digits than the asset has: rounding would silently change a value.
   */
  public static Amount parseDecimal(Asset asset, String decimal) {
    BigDecimal d;
    try {
      d = new BigDecimal(decimal.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: '" + decimal + "'", e);
    }
    BigDecimal scaled = d.movePointRight(asset.decimals());
    try {
      return of(asset, scaled.toBigIntegerExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "more than " + asset.decimals() + " decimals for " + asset.symbol() + ": " + decimal, e);
    }
  }

  public Asset asset() {
    return asset;
  }

  public BigInteger units() {
    return units;
  }

  /** The value as a {@code long}, failing if it does not fit (it always does for satoshi). */
  public long longValueExact() {
    return units.longValueExact();
  }

  public boolean isZero() {
    return units.signum() == 0;
  }

  public Amount plus(Amount other) {
    requireSameAsset(other);
    return new Amount(asset, units.add(other.units));
  }

  /** The difference; may be negative. */
  public Amount minus(Amount other) {
    requireSameAsset(other);
    return new Amount(asset, units.subtract(other.units));
  }

  /** Whole coins as an exact decimal string, for people: 150000000 sat is {@code "1.5"}. */
  public String toDecimalString() {
    BigDecimal d = new BigDecimal(units, asset.decimals()).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  private void requireSameAsset(Amount other) {
    if (!asset.equals(other.asset)) {
      throw new IllegalArgumentException("cannot combine " + asset + " with " + other.asset);
    }
  }

  @Override
  public int compareTo(Amount o) {
    requireSameAsset(o);
    return units.compareTo(o.units);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Amount)) {
      return false;
    }
    Amount other = (Amount) o;
    return asset.equals(other.asset) && units.equals(other.units);
  }

  @Override
  public int hashCode() {
    return Objects.hash(asset, units);
  }

  /** Base units and asset, e.g. {@code 150000000 sat bitcoin:BTC}. */
  @Override
  public String toString() {
    return units + " " + asset.baseUnit() + " " + asset;
  }
}
