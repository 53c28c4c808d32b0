package io.tracer.benchmarks.synth;

import io.tracer.bitcoin.synth.BlkFileWriter;
import io.tracer.bitcoin.synth.SyntheticChain;
import io.tracer.core.model.UtxoTx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Plain-main harness: how fast the generator streams transactions and writes blk files, and how
 * much heap it holds, next to a baseline measured in the same run: double SHA-256 of as many
 * 400-byte messages (the least any generator of real txids must do per transaction).
 *
 * <pre>
 * java -Xmx512m -cp ... io.tracer.benchmarks.synth.SynthThroughput [STREAM_TXS] [BLK_TXS]
 * </pre>
 */
public final class SynthThroughput {
  private SynthThroughput() {}

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    long streamTxs = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    long blkTxs = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 300_000;
    System.out.printf("cores=%d maxHeap=%d MiB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    // Warm-up: JIT the generator and the digest.
    stream(200_000, 7);
    hashBaseline(200_000);

    resetPeak();
    liveHeap = 0;
    long t0 = System.nanoTime();
    long n = stream(streamTxs, 1);
    double genS = (System.nanoTime() - t0) / 1e9;
    long peakHeap = peakHeap();

    long t1 = System.nanoTime();
    hashBaseline(n);
    double hashS = (System.nanoTime() - t1) / 1e9;

    Path dir = Files.createTempDirectory("synth-bench");
    long t2 = System.nanoTime();
    BlkFileWriter.Summary s =
        BlkFileWriter.write(SyntheticChain.builder().seed(1).transactions(blkTxs).build(), dir);
    double blkS = (System.nanoTime() - t2) / 1e9;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    System.out.printf("generate (stream UtxoTx)   : %,d txs in %.1f s = %,.0f tx/s%n", n, genS, n / genS);
    System.out.printf("baseline (2xSHA-256, 400 B): %,d msgs in %.1f s = %,.0f msg/s%n", n, hashS, n / hashS);
    System.out.printf("ratio generate/baseline time: %.1fx%n", genS / hashS);
    System.out.printf("write blk files            : %,d txs, %,d bytes in %.1f s = %,.0f tx/s, %.1f MB/s%n",
        s.transactions(), s.bytes(), blkS, s.transactions() / blkS, s.bytes() / 1e6 / blkS);
    System.out.printf("heap during generate: live after GC %d MiB (max of 3 samples), peak incl. garbage %d MiB%n",
        liveHeap >> 20, peakHeap >> 20);
  }

  /** Largest heap still in use after a full GC while a stream was open (the generator's live set). */
  private static long liveHeap;

  private static long liveHeapNow() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long stream(long n, long seed) {
    long count = 0;
    long outputs = 0;
    try (Stream<UtxoTx> s = SyntheticChain.builder().seed(seed).transactions(n).build().stream()) {
      Iterator<UtxoTx> it = s.iterator();
      while (it.hasNext()) {
        outputs += it.next().outputs().size();
        count++;
        if (count == n / 4 || count == n / 2 || count == n - 1) {
          liveHeap = Math.max(liveHeap, liveHeapNow()); // generator alive: pools at their size
        }
      }
    }
    if (outputs == 0) {
      throw new AssertionError("no outputs");
    }
    return count;
  }

  private static void hashBaseline(long n) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] msg = new byte[400];
    byte acc = 0;
    for (long i = 0; i < n; i++) {
      msg[(int) (i % 400)] ^= (byte) i;
      sha.update(msg);
      acc ^= sha.digest(sha.digest())[0];
    }
    if (acc == 42) {
      System.out.print(""); // keep the result alive
    }
  }

  private static void resetPeak() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
