package io.tracer.benchmarks.taint;

import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import io.tracer.core.taint.FeePolicy;
import io.tracer.core.taint.Segments;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.TaintState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-transaction rule alone, without traversal or source lookups: tracer's {@link
 * TaintModel#apply} against the same rule written with {@link BigDecimal} and lists of segment
 * objects, over the same transactions and input taint. Inputs are partly tainted (haircut: one
 * third; FIFO: a 4-run vector per input).
 */
final class RuleBenchmark {
  private RuleBenchmark() {}

  static void run(UtxoSource source, int count, int rounds) {
    List<UtxoTx> txs = new ArrayList<>(count);
    source.transactions().filter(t -> !t.isCoinbase()).limit(count).forEach(txs::add);
    List<List<TaintState>> hairIn = new ArrayList<>();
    List<List<TaintState>> fifoIn = new ArrayList<>();
    List<long[]> outs = new ArrayList<>();
    for (UtxoTx tx : txs) {
      List<TaintState> h = new ArrayList<>();
      List<TaintState> f = new ArrayList<>();
      for (TxIn in : tx.inputs()) {
        long v = in.value();
        h.add(TaintState.of(v, v / 3));
        long q = v / 4;
        f.add(
            TaintState.of(
                Segments.of(
                    List.of(
                        new Segments.Segment(q, true),
                        new Segments.Segment(q, false),
                        new Segments.Segment(q, true),
                        new Segments.Segment(v - 3 * q, false)))));
      }
      hairIn.add(h);
      fifoIn.add(f);
      long[] o = new long[tx.outputs().size()];
      for (int j = 0; j < o.length; j++) {
        o[j] = tx.output(j).value();
      }
      outs.add(o);
    }
    for (String model : List.of("haircut", "fifo")) {
      boolean fifo = model.equals("fifo");
      TaintModel m = fifo ? TaintModels.FIFO : TaintModels.HAIRCUT;
      List<List<TaintState>> ins = fifo ? fifoIn : hairIn;
      long bestE = Long.MAX_VALUE;
      long bestB = Long.MAX_VALUE;
      long checkE = 0;
      long checkB = 0;
      for (int r = 0; r < rounds; r++) {
        long s = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < txs.size(); i++) {
          TaintModel.TxResult res = m.apply(ins.get(i), outs.get(i), FeePolicy.TERMINAL);
          sum += res.fee().tainted();
        }
        bestE = Math.min(bestE, System.nanoTime() - s);
        checkE = sum;
        s = System.nanoTime();
        sum = 0;
        for (int i = 0; i < txs.size(); i++) {
          sum += fifo ? fifoBaseline(ins.get(i), outs.get(i)) : haircutBaseline(ins.get(i), outs.get(i));
        }
        bestB = Math.min(bestB, System.nanoTime() - s);
        checkB = sum;
      }
      System.out.printf(
          Locale.ROOT,
          "rule only %-7s %,d txs | engine %,.0f tx/s | baseline %,.0f tx/s | ratio %.1fx | same fee taint: %s%n",
          model, txs.size(), txs.size() / (bestE / 1e9), txs.size() / (bestB / 1e9),
          (double) bestB / bestE, checkE == checkB);
    }
  }

  /** Haircut with BigDecimal; returns the fee taint. */
  private static long haircutBaseline(List<TaintState> ins, long[] outs) {
    BigDecimal v = BigDecimal.ZERO;
    BigDecimal t = BigDecimal.ZERO;
    for (TaintState s : ins) {
      v = v.add(BigDecimal.valueOf(s.value()));
      t = t.add(BigDecimal.valueOf(s.tainted()));
    }
    BigDecimal rem = t;
    BigDecimal out = BigDecimal.ZERO;
    List<BigDecimal> res = new ArrayList<>();
    for (long o : outs) {
      BigDecimal ov = BigDecimal.valueOf(o);
      out = out.add(ov);
      BigDecimal tj = ov.multiply(t).divide(v, 0, RoundingMode.FLOOR).min(ov).min(rem);
      res.add(tj);
      rem = rem.subtract(tj);
    }
    return rem.min(v.subtract(out)).longValueExact();
  }

  /** FIFO with a list of BigDecimal segments; returns the fee taint. */
  private static long fifoBaseline(List<TaintState> ins, long[] outs) {
    List<BaselineTaint.Seg> stream = new ArrayList<>();
    for (TaintState s : ins) {
      for (Segments.Segment g : s.segments().orElseThrow().toList()) {
        stream.add(new BaselineTaint.Seg(BigDecimal.valueOf(g.length()), g.tainted()));
      }
    }
    int cursor = 0;
    BigDecimal used = BigDecimal.ZERO;
    List<List<BaselineTaint.Seg>> res = new ArrayList<>();
    for (long o : outs) {
      List<BaselineTaint.Seg> mine = new ArrayList<>();
      BigDecimal need = BigDecimal.valueOf(o);
      while (need.signum() > 0) {
        BaselineTaint.Seg s = stream.get(cursor);
        BigDecimal take = s.len().subtract(used).min(need);
        if (!mine.isEmpty() && mine.get(mine.size() - 1).tainted() == s.tainted()) {
          BaselineTaint.Seg last = mine.remove(mine.size() - 1);
          mine.add(new BaselineTaint.Seg(last.len().add(take), s.tainted()));
        } else {
          mine.add(new BaselineTaint.Seg(take, s.tainted()));
        }
        need = need.subtract(take);
        used = used.add(take);
        if (used.compareTo(s.len()) == 0) {
          cursor++;
          used = BigDecimal.ZERO;
        }
      }
      res.add(mine);
    }
    BigDecimal fee = BigDecimal.ZERO;
    while (cursor < stream.size()) {
      BaselineTaint.Seg s = stream.get(cursor);
      if (s.tainted()) {
        fee = fee.add(s.len().subtract(used));
      }
      used = BigDecimal.ZERO;
      cursor++;
    }
    return fee.longValueExact();
  }
}
