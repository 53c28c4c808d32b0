package io.tracer.benchmarks.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.OutPoint;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Haircut and FIFO propagation from one seed over a generated chain, tracer's engine against the
 * {@link BaselineTaint} BigDecimal/HashMap implementation, in the same JVM run. Prints, per model:
 * transactions processed, transactions/s of each, the ratio, whether both computed the same taint,
 * and heap in use; for FIFO also the segment-count growth with the number of hops processed.
 *
 * <p>Usage: {@code TaintBenchmark [TXS [REPEATS [MODELS [engine-only|both [materialized]]]]]}:
 * default 1,000,000 transactions, 1 repeat (the best of REPEATS counts, after a warm-up on a
 * 50,000-transaction prefix), models {@code haircut,fifo}. {@code engine-only} skips the baseline
 * (for profiling). {@code materialized} adds a second pass over a source that holds every
 * transaction as objects (about 1.5 GB of heap for a million), separating the taint work from
 * source lookups, plus the rule-only comparison.
 *
 * <p>Each model is measured in its own JVM: given several models, this process starts one child
 * JVM per model (same JVM options and class path) and waits for each in turn. Measured one after
 * the other in one JVM, FIFO ran at about half its speed after haircut (3.5–3.9× instead of
 * 6.9–7.1×): the first model's compiled code, type profiles and heap state are not the second's
 * to inherit, so the figure depended on the order of the list.
 *
 * <p>Times are process CPU time (all JVM threads, collector included), which other developers'
 * load on a shared machine does not inflate; wall time is printed beside it.
 */
public final class TaintBenchmark {
  private TaintBenchmark() {}

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws IOException, InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String only = args.length > 2 ? args[2] : "haircut,fifo";
    if (only.contains(",")) {
      System.exit(forkPerModel(args, n, repeats, only));
      return;
    }
    boolean engineOnly = args.length > 3 && args[3].equals("engine-only");
    int funding = 20_000;
    long t0 = System.nanoTime();
    UtxoLedger ledger = ChainGenerator.generate(n, funding, 42);
    System.out.printf(
        Locale.ROOT, "chain: %,d txs (%,d funding), generated + indexed in %.1f s, heap %s%n",
        ledger.size(), funding, (System.nanoTime() - t0) / 1e9, heap());
    OutPoint seed = new OutPoint(ChainGenerator.id(ChainGenerator.WHALE), 0);
    System.out.println("seed: " + seed);
    boolean materialize = args.length > 4 && args[4].equals("materialized");
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
        for (int i = 0; i < repeats; i++) {
          long s = System.nanoTime();
          UtxoTaintResult r = engine(m, ledger, seed, Long.MAX_VALUE);
          System.out.printf(Locale.ROOT, "%s engine only: %,d txs in %.2f s%n", m.id(), r.totals().transactions(), (System.nanoTime() - s) / 1e9);
        }
        continue;
      }
      // warm both up on a prefix, then measure full runs
      engine(m, ledger, seed, 50_000);
      baseline(fifo, ledger, seed, 50_000);
      long bestEngine = Long.MAX_VALUE;
      long bestFull = Long.MAX_VALUE;
      long bestBase = Long.MAX_VALUE;
      UtxoTaintResult r = null;
      BaselineTaint.Outcome b = null;
      String engineHeap = "";
      long bestEngineWall = Long.MAX_VALUE;
      long bestBaseWall = Long.MAX_VALUE;
      for (int i = 0; i < repeats; i++) {
        long s = cpu();
        long w = System.nanoTime();
        r = engine(m, ledger, seed, Long.MAX_VALUE);
        bestEngine = Math.min(bestEngine, cpu() - s);
        bestEngineWall = Math.min(bestEngineWall, System.nanoTime() - w);
        // the fast path builds OutputTaint/TxTaint objects when read; count reading all of them
        long built = materialize(r);
        bestFull = Math.min(bestFull, cpu() - s);
        if (built < 0) {
          throw new AssertionError();
        }
        engineHeap = heap();
        s = cpu();
        w = System.nanoTime();
        b = baseline(fifo, ledger, seed, Long.MAX_VALUE);
        bestBase = Math.min(bestBase, cpu() - s);
        bestBaseWall = Math.min(bestBaseWall, System.nanoTime() - w);
      }
      System.out.printf(
          Locale.ROOT, "%-8s wall time: engine %.2f s, baseline %.2f s (ratio %.1fx)%n",
          m.id(), bestEngineWall / 1e9, bestBaseWall / 1e9, (double) bestBaseWall / bestEngineWall);
      long txs = r.totals().transactions();
      if (ledger instanceof UtxoLedger l) {
        // the same engine forced onto its generic path: the speed before the fast path, and a
        // full-scale check that the fast path's result is identical (every output and tx)
        long s = cpu();
        UtxoTaintResult g = engine(m, new GenericPathSource(l), seed, Long.MAX_VALUE);
        long genericNs = cpu() - s;
        boolean identical =
            g.outputs().equals(r.outputs())
                && g.transactions().equals(r.transactions())
                && g.totals().equals(r.totals())
                && g.isComplete() == r.isComplete();
        System.out.printf(
            Locale.ROOT,
            "%-8s generic path (UtxoSource API only) %,.0f tx/s (%.2f s) | fast path %.1fx faster | identical result: %s%n",
            m.id(), txs / (genericNs / 1e9), genericNs / 1e9, (double) genericNs / bestEngine, identical);
      }
      boolean agree =
          txs == b.transactions()
              && BigDecimal.valueOf(r.totals().held()).compareTo(b.held()) == 0
              && BigDecimal.valueOf(r.totals().fees()).compareTo(b.fees()) == 0;
      System.out.printf(
          Locale.ROOT,
          "%-8s engine with every output and tx record read %,.0f tx/s (%.2f s) | ratio to baseline %.1fx%n",
          m.id(), txs / (bestFull / 1e9), bestFull / 1e9, (double) bestBase / bestFull);
      System.out.printf(
          Locale.ROOT,
          "%-8s txs reached %,d | engine %,.0f tx/s (%.2f s CPU) | baseline %,.0f tx/s (%.2f s) | ratio %.1fx | same result: %s | conserved: %s | heap after engine run %s%n",
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

  /** Process CPU time in ns: every JVM thread of this process, the collector's included. */
  private static long cpu() {
    return OS.getProcessCpuTime();
  }

  /**
   * Runs {@code TaintBenchmark} once per model in a child JVM with this JVM's options and class
   * path, one after the other (never concurrently: they would compete for the cores).
   *
   * @return the first non-zero exit status, or 0
   */
  private static int forkPerModel(String[] args, int n, int repeats, String models)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int status = 0;
    for (String model : models.split(",")) {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(TaintBenchmark.class.getName());
      cmd.add(Integer.toString(n));
      cmd.add(Integer.toString(repeats));
      cmd.add(model.trim());
      for (int i = 3; i < args.length; i++) {
        cmd.add(args[i]);
      }
      System.out.println("=== " + model.trim() + " in its own JVM");
      System.out.flush();
      int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
      if (rc != 0 && status == 0) {
        status = rc;
      }
    }
    return status;
  }

  /** Reads every output and transaction record of a result (forces lazily built ones). */
  private static long materialize(UtxoTaintResult r) {
    long n = 0;
    for (var o : r.outputs()) {
      n += o.hop();
    }
    for (var t : r.transactions()) {
      n += t.hop();
    }
    return n;
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
