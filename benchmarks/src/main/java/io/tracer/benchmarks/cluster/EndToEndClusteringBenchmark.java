package io.tracer.benchmarks.cluster;

import com.sun.management.OperatingSystemMXBean;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole engine ({@link AddressClustering}: address interning, CoinJoin screening of every
 * transaction, multi-input merges with evidence) on the generated input graph turned into
 * {@link UtxoTx} objects, each with two outputs. Reports inputs/s of CPU time. No baseline: this
 * shows what the screening and interning cost on top of {@link MultiInputClusteringBenchmark}.
 *
 * <pre>
 * java -Xmx6g -cp … io.tracer.benchmarks.cluster.EndToEndClusteringBenchmark [inputs] [seed]
 * </pre>
 */
public final class EndToEndClusteringBenchmark {
  private EndToEndClusteringBenchmark() {}

  public static void main(String[] args) {
    long inputs = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
    InputGraphGenerator.Graph g = InputGraphGenerator.generate(inputs, seed);
    Address[] addr = new Address[g.addresses() + 2 * g.transactions()];
    for (int i = 0; i < addr.length; i++) {
      addr[i] = Address.of(Chain.BITCOIN, "bc1q" + Integer.toString(i, 36) + "x".repeat(8));
    }
    List<UtxoTx> txs = new ArrayList<>(g.transactions());
    Instant t = Instant.ofEpochSecond(1_600_000_000L);
    int outAddr = g.addresses();
    for (int tx = 0; tx < g.transactions(); tx++) {
      List<TxIn> ins = new ArrayList<>();
      for (int i = g.offsets()[tx]; i < g.offsets()[tx + 1]; i++) {
        ins.add(TxIn.resolved(new OutPoint(id(-i - 1), 0), addr[g.ids()[i]], 100_000 + i % 7_919, 0xffffffffL));
      }
      List<TxOut> outs = List.of(
          new TxOut(0, addr[outAddr++], 50_000 + tx % 104_729, OutputType.P2WPKH),
          new TxOut(1, addr[outAddr++], 20_000 + tx % 7_907, OutputType.P2WPKH));
      txs.add(new UtxoTx(id(tx), BlockRef.of(tx / 3_000, tx % 3_000, t), 2, 0, 200, ins, outs));
    }
    UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    txs = null;
    AddressClustering engine = AddressClustering.builder().build();
    engine.run(ledger); // warm-up
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    Clustering c = engine.run(ledger);
    long cpu = os.getProcessCpuTime() - c0;
    long wall = System.nanoTime() - w0;
    System.out.printf(
        Locale.ROOT,
        "AddressClustering: %,d txs, %,d inputs, %,d addresses: cpu %.2f s (wall %.2f s), %,.0f inputs/s,"
            + " %,d clusters, %,d merges, %,d flagged%n",
        c.stats().transactions(), c.stats().inputs(), c.stats().addresses(), cpu / 1e9, wall / 1e9,
        c.stats().inputs() / (cpu / 1e9), c.stats().clusters(), c.stats().multiInputMerges(),
        c.stats().flaggedTransactions());
  }

  private static TxId id(long n) {
    byte[] b = new byte[32];
    ByteBuffer.wrap(b).putLong(0, n).putLong(8, n * 0x9E3779B97F4A7C15L);
    return TxId.of(b);
  }
}
