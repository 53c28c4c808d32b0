package io.tracer.core.taint;

import java.math.BigInteger;

/**
 * Exact integer helpers for satoshi arithmetic. Satoshi values fit in a {@code long} (at most
 * 2.1×10¹⁵), but the haircut product {@code v·T} reaches about 4.4×10³⁰, far beyond 2⁶³; a {@code
 * double} would silently round (BlockSci needed a commit "Address float issues in haircut"). The
 * product is formed in 128 bits with {@link Math#multiplyHigh}; when it fits in 64 unsigned bits
 * (the common case) the division is a single unsigned division, else it falls back to {@link
 * BigInteger}.
 */
final class ExactMath {
  private ExactMath() {}

  /**
   * {@code floor(a·b / c)} for non-negative {@code a, b} and positive {@code c}, exactly.
   *
   * @throws IllegalArgumentException for negative arguments or {@code c == 0}
   * @throws ArithmeticException if the quotient does not fit in a {@code long}
   */
  static long mulDivFloor(long a, long b, long c) {
    if (a < 0 || b < 0 || c <= 0) {
      throw new IllegalArgumentException("mulDivFloor needs a,b >= 0 and c > 0: " + a + "," + b + "," + c);
    }
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (hi == 0) {
      // product < 2^64: unsigned division is exact; the quotient fits because a,b < 2^63 and c >= 1
      // only if lo is "positive" or c > 1
      long q = Long.divideUnsigned(lo, c);
      if (q < 0) {
        throw new ArithmeticException("quotient overflows a long");
      }
      return q;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }

  /** {@code (a·b) mod c} for the same domain as {@link #mulDivFloor}. */
  static long mulMod(long a, long b, long c) {
    if (a < 0 || b < 0 || c <= 0) {
      throw new IllegalArgumentException("mulMod needs a,b >= 0 and c > 0");
    }
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (hi == 0) {
      return Long.remainderUnsigned(lo, c);
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .mod(BigInteger.valueOf(c))
        .longValueExact();
  }

  /**
   * Splits {@code amount} over {@code weights} (whose sum is {@code total}) in proportion, exactly:
   * each share is {@code floor(w·amount/total)}, and the units left over go one each to the largest
   * remainders (ties: lower index). The shares sum to {@code amount} and no share exceeds its weight
   * when {@code amount <= total}. This is Hamilton's largest-remainder method.
   */
  static long[] apportion(long[] weights, long total, long amount) {
    if (amount < 0 || amount > total) {
      throw new IllegalArgumentException("cannot apportion " + amount + " over " + total);
    }
    int n = weights.length;
    long[] shares = new long[n];
    if (amount == 0 || total == 0) {
      return shares;
    }
    long[] rem = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      shares[i] = mulDivFloor(weights[i], amount, total);
      rem[i] = mulMod(weights[i], amount, total);
      given += shares[i];
    }
    long left = amount - given; // < n
    while (left > 0) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (rem[i] > 0 && (best < 0 || rem[i] > rem[best])) {
          best = i;
        }
      }
      shares[best]++;
      rem[best] = 0;
      left--;
    }
    return shares;
  }
}
