package io.tracer.bitcoin.demo;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test-side copy of BlockSci's {@code isCoinjoin} exactly as HEURISTICS.md §1.2 states it, so the
 * generated data can be checked before the cluster engineer's implementation is merged.
 */
public final class CoinjoinRule {
  private CoinjoinRule() {}

  public static boolean isCoinjoin(UtxoTx tx) {
    int nIn = tx.inputs().size();
    int nOut = tx.outputs().size();
    if (tx.isCoinbase() || nIn < 2 || nOut < 3) {
      return false;
    }
    int p = (nOut + 1) / 2;
    if (p > nIn) {
      return false;
    }
    Set<Address> distinct = new HashSet<>();
    for (TxIn in : tx.inputs()) {
      distinct.add(in.address());
    }
    if (p > distinct.size()) {
      return false;
    }
    Map<Long, Integer> counts = new TreeMap<>(); // ascending: ties resolve to the lowest value
    for (TxOut o : tx.outputs()) {
      counts.merge(o.value(), 1, Integer::sum);
    }
    long v = -1;
    int c = 0;
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      if (e.getValue() > c) {
        v = e.getKey();
        c = e.getValue();
      }
    }
    if (c != p) {
      return false;
    }
    return v != 546 && v != 2730;
  }
}
