package io.tracer.core.risk;

import io.tracer.core.model.UtxoTx;

/**
 * How one UTXO transaction mixes its inputs into its outputs, for exposure path searches: the
 * per-transaction rule of a taint model (HEURISTICS.md §4). This is the seam through which the
 * taint engine's models plug into exposure: any model that can say "of this much value in output
 * j, how much came from input i" (and the forward question) can drive {@link ExposureEngine}.
 * Implementations must be stateless and thread-safe, use exact integer arithmetic, and may assume
 * every input of {@code tx} is resolved.
 */
public interface FlowModel {

  /** Short name for reports: {@code haircut}, {@code fifo}, {@code poison}. */
  String name();

  /**
   * Backward: {@code amount} units of output {@code output} are being traced to their origin;
   * returns the units attributed to each input, in input order.
   */
  long[] fromInputs(UtxoTx tx, int output, long amount);

  /**
   * Forward: {@code amount} units that entered through input {@code input} are being followed;
   * returns the units that end up in each output, in output order (the rest went to the fee).
   */
  long[] toOutputs(UtxoTx tx, int input, long amount);

  /**
   * Haircut (the default, HEURISTICS.md §4.3): every output is a proportional mix of the inputs.
   * {@code floor(amount·v_i/Σin)} backward, {@code floor(v_j·amount/Σin)} forward.
   */
  FlowModel HAIRCUT =
      new FlowModel() {
        @Override
        public String name() {
          return "haircut";
        }

        @Override
        public long[] fromInputs(UtxoTx tx, int output, long amount) {
          long total = tx.inputValue().orElseThrow();
          long[] r = new long[tx.inputs().size()];
          if (total == 0) {
            return r;
          }
          for (int i = 0; i < r.length; i++) {
            long v = tx.inputs().get(i).value();
            r[i] = Math.min(v, MulDiv.floor(amount, v, total));
          }
          return r;
        }

        @Override
        public long[] toOutputs(UtxoTx tx, int input, long amount) {
          long total = tx.inputValue().orElseThrow();
          long[] r = new long[tx.outputs().size()];
          if (total == 0) {
            return r;
          }
          for (int j = 0; j < r.length; j++) {
            long v = tx.outputs().get(j).value();
            r[j] = Math.min(v, MulDiv.floor(v, amount, total));
          }
          return r;
        }

        @Override
        public String toString() {
          return name();
        }
      };

  /**
   * Poison: any contact counts in full. Backward, every input is a full origin of the traced
   * amount (capped at the input's value); forward, every output is fully reached. Not
   * value-conserving by definition: use it to find every connection, not to measure shares.
   */
  FlowModel POISON =
      new FlowModel() {
        @Override
        public String name() {
          return "poison";
        }

        @Override
        public long[] fromInputs(UtxoTx tx, int output, long amount) {
          long[] r = new long[tx.inputs().size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = Math.min(amount, tx.inputs().get(i).value());
          }
          return r;
        }

        @Override
        public long[] toOutputs(UtxoTx tx, int input, long amount) {
          long[] r = new long[tx.outputs().size()];
          for (int j = 0; j < r.length; j++) {
            r[j] = tx.outputs().get(j).value();
          }
          return r;
        }

        @Override
        public String toString() {
          return name();
        }
      };

  /**
   * FIFO (first in, first out, Anderson et al.'s Clayton's Case): inputs and outputs are laid end
   * to end in index order; an output comes from the inputs whose ranges it overlaps. A partial
   * amount is scaled pro rata over the overlap, since its position inside the output is unknown.
   */
  FlowModel FIFO =
      new FlowModel() {
        @Override
        public String name() {
          return "fifo";
        }

        @Override
        public long[] fromInputs(UtxoTx tx, int output, long amount) {
          long start = 0;
          for (int j = 0; j < output; j++) {
            start += tx.outputs().get(j).value();
          }
          long v = tx.outputs().get(output).value();
          long end = start + v;
          long[] r = new long[tx.inputs().size()];
          long pos = 0;
          for (int i = 0; i < r.length; i++) {
            long iv = tx.inputs().get(i).value();
            long overlap = Math.max(0, Math.min(end, pos + iv) - Math.max(start, pos));
            r[i] = v == 0 ? 0 : MulDiv.floor(overlap, amount, v);
            pos += iv;
          }
          return r;
        }

        @Override
        public long[] toOutputs(UtxoTx tx, int input, long amount) {
          long start = 0;
          for (int i = 0; i < input; i++) {
            start += tx.inputs().get(i).value();
          }
          long v = tx.inputs().get(input).value();
          long end = start + v;
          long[] r = new long[tx.outputs().size()];
          long pos = 0;
          for (int j = 0; j < r.length; j++) {
            long ov = tx.outputs().get(j).value();
            long overlap = Math.max(0, Math.min(end, pos + ov) - Math.max(start, pos));
            r[j] = v == 0 ? 0 : MulDiv.floor(overlap, amount, v);
            pos += ov;
          }
          return r;
        }

        @Override
        public String toString() {
          return name();
        }
      };

  /**
   * The model with this name: the built-in {@code haircut}, {@code poison}, {@code fifo}, or any
   * other taint engine model ({@code lifo}, {@code lifo_reverse_out}, {@code tiho}) through {@link
   * TaintFlowModel}.
   */
  static java.util.Optional<FlowModel> named(String name) {
    String n = name == null ? "" : name.trim();
    for (FlowModel m : new FlowModel[] {HAIRCUT, POISON, FIFO}) {
      if (m.name().equalsIgnoreCase(n)) {
        return java.util.Optional.of(m);
      }
    }
    try {
      return java.util.Optional.of(TaintFlowModel.of(io.tracer.core.taint.TaintModels.byId(n)));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
