package io.tracer.core.taint;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One UTXO taint model as a per-transaction rule: a pure function from the taint of a
 * transaction's inputs (in input order) and its output values (in output index order) to the taint
 * of each output, of the fee, and any taint lost to rounding. Implementations are stateless and
 * thread-safe; {@link TaintModels} holds one instance of each.
 *
 * <p>The fee is {@code Σ input values − Σ output values}. Taint is conserved by every model except
 * poison: {@code Σ input taint = Σ output taint + fee taint + lost}, where {@code lost} is non-zero
 * only for the haircut rounding residue that exceeds the fee (at most {@code n−1} units).
 */
public interface TaintModel {

  /** The lower-case id used on the command line and in JSON: {@code haircut}, {@code fifo}, … */
  String id();

  /** True for the models that keep {@link Segments} vectors (FIFO and the LIFO variants). */
  boolean isOrdered();

  /** False only for poison, which taints every output in full and so creates taint. */
  boolean conservesTaint();

  /**
   * Applies the model to one transaction.
   *
   * @param inputs the taint of each input, in input order; an ordered model reads their segment
   *     vectors (fully clean or fully tainted states without one are expanded)
   * @param outputValues the value of each output, in index order
   * @param feePolicy how the fee takes its taint
   * @throws IllegalArgumentException if outputs exceed inputs, a value is negative, or an ordered
   *     model is given a partly tainted input without a vector
   */
  TxResult apply(List<TaintState> inputs, long[] outputValues, FeePolicy feePolicy);

  /**
   * The taint of a transaction's outputs and fee.
   *
   * @param outputs one state per output, in index order
   * @param fee the fee's taint (its value is the fee)
   * @param lost taint that went nowhere (haircut rounding residue beyond the fee)
   */
  record TxResult(List<TaintState> outputs, TaintState fee, long lost) {
    public TxResult {
      outputs = Collections.unmodifiableList(outputs); // rules hand over fresh lists: no copy
      Objects.requireNonNull(fee, "fee");
      if (lost < 0) {
        throw new IllegalArgumentException("lost taint must not be negative: " + lost);
      }
    }

    /** Σ output taint. */
    public long outputTaint() {
      long s = 0;
      for (TaintState o : outputs) {
        s = Math.addExact(s, o.tainted());
      }
      return s;
    }
  }
}
