package io.tracer.core.taint;

import java.util.List;
import java.util.Objects;

/** Validation and sums shared by the models. */
abstract class AbstractTaintModel implements TaintModel {

  @Override
  public final TxResult apply(List<TaintState> inputs, long[] outputValues, FeePolicy feePolicy) {
    Objects.requireNonNull(feePolicy, "feePolicy");
    long in = 0;
    long taint = 0;
    for (TaintState s : inputs) {
      in = Math.addExact(in, s.value());
      taint += s.tainted();
    }
    long out = 0;
    for (long v : outputValues) {
      if (v < 0) {
        throw new IllegalArgumentException("output value must not be negative: " + v);
      }
      out = Math.addExact(out, v);
    }
    if (out > in) {
      throw new IllegalArgumentException(
          "outputs (" + out + ") exceed inputs (" + in + "): inputs are missing or unresolved");
    }
    return rule(inputs, outputValues, in, taint, in - out, feePolicy);
  }

  /**
   * The model's rule, with the sums checked.
   *
   * @param total Σ input values (V)
   * @param taint Σ input taint (T)
   * @param fee V − Σ outputs (f >= 0)
   */
  abstract TxResult rule(
      List<TaintState> inputs, long[] outputValues, long total, long taint, long fee, FeePolicy policy);

  /**
   * Fee shares per input under {@link FeePolicy#PRO_RATA_FIRST}: {@code f·v_i/V} apportioned
   * exactly.
   */
  static long[] feeShares(List<TaintState> inputs, long total, long fee) {
    long[] w = new long[inputs.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = inputs.get(i).value();
    }
    return ExactMath.apportion(w, total, fee);
  }

  /** Σ floor(f_i·t_i/v_i): the taint of the inputs' fee shares for the unordered models. */
  static long proRataFeeTaint(List<TaintState> inputs, long[] shares) {
    long t = 0;
    for (int i = 0; i < shares.length; i++) {
      TaintState s = inputs.get(i);
      if (shares[i] > 0 && s.tainted() > 0) {
        t += ExactMath.mulDivFloor(shares[i], s.tainted(), s.value());
      }
    }
    return t;
  }

  @Override
  public String toString() {
    return id();
  }
}
