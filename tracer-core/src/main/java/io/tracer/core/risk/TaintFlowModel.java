package io.tracer.core.risk;

import io.tracer.core.model.UtxoTx;
import io.tracer.core.taint.FeePolicy;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adapts a taint engine model ({@link TaintModel}: poison, haircut, FIFO, LIFO, LIFO_REVERSE_OUT,
 * TIHO, HEURISTICS.md §4) to exposure's {@link FlowModel}, so that "any taint model on request"
 * drives the exposure path search with the exact per-transaction rule the taint engine uses.
 *
 * <ul>
 *   <li>Forward: input {@code i} fully tainted, every other input clean; the model's output taints
 *       are scaled by {@code amount / v_i} when only part of the input is being followed (its
 *       position inside the input is unknown, so it is spread pro rata — ordered models have no
 *       better answer).
 *   <li>Backward: for each input {@code i}, how much of output {@code j} the model taints when
 *       only input {@code i} is tainted; the traced {@code amount} of output {@code j} is attributed
 *       to the inputs in those proportions ({@code floor(amount · t_ij / v_j)}).
 * </ul>
 *
 * Backward costs one model application per input; the exposure search bounds the total work.
 * Stateless and thread-safe.
 */
public final class TaintFlowModel implements FlowModel {
  private final TaintModel model;
  private final FeePolicy fees;

  private TaintFlowModel(TaintModel model, FeePolicy fees) {
    this.model = Objects.requireNonNull(model, "model");
    this.fees = Objects.requireNonNull(fees, "fees");
  }

  /** The taint model with BlockSci's fee rule ({@link FeePolicy#TERMINAL}). */
  public static TaintFlowModel of(TaintModel model) {
    return new TaintFlowModel(model, FeePolicy.TERMINAL);
  }

  public static TaintFlowModel of(TaintModel model, FeePolicy fees) {
    return new TaintFlowModel(model, fees);
  }

  @Override
  public String name() {
    return model.id();
  }

  /** Output taint when only input {@code tainted} carries taint (fully). */
  private long[] onlyInput(UtxoTx tx, int tainted) {
    List<TaintState> ins = new ArrayList<>(tx.inputs().size());
    for (int i = 0; i < tx.inputs().size(); i++) {
      long v = tx.inputs().get(i).value();
      ins.add(i == tainted ? TaintState.fullyTainted(v) : TaintState.clean(v));
    }
    long[] values = new long[tx.outputs().size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = tx.outputs().get(j).value();
    }
    List<TaintState> outs = model.apply(ins, values, fees).outputs();
    long[] r = new long[outs.size()];
    for (int j = 0; j < r.length; j++) {
      r[j] = outs.get(j).tainted();
    }
    return r;
  }

  @Override
  public long[] toOutputs(UtxoTx tx, int input, long amount) {
    long v = tx.inputs().get(input).value();
    long[] full = onlyInput(tx, input);
    if (amount >= v || v == 0) {
      return full;
    }
    long[] r = new long[full.length];
    for (int j = 0; j < r.length; j++) {
      r[j] = MulDiv.floor(full[j], amount, v);
    }
    return r;
  }

  @Override
  public long[] fromInputs(UtxoTx tx, int output, long amount) {
    long vj = tx.outputs().get(output).value();
    long[] r = new long[tx.inputs().size()];
    if (vj == 0) {
      return r;
    }
    for (int i = 0; i < r.length; i++) {
      long tij = onlyInput(tx, i)[output];
      r[i] = Math.min(tx.inputs().get(i).value(), MulDiv.floor(amount, tij, vj));
    }
    return r;
  }

  @Override
  public String toString() {
    return name();
  }
}
