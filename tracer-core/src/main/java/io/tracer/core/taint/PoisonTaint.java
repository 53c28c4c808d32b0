package io.tracer.core.taint;

import java.util.ArrayList;
import java.util.List;

/**
 * Poison: if any input is tainted, every output and the fee are tainted in full. Value is not
 * conserved: this is an upper bound on where the money may have gone, not an amount. The fee policy
 * does not matter.
 */
public final class PoisonTaint extends AbstractTaintModel {
  PoisonTaint() {}

  @Override
  public String id() {
    return "poison";
  }

  @Override
  public boolean isOrdered() {
    return false;
  }

  @Override
  public boolean conservesTaint() {
    return false;
  }

  @Override
  TxResult rule(
      List<TaintState> inputs, long[] outs, long total, long taint, long fee, FeePolicy policy) {
    boolean t = taint > 0;
    List<TaintState> o = new ArrayList<>(outs.length);
    for (long v : outs) {
      o.add(t ? TaintState.fullyTainted(v) : TaintState.clean(v));
    }
    return new TxResult(o, t ? TaintState.fullyTainted(fee) : TaintState.clean(fee), 0);
  }
}
