package io.tracer.core.taint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fee taint of one block's transactions on its way into the block's coinbase (BlockSci's
 * {@code taintFee}). Shared by the generic and the ledger fast path so both build the coinbase's
 * inputs the same way: {@code [subsidy (clean), fee_tx1, fee_tx2, …, rest (clean)]}.
 */
final class BlockFees {
  /** One transaction's fee taint, at its position in the block and the hop that produced it. */
  record Entry(int position, TaintState fee, int hop) {}

  private final List<Entry> entries; // in block order
  private final long taint;
  private final int hop;
  private final long known;

  private BlockFees(List<Entry> pending) {
    List<Entry> sorted = new ArrayList<>(pending);
    sorted.sort(Comparator.comparingInt(Entry::position));
    long t = 0;
    int h = Integer.MAX_VALUE;
    long k = 0;
    for (Entry f : sorted) {
      t += f.fee().tainted();
      k = Math.addExact(k, f.fee().value());
      if (f.fee().tainted() > 0) {
        h = Math.min(h, f.hop());
      }
    }
    this.entries = sorted;
    this.taint = t;
    this.hop = h;
    this.known = k;
  }

  static BlockFees of(List<Entry> pending) {
    return new BlockFees(pending);
  }

  /** Tainted fee units of the block's traced transactions. */
  long taint() {
    return taint;
  }

  /** Hop of the coinbase: one past the nearest transaction whose fee carries taint. */
  int coinbaseHop() {
    return hop + 1;
  }

  /**
   * The coinbase's inputs: the subsidy (capped by what the outputs claim beyond the traced fees),
   * the traced fees in block order, and the clean rest (fees of untraced transactions).
   */
  List<TaintState> coinbaseInputs(long coinbaseOutputs, long subsidySchedule) {
    long subsidy = Math.min(subsidySchedule, Math.max(0, coinbaseOutputs - known));
    long rest = Math.max(0, coinbaseOutputs - known - subsidy);
    List<TaintState> ins = new ArrayList<>(entries.size() + 2);
    ins.add(TaintState.clean(subsidy));
    for (Entry f : entries) {
      ins.add(f.fee());
    }
    ins.add(TaintState.clean(rest));
    return ins;
  }
}
