package io.tracer.benchmarks.parse;

import io.tracer.bitcoin.blocks.DecodedBlock;
import io.tracer.bitcoin.blocks.ParallelDecoder;
import io.tracer.bitcoin.blocks.RawBlockDecoder;
import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.bitcoin.synth.BlkFileWriter;
import io.tracer.bitcoin.synth.SyntheticChain;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.ScriptException;

/**
 * Parse + index throughput of tracer's block path against bitcoinj deserialization alone, on the
 * real mainnet blocks of {@code ../shared/data/bitcoinj-blocks} (the 8 single raw blocks and the
 * 439 framed blocks of {@code first-100k-blocks.dat}), repeated in memory to get volume. File I/O
 * is excluded from every workload: all of them start from the same in-memory block bytes.
 *
 * <p>Workloads, interleaved in each trial so that JIT and GC drift hit all of them alike:
 *
 * <ol>
 *   <li><b>bitcoinj</b>: {@code Block.read} of every block, touching each transaction's outputs
 *       (the baseline: deserialization alone; no txid, no address).
 *   <li><b>sha256 of all bytes</b>: one SHA-256 pass over every block's bytes: the floor any
 *       reader pays to compute txids (context only).
 *   <li><b>bitcoinj+txid</b>: the baseline plus {@code getTxId()} of every transaction: the least
 *       work any index must do, since inputs name the outputs they spend by txid (context: the
 *       fair floor for parse+index).
 *   <li><b>bitcoinj+txid+addr</b>: the same plus {@code getTxId()} and {@code getToAddress} of every
 *       output: what bitcoinj would need to produce what tracer produces (context only).
 *   <li><b>tracer parse</b>: {@link RawBlockDecoder#decode} to {@link UtxoTx} (txids, addresses,
 *       pseudo-addresses, vsize).
 *   <li><b>parse+index objects</b>: the same plus building a {@link UtxoLedger} from those objects
 *       (input resolution, spenders, address history).
 *   <li><b>tracer parse+index</b>: what the {@code btc-blocks} source does: {@link
 *       RawBlockDecoder#decodeInto} writes each block straight into the ledger builder's columns
 *       (no object per transaction), addresses as {@link BitcoinAddressKeys} (type + hash, text
 *       rendered only when shown), then the same ledger is built.
 * </ol>
 *
 * Retained heap per transaction of the index: GC, heap used before; decode and build the ledger of
 * all unique transactions; drop everything but the ledger; GC; heap used after; difference / tx
 * count (MemoryMXBean, after repeated {@code System.gc()}). The ledger's own array footprint ({@link
 * UtxoLedger#footprintBytes()}) is printed beside it.
 *
 * <p>Then a <b>wall-clock</b> section, since blocks decode on several threads ({@link
 * ParallelDecoder}): bitcoinj on one thread (the baseline as the target states it), bitcoinj on
 * every thread (each block's {@code Block.read} in a parallel stream: what a user of bitcoinj gets
 * from the same cores), tracer parse+index on one thread and on every thread, in wall time. It runs
 * on the real sample and on a seeded synthetic chain ({@code SYNTH_TXS} transactions, default
 * 300,000, written as blk bytes and held in memory): the real sample is 9 ms of work per round,
 * too little to keep a thread pool busy, while a real {@code blocks/} directory is gigabytes.
 *
 * <p>Usage: {@code BlockParseBenchmark [DATA_DIR] [TRIALS] [SECONDS_PER_MEASUREMENT] [SYNTH_TXS]}.
 */
public final class BlockParseBenchmark {
  private BlockParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Path.of("../shared/data/bitcoinj-blocks");
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;
    List<byte[]> blocks = load(dir);
    long bytes = blocks.stream().mapToLong(b -> b.length).sum();
    long txs = 0;
    for (byte[] b : blocks) {
      txs += Block.read(ByteBuffer.wrap(b)).getTransactions().size();
    }
    System.out.printf(Locale.ROOT, "data: %d mainnet blocks, %d txs, %.2f MB from %s%n",
        blocks.size(), txs, bytes / 1e6, dir.toAbsolutePath().normalize());
    System.out.printf(Locale.ROOT, "jvm: %s %s, %d cpus, max heap %d MB%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    String[] names = {
      "bitcoinj", "sha256 of all bytes", "bitcoinj+txid", "bitcoinj+txid+addr", "tracer parse",
      "parse+index objects", "tracer parse+index"
    };
    LongSupplier[] work = {
      () -> bitcoinj(blocks), () -> sha256All(blocks), () -> bitcoinjTxid(blocks),
      () -> bitcoinjFull(blocks), () -> parse(blocks), () -> parseIndexObjects(blocks),
      () -> parseIndex(blocks)
    };
    // warm-up: every workload for `seconds`, twice, so that all of them are compiled
    for (int rep = 0; rep < 2; rep++) {
      for (LongSupplier w : work) {
        runFor(w, seconds);
      }
    }
    // trials: each workload runs whole rounds for about `seconds`; rate = rounds / elapsed
    double[][] rate = new double[work.length][trials];
    long[] rounds = new long[work.length];
    for (int t = 0; t < trials; t++) {
      for (int w = 0; w < work.length; w++) {
        double[] r = runFor(work[w], seconds);
        rate[w][t] = r[0] / r[1];
        rounds[w] += (long) r[0];
      }
    }
    double base = median(rate[0]);
    double floor = median(rate[2]); // bitcoinj+txid
    System.out.printf(Locale.ROOT, "%n%-20s %12s %10s %8s %8s %14s%n",
        "workload", "tx/s", "MB/s", "rounds", "ratio", "vs +txid");
    for (int w = 0; w < work.length; w++) {
      double m = median(rate[w]);
      System.out.printf(Locale.ROOT, "%-20s %12.0f %10.1f %8d %7.2fx %13.2fx%n",
          names[w], m * txs, m * bytes / 1e6, rounds[w], m / base, m / floor);
    }
    System.out.printf(Locale.ROOT, "(per CPU-second of the whole JVM process, GC included; median of %d trials of ~%.1f CPU-s each; ratio = throughput / bitcoinj throughput;"
        + " vs +txid = throughput / bitcoinj+txid throughput; target for parse+index >= 0.80x)%n", trials, seconds);

    int synthTxs = args.length > 3 ? Integer.parseInt(args[3].replace("_", "")) : 300_000;
    List<byte[]> synth = synthetic(synthTxs);
    int threads = ParallelDecoder.defaultThreads();
    wallClock("real sample", blocks, txs, BtcNetwork.MAINNET, threads, trials, seconds);
    wallClock("synthetic chain, " + synthTxs + " txs", synth, synthTxs, BtcNetwork.REGTEST, threads, trials, seconds);

    heapPerTx("all blocks", blocks, BtcNetwork.MAINNET);
    heapPerTx("first-100k only (every input resolvable)", blocks.subList(framedStart, blocks.size()), BtcNetwork.MAINNET);
    heapPerTx("synthetic chain (contiguous, realistic shape)", synth, BtcNetwork.REGTEST);
    System.out.println("checksum " + checksum);
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * Runs whole rounds of {@code w} for about {@code seconds} of this process's CPU time: {rounds,
   * CPU seconds}. CPU time rather than wall time, because the benchmark machine is shared: other
   * processes then slow every workload alike instead of whichever happened to run when they did.
   * Process time includes the GC and JIT threads, so allocation-heavy workloads pay for their
   * garbage.
   */
  private static double[] runFor(LongSupplier w, double seconds) {
    return runFor(w, seconds, OS::getProcessCpuTime);
  }

  /** Whole rounds of {@code w} for about {@code seconds} on {@code clock} (nanoseconds). */
  private static double[] runFor(LongSupplier w, double seconds, LongSupplier clock) {
    long t0 = clock.getAsLong();
    long limit = (long) (seconds * 1e9);
    long n = 0;
    long el;
    do {
      sink(w.getAsLong());
      n++;
      el = clock.getAsLong() - t0;
    } while (el < limit);
    return new double[] {n, el / 1e9};
  }

  // ---- workloads ----

  private static long checksum;

  private static void sink(long v) {
    checksum += v;
  }

  static long bitcoinj(List<byte[]> blocks) {
    long acc = 0;
    for (byte[] b : blocks) {
      Block blk = Block.read(ByteBuffer.wrap(b));
      for (Transaction tx : blk.getTransactions()) {
        acc += tx.getOutputs().size();
      }
    }
    return acc;
  }

  static long sha256All(List<byte[]> blocks) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      long acc = 0;
      for (byte[] b : blocks) {
        d.update(b);
        acc += d.digest()[0];
      }
      return acc;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static long bitcoinjTxid(List<byte[]> blocks) {
    long acc = 0;
    for (byte[] b : blocks) {
      Block blk = Block.read(ByteBuffer.wrap(b));
      for (Transaction tx : blk.getTransactions()) {
        acc += tx.getOutputs().size() + tx.getTxId().hashCode();
      }
    }
    return acc;
  }

  static long bitcoinjFull(List<byte[]> blocks) {
    long acc = 0;
    for (byte[] b : blocks) {
      Block blk = Block.read(ByteBuffer.wrap(b));
      for (Transaction tx : blk.getTransactions()) {
        acc += tx.getTxId().hashCode();
        for (TransactionOutput o : tx.getOutputs()) {
          try {
            acc += o.getScriptPubKey().getToAddress(org.bitcoinj.base.BitcoinNetwork.MAINNET, true).toString().length();
          } catch (ScriptException | IllegalArgumentException e) {
            acc++; // no address: tracer would make a pseudo-address here
          }
        }
      }
    }
    return acc;
  }

  static long parse(List<byte[]> blocks) {
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    long acc = 0;
    for (byte[] b : blocks) {
      DecodedBlock blk = d.decode(b, 0, b.length, BlockRef.UNKNOWN_HEIGHT, null, 0);
      acc += blk.transactions().size();
    }
    return acc;
  }

  static long parseIndex(List<byte[]> blocks) {
    return index(blocks).size();
  }

  static long parseIndexObjects(List<byte[]> blocks) {
    return indexObjects(blocks).size();
  }

  /**
   * What {@code btc-blocks} does: {@link RawBlockDecoder#decodeInto} straight into the columns,
   * addresses kept as {@link BitcoinAddressKeys} (type + hash; text rendered only when shown).
   */
  static UtxoLedger index(List<byte[]> blocks) {
    return index(blocks, BtcNetwork.MAINNET, 1);
  }

  /** {@link #index(List)} for {@code network}'s blocks, decoded on {@code threads} threads. */
  static UtxoLedger index(List<byte[]> blocks, BtcNetwork network, int threads) {
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN).addressCodec(BitcoinAddressKeys.of(network));
    new ParallelDecoder(network, threads).decodeInto(lb, blocks.size(), i -> blocks.get(i).length,
        i -> new ParallelDecoder.RawBlock(blocks.get(i), i, null, 0),
        (i, e) -> {
          throw e;
        });
    return lb.build();
  }

  /** The object path: {@link UtxoTx} per transaction, then the ledger. */
  static UtxoLedger indexObjects(List<byte[]> blocks) {
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    long h = 0;
    for (byte[] b : blocks) {
      lb.addAll(d.decode(b, 0, b.length, h++, null, 0).transactions());
    }
    return lb.build();
  }

  // ---- wall clock ----

  /**
   * Wall-clock rates (median of {@code trials}, each whole rounds for about {@code seconds}):
   * bitcoinj and tracer parse+index, on one thread and on {@code threads}.
   */
  static void wallClock(String label, List<byte[]> blocks, long txs, BtcNetwork network, int threads,
      int trials, double seconds) {
    String[] names = {
      "bitcoinj, 1 thread", "bitcoinj, " + threads + " threads", "tracer parse+index, 1 thread",
      "tracer parse+index, " + threads + " threads"
    };
    LongSupplier[] work = {
      () -> bitcoinj(blocks),
      () -> blocks.parallelStream().mapToLong(b -> Block.read(ByteBuffer.wrap(b)).getTransactions().size()).sum(),
      () -> index(blocks, network, 1).size(),
      () -> index(blocks, network, threads).size()
    };
    for (LongSupplier w : work) {
      runForWall(w, seconds); // warm-up
    }
    double[][] rate = new double[work.length][trials];
    for (int t = 0; t < trials; t++) {
      for (int w = 0; w < work.length; w++) {
        double[] r = runForWall(work[w], seconds);
        rate[w][t] = r[0] / r[1];
      }
    }
    double base = median(rate[0]);
    System.out.printf(Locale.ROOT, "%nwall clock, %s (%d txs, %d blocks, %d cpus)%n%-36s %12s %8s%n",
        label, txs, blocks.size(), Runtime.getRuntime().availableProcessors(), "workload", "tx/s", "ratio");
    for (int w = 0; w < work.length; w++) {
      double m = median(rate[w]);
      System.out.printf(Locale.ROOT, "%-36s %12.0f %7.2fx%n", names[w], m * txs, m / base);
    }
    System.out.println("(wall time; ratio = throughput / bitcoinj on 1 thread)");
  }

  private static double[] runForWall(LongSupplier w, double seconds) {
    return runFor(w, seconds, System::nanoTime);
  }

  /** A seeded synthetic chain of {@code txs} transactions as blk bytes, one array per block. */
  static List<byte[]> synthetic(int txs) throws Exception {
    Path dir = Files.createTempDirectory("tracer-parse-bench");
    try {
      BlkFileWriter.write(SyntheticChain.builder().seed(42).transactions(txs).build(), dir);
      List<byte[]> out = new ArrayList<>();
      try (var s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          out.addAll(frames(Files.readAllBytes(p)));
        }
      }
      return out;
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The blocks of a framed file: magic(4) length(4, little-endian) block, repeated. */
  private static List<byte[]> frames(byte[] all) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    while (bb.remaining() >= 8) {
      bb.getInt();
      int len = bb.getInt();
      if (len == 0) {
        break; // a pre-allocated, zero-filled tail
      }
      byte[] b = new byte[len];
      bb.get(b);
      out.add(b);
    }
    return out;
  }

  // ---- heap ----

  static void heapPerTx(String label, List<byte[]> blocks, BtcNetwork network) throws InterruptedException {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long before = settledHeap(mx);
    UtxoLedger ledger = index(blocks, network, 1);
    long after = settledHeap(mx);
    long retained = after - before;
    System.out.printf(Locale.ROOT,
        "%nindex heap, %s: %d txs, %d inputs unresolved, retained %.1f KB = %.1f bytes/tx"
            + " (MemoryMXBean after GC); array footprint %.1f bytes/tx%n",
        label, ledger.size(), ledger.unresolvedInputs(), retained / 1024.0, (double) retained / ledger.size(),
        (double) ledger.footprintBytes() / ledger.size());
    sink(ledger.size());
  }

  private static long settledHeap(MemoryMXBean mx) throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(100);
      long used = mx.getHeapMemoryUsage().getUsed();
      if (Math.abs(last - used) < 16 * 1024) {
        return used;
      }
      last = used;
    }
    return last;
  }

  // ---- data ----

  /** Index in {@link #load}'s list of the first block of first-100k-blocks.dat (loaded last). */
  private static int framedStart;

  static List<byte[]> load(Path dir) throws Exception {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> framed = new ArrayList<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.contains("testnet") || !n.endsWith(".dat")) {
          continue;
        }
        byte[] all = Files.readAllBytes(p);
        if (n.startsWith("first-100k")) {
          framed.addAll(frames(all));
        } else {
          out.add(all);
        }
      }
    }
    framedStart = out.size();
    out.addAll(framed);
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no mainnet blocks in " + dir);
    }
    return out;
  }

  private static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
