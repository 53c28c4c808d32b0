package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/** Counts the detectors share. Package-private helper. */
final class TxShape {
  private TxShape() {}

  /** The most frequent value and its count; ties go to the lowest value (GraphSense). */
  record Mode(long value, int count) {
    static final Mode NONE = new Mode(-1, 0);
  }

  static Mode mode(List<TxOut> outs, LongPredicate accept) {
    Map<Long, Integer> counts = new HashMap<>();
    for (TxOut o : outs) {
      if (accept.test(o.value())) {
        counts.merge(o.value(), 1, Integer::sum);
      }
    }
    Mode best = Mode.NONE;
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      long v = e.getKey();
      if (c > best.count() || (c == best.count() && v < best.value())) {
        best = new Mode(v, c);
      }
    }
    return best;
  }

  static Map<Long, Integer> valueCounts(List<TxOut> outs) {
    Map<Long, Integer> counts = new HashMap<>();
    for (TxOut o : outs) {
      counts.merge(o.value(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Distinct input addresses; an unresolved input counts as one more distinct address (an upper
   * bound, which leans towards flagging, the safe side for clustering).
   */
  static int distinctInputScripts(UtxoTx tx) {
    Set<Address> s = new HashSet<>();
    int unknown = 0;
    for (TxIn in : tx.inputs()) {
      if (in.address() == null) {
        unknown++;
      } else {
        s.add(in.address());
      }
    }
    return s.size() + unknown;
  }

  /** The largest number of inputs spending from one address (resolved inputs only). */
  static int maxInputsPerAddress(UtxoTx tx) {
    Map<Address, Integer> counts = new HashMap<>();
    int max = 0;
    for (TxIn in : tx.inputs()) {
      if (in.address() != null) {
        max = Math.max(max, counts.merge(in.address(), 1, Integer::sum));
      }
    }
    return max;
  }

  /** True if every input is resolved and all come from one address. */
  static boolean singleInputAddress(UtxoTx tx) {
    if (tx.inputs().isEmpty() || !tx.inputsResolved()) {
      return false;
    }
    Address first = tx.inputs().get(0).address();
    for (TxIn in : tx.inputs()) {
      if (!first.equals(in.address())) {
        return false;
      }
    }
    return true;
  }

  /** Outputs that do not pay back to an input address (am-i-exposed trap). */
  static List<TxOut> foreignOutputs(UtxoTx tx) {
    Set<Address> ins = new HashSet<>();
    for (TxIn in : tx.inputs()) {
      if (in.address() != null) {
        ins.add(in.address());
      }
    }
    List<TxOut> out = new ArrayList<>(tx.outputs().size());
    for (TxOut o : tx.outputs()) {
      if (!ins.contains(o.address())) {
        out.add(o);
      }
    }
    return out;
  }

  static boolean distinctAddresses(List<TxOut> outs) {
    Set<Address> s = new HashSet<>();
    for (TxOut o : outs) {
      if (!s.add(o.address())) {
        return false;
      }
    }
    return true;
  }

  /** True for transactions the equal-output detectors must skip. */
  static boolean skipEqualOutput(UtxoTx tx) {
    return tx.isCoinbase() || tx.inputs().isEmpty() || singleInputAddress(tx);
  }
}
