package io.tracer.benchmarks.taint;

import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The straightforward implementation the benchmark compares against: the same traversal (follow
 * spenders, chain order) and the same rules (haircut with floor, FIFO with merged segments), but
 * written the obvious way: {@link BigDecimal} amounts, a {@link HashMap} from outpoint to taint, a
 * list of segment objects per output. It computes the same numbers as the engine, which the
 * benchmark checks.
 */
final class BaselineTaint {
  private BaselineTaint() {}

  /** A FIFO run. */
  record Seg(BigDecimal len, boolean tainted) {}

  record Outcome(long transactions, BigDecimal held, BigDecimal fees, long maxSegments) {}

  static Outcome haircut(UtxoSource src, OutPoint seed, long maxTx) {
    return run(src, seed, maxTx, false);
  }

  static Outcome fifo(UtxoSource src, OutPoint seed, long maxTx) {
    return run(src, seed, maxTx, true);
  }

  private static Outcome run(UtxoSource src, OutPoint seed, long maxTx, boolean fifo) {
    Map<OutPoint, BigDecimal> taint = new HashMap<>();
    Map<OutPoint, List<Seg>> segs = new HashMap<>();
    Map<OutPoint, BigDecimal> all = new HashMap<>(); // every output reached, as the engine records
    PriorityQueue<UtxoTx> queue =
        new PriorityQueue<>(Comparator.comparing(UtxoTx::block).thenComparing(UtxoTx::id));
    Set<TxId> queued = new HashSet<>();
    UtxoTx seedTx = src.transaction(seed.txId()).orElseThrow();
    BigDecimal seedValue = BigDecimal.valueOf(seedTx.output(seed.index()).value());
    taint.put(seed, seedValue);
    List<Seg> s0 = new ArrayList<>();
    s0.add(new Seg(seedValue, true));
    segs.put(seed, s0);
    enqueue(src, seed, queue, queued);
    BigDecimal fees = BigDecimal.ZERO;
    long processed = 0;
    long maxSeg = 1;
    while (!queue.isEmpty() && processed < maxTx) {
      UtxoTx tx = queue.poll();
      processed++;
      BigDecimal v = BigDecimal.ZERO;
      BigDecimal t = BigDecimal.ZERO;
      List<Seg> stream = new ArrayList<>();
      for (TxIn in : tx.inputs()) {
        BigDecimal value = BigDecimal.valueOf(in.value());
        v = v.add(value);
        BigDecimal ti = taint.remove(in.prevout());
        if (ti != null) {
          t = t.add(ti);
        }
        List<Seg> si = segs.remove(in.prevout());
        if (fifo) {
          if (si != null) {
            stream.addAll(si);
          } else {
            stream.add(new Seg(value, false));
          }
        }
      }
      BigDecimal out = BigDecimal.ZERO;
      BigDecimal rem = t;
      int cursor = 0;
      BigDecimal used = BigDecimal.ZERO;
      for (int j = 0; j < tx.outputs().size(); j++) {
        BigDecimal ov = BigDecimal.valueOf(tx.output(j).value());
        out = out.add(ov);
        OutPoint op = tx.outPoint(j);
        BigDecimal tj;
        if (fifo) {
          List<Seg> mine = new ArrayList<>();
          BigDecimal need = ov;
          tj = BigDecimal.ZERO;
          while (need.signum() > 0) {
            Seg s = stream.get(cursor);
            BigDecimal avail = s.len().subtract(used);
            BigDecimal take = avail.min(need);
            if (!mine.isEmpty() && mine.get(mine.size() - 1).tainted() == s.tainted()) {
              Seg last = mine.remove(mine.size() - 1);
              mine.add(new Seg(last.len().add(take), s.tainted()));
            } else {
              mine.add(new Seg(take, s.tainted()));
            }
            if (s.tainted()) {
              tj = tj.add(take);
            }
            need = need.subtract(take);
            used = used.add(take);
            if (used.compareTo(s.len()) == 0) {
              cursor++;
              used = BigDecimal.ZERO;
            }
          }
          if (tj.signum() > 0) {
            segs.put(op, mine);
            maxSeg = Math.max(maxSeg, mine.size());
          }
        } else {
          tj = ov.multiply(t).divide(v, 0, RoundingMode.FLOOR).min(ov).min(rem);
        }
        rem = rem.subtract(tj);
        all.put(op, tj);
        if (tj.signum() > 0) {
          taint.put(op, tj);
          enqueue(src, op, queue, queued);
        }
      }
      BigDecimal fee = v.subtract(out);
      fees = fees.add(rem.min(fee));
    }
    BigDecimal held = BigDecimal.ZERO;
    for (BigDecimal x : taint.values()) {
      held = held.add(x);
    }
    return new Outcome(processed, held, fees, maxSeg);
  }

  private static void enqueue(UtxoSource src, OutPoint op, PriorityQueue<UtxoTx> q, Set<TxId> queued) {
    Optional<InPoint> sp = src.spender(op);
    if (sp.isPresent() && queued.add(sp.get().txId())) {
      q.add(src.transaction(sp.get().txId()).orElseThrow());
    }
  }
}
