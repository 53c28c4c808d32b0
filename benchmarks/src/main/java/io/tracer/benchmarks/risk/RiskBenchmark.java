package io.tracer.benchmarks.risk;

import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.Confidence;
import io.tracer.core.intel.IntelLoader;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.risk.ExposureConfig;
import io.tracer.core.risk.Screener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Plain-main benchmark (not JMH: the interesting numbers are load time, retained memory and a
 * latency distribution, each against a baseline measured in the same JVM run).
 *
 * <ol>
 *   <li>Watchlist: loads every shared intel sample plus a generated CSV of N valid Bitcoin
 *       addresses; then the same entries in a {@code HashMap<String, List<Label>>} (the obvious
 *       baseline; label lists shared, so only the index is compared). Retained heap of each, and
 *       lookup cost per probe mix and hash regime ({@link LookupBench}; {@code -Dprobes=N}).
 *   <li>Screening: p50/p99/max latency of a 3-hop screen (default policy) on the demo graph and on
 *       a generated graph of M transactions (2 inputs, 2 outputs each).
 * </ol>
 *
 * Usage: {@code java -Xmx4g -cp … io.tracer.benchmarks.risk.RiskBenchmark [SHARED_DATA_DIR]
 * [ADDRESSES] [TRANSACTIONS]} (defaults ../shared/data, 1000000, 1000000).
 */
public final class RiskBenchmark {
  private RiskBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared/data");
    int nAddresses = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int nTx = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    System.out.printf("java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    String only = System.getProperty("only", "");
    if (only.isEmpty() || only.equals("watchlist")) {
      watchlistBenchmark(shared, nAddresses);
    }
    if (only.isEmpty() || only.equals("screen")) {
      screeningDemo();
      screeningGenerated(nTx);
    }
  }

  // ====================================================================== watchlist

  static void watchlistBenchmark(Path shared, int n) throws Exception {
    Path csv = Files.createTempFile("tracer-bench-intel", ".csv");
    try {
      long t0 = System.nanoTime();
      writeGeneratedCsv(csv, n);
      System.out.printf("%ngenerated %,d-row intel CSV in %.1f s (%d MB)%n", n, secs(t0), Files.size(csv) >> 20);

      List<Path> files = new ArrayList<>();
      for (String dir : List.of("graphsense-tagpacks", "ofac")) {
        Path d = shared.resolve(dir);
        if (Files.isDirectory(d)) {
          try (Stream<Path> s = Files.list(d)) {
            s.filter(p -> !p.toString().endsWith(".json")).sorted().forEach(files::add);
          }
        }
      }
      files.add(csv);
      gc();
      java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
      long cpu0 = tmx.getCurrentThreadCpuTime();
      t0 = System.nanoTime();
      Watchlist.Builder lb = Watchlist.builder();
      List<String> slow = new ArrayList<>();
      for (Path f : files) {
        long f0 = System.nanoTime();
        lb.load(f);
        double fs = secs(f0);
        if (fs > 0.5) {
          slow.add(String.format("%s %.1f s", f.getFileName(), fs));
        }
      }
      Watchlist w = lb.build();
      lb = null;
      double loadSecs = secs(t0);
      double loadCpu = (tmx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      System.out.println("  files over 0.5 s (wall): " + slow);
      System.out.printf("WATCHLIST load: %d files (%d shared samples + generated CSV), %,d addresses,"
              + " %,d distinct labels, %d rows skipped, %.1f s wall, %.1f s thread CPU%n",
          files.size(), files.size() - 1, w.size(), w.labelCount(), w.problems().size(), loadSecs, loadCpu);

      // Entries, prepared once: both structures are then built from them.
      List<Address> keys = new ArrayList<>(w.size());
      List<List<Label>> values = new ArrayList<>(w.size());
      w.forEach((a, l) -> {
        keys.add(a);
        values.add(l);
      });
      w = null; // drop it now, or its collection would be credited to the next measurement

      // Baseline: a HashMap keyed by the address text (own String copies, as a loader would make).
      gc();
      long h0 = used();
      HashMap<String, List<Label>> baseline = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        baseline.put(new String(keys.get(i).value().toCharArray()), values.get(i));
      }
      gc();
      long baselineBytes = used() - h0;

      // tracer's watchlist rebuilt from the same entries (labels shared, as in the baseline).
      gc();
      long w0 = used();
      Watchlist.Builder b = Watchlist.builder();
      for (int i = 0; i < keys.size(); i++) {
        for (Label l : values.get(i)) {
          b.add(keys.get(i), l);
        }
      }
      Watchlist rebuilt = b.build();
      b = null;
      gc();
      long watchBytes = used() - w0;
      System.out.printf("WATCHLIST memory: HashMap baseline %,d MB (%d B/address), Watchlist %,d MB"
              + " (%d B/address), ratio %.2f%n",
          baselineBytes >> 20, baselineBytes / keys.size(), watchBytes >> 20, watchBytes / keys.size(),
          (double) watchBytes / baselineBytes);

      LookupBench.run(rebuilt, baseline, keys, Integer.getInteger("probes", 1_000_000));
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static final String[] CATS = {
    "sanctions", "ransomware", "scam", "darknet_market", "human_trafficking", "child_sexual_abuse",
    "exchange", "mixer", "phishing", "stolen_funds"
  };

  static void writeGeneratedCsv(Path f, int n) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("address,chain,category,label,source,confidence\n");
      for (int i = 0; i < n; i++) {
        String cat = CATS[i % CATS.length];
        w.write(p2pkh(rnd) + ",bitcoin," + cat + ",generated " + cat + " " + (i % 100)
            + ",benchmark feed," + (50 + i % 50) + "\n");
      }
    }
  }

  /** A checksum-valid random P2PKH address. */
  static String p2pkh(SplittableRandom rnd) {
    byte[] payload = new byte[25];
    for (int i = 1; i < 21; i++) {
      payload[i] = (byte) rnd.nextInt(256);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] h = sha.digest(sha.digest(Arrays.copyOf(payload, 21)));
      System.arraycopy(h, 0, payload, 21, 4);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return base58(payload);
  }

  private static final char[] B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  static String base58(byte[] in) {
    byte[] b = in.clone();
    int zeros = 0;
    while (zeros < b.length && b[zeros] == 0) {
      zeros++;
    }
    char[] out = new char[b.length * 2];
    int o = out.length;
    for (int start = zeros; start < b.length; ) {
      int rem = 0;
      for (int i = start; i < b.length; i++) {
        int t = (rem << 8) | (b[i] & 0xff);
        b[i] = (byte) (t / 58);
        rem = t % 58;
      }
      out[--o] = B58[rem];
      if (b[start] == 0) {
        start++;
      }
    }
    while (zeros-- > 0) {
      out[--o] = '1';
    }
    return new String(out, o, out.length - o);
  }

  // ====================================================================== screening

  static void screeningDemo() throws Exception {
    Watchlist.Builder b = Watchlist.builder();
    try (InputStream in = DemoCase.openIntel()) {
      IntelLoader.load(in, "demo-intel.csv", IntelLoader.Options.DEFAULT, b);
    }
    Watchlist w = b.build();
    UtxoLedger ledger = DemoCase.ledger();
    List<Address> subjects = new ArrayList<>();
    ledger.transactions().forEach(tx -> tx.outputs().forEach(o -> subjects.add(o.address())));
    Screener s = Screener.builder().watchlist(w).config(ExposureConfig.builder().maxHops(3).build()).build();
    latency("demo graph (" + ledger.size() + " txs)", s, ledger, subjects, 20_000);
  }

  static void screeningGenerated(int nTx) {
    long t0 = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(11);
    int poolSize = Math.max(1_000, nTx / 3);
    Address[] pool = new Address[poolSize];
    for (int i = 0; i < poolSize; i++) {
      // Realistic keys: random checksum-valid P2PKH addresses (sequential names such as "g1a2"
      // cluster in UtxoLedger's address interner, whose hash mix is weak; see the report).
      pool[i] = Address.of(Chain.BITCOIN, p2pkh(rnd));
    }
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN).describedAs("generated");
    // Unspent outputs: parallel arrays (tx index, vout, value, address index), swap-removed.
    int coinbases = Math.max(100, nTx / 50);
    int cap = coinbases + 2 * nTx + 16;
    int[] uTx = new int[cap];
    int[] uVout = new int[cap];
    long[] uVal = new long[cap];
    int[] uAddr = new int[cap];
    int unspent = 0;
    TxId[] ids = new TxId[nTx + coinbases];
    int count = 0;
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < coinbases; i++, count++) {
      ids[count] = id(count);
      int a = rnd.nextInt(poolSize);
      lb.add(new UtxoTx(ids[count], BlockRef.of(count / 1000, count % 1000, t), 1, 0, 200,
          List.of(TxIn.coinbase(0xffffffffL)),
          List.of(new TxOut(0, pool[a], 5_000_000_000L, OutputType.P2WPKH))));
      uTx[unspent] = count;
      uVout[unspent] = 0;
      uVal[unspent] = 5_000_000_000L;
      uAddr[unspent] = a;
      unspent++;
    }
    for (int i = 0; i < nTx; i++, count++) {
      ids[count] = id(count);
      List<TxIn> ins = new ArrayList<>(2);
      long total = 0;
      for (int k = 0; k < 2; k++) {
        int j = rnd.nextInt(unspent);
        ins.add(TxIn.resolved(new OutPoint(ids[uTx[j]], uVout[j]), pool[uAddr[j]], uVal[j], 0xffffffffL));
        total += uVal[j];
        unspent--;
        uTx[j] = uTx[unspent];
        uVout[j] = uVout[unspent];
        uVal[j] = uVal[unspent];
        uAddr[j] = uAddr[unspent];
      }
      long fee = Math.min(1_000, total / 100);
      long v0 = (total - fee) * 6 / 10;
      long v1 = total - fee - v0;
      int a0 = rnd.nextInt(poolSize);
      int a1 = rnd.nextInt(poolSize);
      lb.add(new UtxoTx(ids[count], BlockRef.of(count / 1000, count % 1000, t), 2, 0, 200, ins,
          List.of(new TxOut(0, pool[a0], v0, OutputType.P2WPKH), new TxOut(1, pool[a1], v1, OutputType.P2WPKH))));
      for (int k = 0; k < 2; k++) {
        uTx[unspent] = count;
        uVout[unspent] = k;
        uVal[unspent] = k == 0 ? v0 : v1;
        uAddr[unspent] = k == 0 ? a0 : a1;
        unspent++;
      }
    }
    UtxoLedger ledger = lb.build();
    lb = null;
    System.out.printf("%ngenerated graph: %,d transactions (%,d coinbase), %,d addresses, built in %.1f s%n",
        ledger.size(), coinbases, poolSize, secs(t0));
    // 1% of addresses flagged in rotating illicit categories, 0.2% exchanges (services).
    Watchlist.Builder wb = Watchlist.builder();
    Category[] illicit = {Category.SANCTIONS, Category.RANSOMWARE, Category.SCAM, Category.DARKNET_MARKET,
        Category.HUMAN_TRAFFICKING};
    for (int i = 0; i < poolSize; i += 100) {
      Category c = illicit[(i / 100) % illicit.length];
      wb.add(pool[i], new Label(c, c.id(), "flagged " + c.id(), "generated", Confidence.FORENSIC, null, null, "bench"));
    }
    for (int i = 50; i < poolSize; i += 500) {
      wb.add(pool[i], new Label(Category.EXCHANGE, "exchange", "exchange", "generated", Confidence.SERVICE_DATA,
          null, null, "bench"));
    }
    Watchlist w = wb.build();
    List<Address> subjects = Arrays.asList(pool);
    Screener s = Screener.builder().watchlist(w).config(ExposureConfig.builder().maxHops(3).build()).build();
    latency("generated graph (" + ledger.size() + " txs)", s, ledger, subjects, 20_000);
  }

  private static final SplittableRandom ID_RANDOM = new SplittableRandom(99);

  /** A random-looking txid (real txids are hashes); {@code n} only documents the order. */
  static TxId id(int n) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i += 8) {
      long v = ID_RANDOM.nextLong();
      for (int k = 0; k < 8; k++) {
        b[i + k] = (byte) (v >>> (8 * k));
      }
    }
    return TxId.of(b);
  }

  static void latency(String what, Screener s, UtxoLedger ledger, List<Address> subjects, int n) {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) { // warm-up
      s.screen(ledger, subjects.get(rnd.nextInt(subjects.size())));
    }
    long[] ns = new long[n];
    long[] cpu = new long[n];
    java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    long alerts = 0;
    long truncated = 0;
    for (int i = 0; i < n; i++) {
      Address a = subjects.get(rnd.nextInt(subjects.size()));
      long c0 = tm.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      var r = s.screen(ledger, a);
      ns[i] = System.nanoTime() - t0;
      cpu[i] = tm.getCurrentThreadCpuTime() - c0;
      alerts += r.alerts().isEmpty() ? 0 : 1;
      truncated += r.exposure().truncated() ? 1 : 0;
    }
    Arrays.sort(ns);
    Arrays.sort(cpu);
    System.out.printf("SCREEN %s, 3 hops, default policy: wall p50 %.3f ms, p99 %.3f ms, max %.3f ms;"
            + " thread CPU p50 %.3f ms, p99 %.3f ms, max %.3f ms; over %,d screens (%,d with alerts,"
            + " %,d truncated)%n",
        what, ns[n / 2] / 1e6, ns[(int) (n * 0.99)] / 1e6, ns[n - 1] / 1e6,
        cpu[n / 2] / 1e6, cpu[(int) (n * 0.99)] / 1e6, cpu[n - 1] / 1e6, n, alerts, truncated);
  }

  // ====================================================================== helpers

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static void gc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

}
