package io.tracer.core.risk;

import java.math.BigInteger;

/** Exact {@code floor(a·b/c)} for non-negative operands; no overflow, never {@code double}. */
final class MulDiv {
  private MulDiv() {}

  static long floor(long a, long b, long c) {
    if (c <= 0) {
      throw new ArithmeticException("division by " + c);
    }
    long hi = Math.multiplyHigh(a, b);
    if (hi == 0 && (a * b) >= 0) {
      return (a * b) / c;
    }
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c))
        .longValueExact();
  }

  static BigInteger floor(BigInteger a, BigInteger b, BigInteger c) {
    if (c.signum() <= 0) {
      throw new ArithmeticException("division by " + c);
    }
    return a.multiply(b).divide(c);
  }
}
