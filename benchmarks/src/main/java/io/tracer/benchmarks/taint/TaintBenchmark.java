package io.tracer.benchmarks.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.OutPoint;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Haircut and FIFO propagation from one seed over a generated chain, tracer's engine against the
 * {@link BaselineTaint} BigDecimal/HashMap implementation, in the same JVM run. Prints, per model:
 * transactions processed, transactions/s of each, the ratio, whether both computed the same taint,
 * and heap in use; for FIFO also the segment-count growth with the number of hops processed.
 *
 * <p>Usage: {@code TaintBenchmark [TXS] [REPEATS]} (default 1,000,000 transactions, 3 repeats;
 * the best repeat counts, after one warm-up).
 */
public final class TaintBenchmark {
  private TaintBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String only = args.length > 2 ? args[2] : "haircut,fifo";
    boolean engineOnly = args.length > 3 && args[3].equals("engine-only");
    int funding = 20_000;
    long t0 = System.nanoTime();
    UtxoLedger ledger = ChainGenerator.generate(n, funding, 42);
    System.out.printf(
        Locale.ROOT, "chain: %,d txs (%,d funding), generated + indexed in %.1f s, heap %s%n",
        ledger.size(), funding, (System.nanoTime() - t0) / 1e9, heap());
    OutPoint seed = new OutPoint(ChainGenerator.id(ChainGenerator.WHALE), 0);
    System.out.println("seed: " + seed);
    boolean materialize = !(args.length > 4 && args[4].equals("ledger-only"));
    measure(ledger, seed, repeats, only, engineOnly, "columnar UtxoLedger (end to end)");
    if (materialize) {
      long m0 = System.nanoTime();
      MaterializedSource mat = new MaterializedSource(ledger, ledger.size());
      System.out.printf(
          Locale.ROOT, "materialized every tx in %.1f s, heap %s%n", (System.nanoTime() - m0) / 1e9, heap());
      measure(mat, seed, repeats, only, engineOnly, "materialized in-memory source (taint work only)");
      RuleBenchmark.run(mat, 200_000, Math.max(3, repeats));
    }
  }

  private static void measure(
      io.tracer.core.source.UtxoSource ledger, OutPoint seed, int repeats, String only,
      boolean engineOnly, String label) {
    System.out.println("== source: " + label);

    for (TaintModel m : List.of(TaintModels.HAIRCUT, TaintModels.FIFO)) {
      if (!List.of(only.split(",")).contains(m.id())) {
        continue;
      }
      boolean fifo = m == TaintModels.FIFO;
      if (engineOnly) {
        long s = System.nanoTime();
        UtxoTaintResult r = engine(m, ledger, seed, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%s engine only: %,d txs in %.2f s%n", m.id(), r.totals().transactions(), (System.nanoTime() - s) / 1e9);
        continue;
      }
      // warm both up on a prefix, then measure full runs
      engine(m, ledger, seed, 50_000);
      baseline(fifo, ledger, seed, 50_000);
      long bestEngine = Long.MAX_VALUE;
      long bestBase = Long.MAX_VALUE;
      UtxoTaintResult r = null;
      BaselineTaint.Outcome b = null;
      String engineHeap = "";
      for (int i = 0; i < repeats; i++) {
        long s = System.nanoTime();
        r = engine(m, ledger, seed, Long.MAX_VALUE);
        bestEngine = Math.min(bestEngine, System.nanoTime() - s);
        engineHeap = heap();
        s = System.nanoTime();
        b = baseline(fifo, ledger, seed, Long.MAX_VALUE);
        bestBase = Math.min(bestBase, System.nanoTime() - s);
      }
      long txs = r.totals().transactions();
      boolean agree =
          txs == b.transactions()
              && BigDecimal.valueOf(r.totals().held()).compareTo(b.held()) == 0
              && BigDecimal.valueOf(r.totals().fees()).compareTo(b.fees()) == 0;
      System.out.printf(
          Locale.ROOT,
          "%-8s txs reached %,d | engine %,.0f tx/s (%.2f s) | baseline %,.0f tx/s (%.2f s) | ratio %.1fx | same result: %s | conserved: %s | heap after engine run %s%n",
          m.id(), txs, txs / (bestEngine / 1e9), bestEngine / 1e9, txs / (bestBase / 1e9),
          bestBase / 1e9, (double) bestBase / bestEngine, agree, r.conserved(), engineHeap);
      if (fifo) {
        System.out.printf(
            Locale.ROOT, "fifo segments: max %,d per output, %,d over %,d outputs reached (mean %.1f)%n",
            r.totals().maxSegments(), r.totals().totalSegments(), r.outputs().size(),
            (double) r.totals().totalSegments() / r.outputs().size());
        System.out.println("fifo segment growth by transactions processed:");
        for (long cap : new long[] {1_000, 10_000, 100_000, 1_000_000}) {
          if (cap > txs * 2) {
            break;
          }
          UtxoTaintResult g = engine(m, ledger, seed, cap);
          long terminal = g.terminalOutputs().size();
          long segTerminal = g.terminalOutputs().stream().mapToLong(o -> o.segmentVector().orElseThrow().size()).sum();
          System.out.printf(
              Locale.ROOT, "  %,9d txs: max %,6d segments/output, mean %.1f over %,d outputs holding taint%n",
              g.totals().transactions(), g.totals().maxSegments(), terminal == 0 ? 0.0 : (double) segTerminal / terminal, terminal);
        }
      }
    }
  }

  private static UtxoTaintResult engine(TaintModel m, io.tracer.core.source.UtxoSource l, OutPoint seed, long maxTx) {
    UtxoTaintOptions.Builder o = UtxoTaintOptions.builder();
    if (maxTx != Long.MAX_VALUE) {
      o.maxTransactions(maxTx);
    }
    return TaintEngine.utxo(m, o.build()).propagate(l, List.of(seed));
  }

  private static BaselineTaint.Outcome baseline(boolean fifo, io.tracer.core.source.UtxoSource l, OutPoint seed, long maxTx) {
    return fifo ? BaselineTaint.fifo(l, seed, maxTx) : BaselineTaint.haircut(l, seed, maxTx);
  }

  private static String heap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return String.format(Locale.ROOT, "%,d MB", (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  static <T> T timed(String what, Supplier<T> s) {
    long t = System.nanoTime();
    T r = s.get();
    System.out.printf(Locale.ROOT, "%s: %.2f s%n", what, (System.nanoTime() - t) / 1e9);
    return r;
  }
}
