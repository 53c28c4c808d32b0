package io.tracer.benchmarks.cluster;

import io.tracer.core.cluster.IdClusterer;
import io.tracer.core.cluster.SuperClusterGuard;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Multi-input clustering throughput (inputs/s) and retained memory: tracer's {@link IdClusterer}
 * (int union-find with path halving and union by size, plus one evidence record per successful
 * merge) against JGraphT 1.5.2 ({@code SimpleGraph} + {@code ConnectivityInspector}) on the same
 * generated input graph, in the same JVM run, one after the other.
 *
 * <p>Both sides get interned int address ids (address interning is the same work for both and is
 * left out); both build their structure transaction by transaction, linking every input to the
 * transaction's first input, and both end with the cluster count computed. Memory is the heap
 * retained by the structure after a full GC, measured with {@code Runtime} (the generated input
 * arrays are allocated before the baseline and excluded).
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/classes:$(cat cp.txt) \
 *     io.tracer.benchmarks.cluster.MultiInputClusteringBenchmark [inputs] [seed]
 * </pre>
 */
public final class MultiInputClusteringBenchmark {
  private MultiInputClusteringBenchmark() {}

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * What one side measured. {@code nanos} is the process CPU time, which includes the garbage
   * collector's threads (JGraphT's allocation shows up there) but not the neighbours on a shared
   * machine; {@code wallNanos} is shown beside it.
   */
  record Result(String name, long nanos, long wallNanos, long bytes, int clusters, long merges) {
    double inputsPerSecond(long inputs) {
      return inputs / (nanos / 1e9);
    }
  }

  private static long cpu() {
    return OS.getProcessCpuTime();
  }

  public static void main(String[] args) throws InterruptedException {
    long inputs = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    System.out.printf(Locale.ROOT, "generating %,d inputs (seed %d)...%n", inputs, seed);
    InputGraphGenerator.Graph g = InputGraphGenerator.generate(inputs, seed);
    System.out.printf(
        Locale.ROOT,
        "graph: %,d transactions, %,d inputs, %,d addresses, max inputs/tx %,d%n",
        g.transactions(), g.inputs(), g.addresses(), maxInputs(g));

    // Warm-up on a prefix (JIT), results discarded.
    InputGraphGenerator.Graph warm = InputGraphGenerator.generate(500_000, seed + 1);
    tracer(warm, false);
    jgrapht(warm, false);

    Result t = tracer(g, true);
    Result j = jgrapht(g, true);
    if (t.clusters() != j.clusters()) {
      throw new AssertionError("cluster counts differ: " + t.clusters() + " vs " + j.clusters());
    }
    print(g, t);
    print(g, j);
    System.out.printf(
        Locale.ROOT,
        "ratio (CPU time): tracer is %.1fx faster and uses %.3f of JGraphT's memory (%.1fx less)%n",
        (double) j.nanos() / t.nanos(),
        (double) t.bytes() / j.bytes(),
        (double) j.bytes() / t.bytes());
  }

  private static void print(InputGraphGenerator.Graph g, Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-24s cpu %7.2f s (wall %7.2f s)  %,12.0f inputs/s  retained %,8.1f MiB  clusters %,d"
            + "  unions/edges %,d%n",
        r.name(), r.nanos() / 1e9, r.wallNanos() / 1e9, r.inputsPerSecond(g.inputs()),
        r.bytes() / 1048576.0,
        r.clusters(), r.merges());
  }

  static Result tracer(InputGraphGenerator.Graph g, boolean measure) throws InterruptedException {
    long base = measure ? used() : 0;
    long w0 = System.nanoTime();
    long t0 = cpu();
    IdClusterer c = new IdClusterer(1 << 16, 1 << 16, SuperClusterGuard.defaults());
    int[] ids = g.ids();
    int[] off = g.offsets();
    int maxId = -1;
    for (int tx = 0; tx < g.transactions(); tx++) {
      int from = off[tx];
      int to = off[tx + 1];
      for (int i = from; i < to; i++) {
        maxId = Math.max(maxId, ids[i]);
      }
      c.ensure(maxId + 1);
      if (to - from >= 2) {
        c.mergeAll(ids, from, to, 0, tx, 80);
      }
    }
    c.ensure(g.addresses());
    int clusters = c.unionFind().countSets();
    long nanos = cpu() - t0;
    long wall = System.nanoTime() - w0;
    long bytes = measure ? used() - base : 0;
    Result r = new Result("tracer IdClusterer", nanos, wall, bytes, clusters, c.merges().size());
    reach(c);
    return r;
  }

  static Result jgrapht(InputGraphGenerator.Graph g, boolean measure) throws InterruptedException {
    long base = measure ? used() : 0;
    long w0 = System.nanoTime();
    long t0 = cpu();
    Graph<Integer, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
    int[] ids = g.ids();
    int[] off = g.offsets();
    long edges = 0;
    for (int tx = 0; tx < g.transactions(); tx++) {
      int from = off[tx];
      int to = off[tx + 1];
      Integer first = ids[from];
      graph.addVertex(first);
      for (int i = from + 1; i < to; i++) {
        Integer v = ids[i];
        graph.addVertex(v);
        if (!first.equals(v) && graph.addEdge(first, v) != null) {
          edges++;
        }
      }
    }
    for (int v = 0; v < g.addresses(); v++) {
      graph.addVertex(v); // addresses seen only as outputs would be vertices too
    }
    ConnectivityInspector<Integer, DefaultEdge> ci = new ConnectivityInspector<>(graph);
    List<Set<Integer>> sets = ci.connectedSets();
    long nanos = cpu() - t0;
    long wall = System.nanoTime() - w0;
    long bytes = measure ? used() - base : 0;
    Result r = new Result("JGraphT SimpleGraph+CC", nanos, wall, bytes, sets.size(), edges);
    reach(graph);
    reach(ci);
    return r;
  }

  private static int maxInputs(InputGraphGenerator.Graph g) {
    int m = 0;
    for (int t = 0; t < g.transactions(); t++) {
      m = Math.max(m, g.offsets()[t + 1] - g.offsets()[t]);
    }
    return m;
  }

  private static volatile Object sink;

  /** Keeps {@code o} reachable until after the measurement. */
  private static void reach(Object o) {
    sink = o;
    sink = null;
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }
}
