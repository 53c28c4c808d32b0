package io.tracer.benchmarks.eth;

import io.tracer.ethereum.rpc.EthRpcSource;
import io.tracer.ethereum.rpc.HttpRpcTransport;
import io.tracer.ethereum.rpc.JsonRpcClient;
import io.tracer.ethereum.rpc.JsonRpcClient.Call;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ingest of a block range from a local ganache node: the eth-rpc source with batching and
 * concurrency (its defaults) against one JSON-RPC call per HTTP request, sequentially, in the same
 * run and on the same blocks. Prints blocks/s, HTTP round trips per block, their ratios and the
 * heap held by the loaded index.
 *
 * <p>Run from the project root after {@code mvn -o -q -pl benchmarks -am package -DskipTests}:
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/cp.txt)" io.tracer.benchmarks.eth.EthIngestBenchmark [BLOCKS] [TX_PER_BLOCK] [RUNS]</pre>
 *
 * It starts ganache with {@code tracer-ethereum/node/start-node.sh} on a free loopback port and
 * always stops it with {@code stop-node.sh}.
 */
public final class EthIngestBenchmark {
  private static final BigInteger GWEI2 = BigInteger.valueOf(2_000_000_000L);

  private EthIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path node = nodeDir();
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    run(node, "./start-node.sh", Integer.toString(port));
    try {
      long head = populate(url, node, blocks, perBlock);
      System.out.printf(Locale.ROOT, "chain: %d blocks, %d transactions per block (plain ETH, forwarder calls with internal transfers, ERC-20 transfers)%n",
          head, perBlock);
      Result batched = null;
      Result single = null;
      for (int r = 0; r < runs; r++) {
        Result b = ingest(url, head, true);
        Result s = ingest(url, head, false);
        System.out.printf(Locale.ROOT, "run %d: batched %s | one call per request %s%n", r + 1, b, s);
        batched = batched == null || b.millis < batched.millis ? b : batched;
        single = single == null || s.millis < single.millis ? s : single;
      }
      System.out.printf(Locale.ROOT, "best of %d: batched %.1f blocks/s, %.3f round trips/block; unbatched %.1f blocks/s, %.3f round trips/block%n",
          runs, batched.blocksPerSecond(), batched.tripsPerBlock(), single.blocksPerSecond(), single.tripsPerBlock());
      System.out.printf(Locale.ROOT, "ratio: %.1fx fewer round trips, %.2fx the throughput; index heap ~%.1f MiB for %d transfers%n",
          single.tripsPerBlock() / batched.tripsPerBlock(), batched.blocksPerSecond() / single.blocksPerSecond(),
          batched.heapBytes / 1048576.0, batched.transfers);
    } finally {
      run(node, "./stop-node.sh");
    }
  }

  private record Result(long blocks, long transfers, long trips, long calls, long millis, long heapBytes) {
    double blocksPerSecond() {
      return blocks * 1000.0 / Math.max(1, millis);
    }

    double tripsPerBlock() {
      return (double) trips / blocks;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d ms, %.1f blocks/s, %d round trips (%.3f/block), %d calls",
          millis, blocksPerSecond(), trips, tripsPerBlock(), calls);
    }
  }

  private static Result ingest(String url, long head, boolean batched) {
    System.gc();
    long before = used();
    EthRpcSource.Builder b = EthRpcSource.builder().url(url).range(0, head);
    if (!batched) {
      b.batchSize(1).traceBatchSize(1).concurrency(1).blockWindow(1);
    }
    try (EthRpcSource src = b.build()) {
      System.gc();
      long heap = Math.max(0, used() - before);
      EthRpcSource.Stats st = src.stats();
      return new Result(st.blocks(), st.transfers(), st.roundTrips(), st.calls(), st.millis(), heap);
    }
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Fills the chain: every block gets {@code perBlock} transactions, mined together. */
  private static long populate(String url, Path node, int blocks, int perBlock) throws IOException {
    try (JsonRpcClient rpc = JsonRpcClient.builder(new HttpRpcTransport(URI.create(url), Duration.ofSeconds(60), 64L << 20, Map.of()))
        .maxBatchSize(100).build()) {
      List<String> accounts = new ArrayList<>();
      rpc.call("eth_accounts").forEach(a -> accounts.add(a.asText()));
      String bins = "../src/test/resources/io/tracer/ethereum/contracts/";
      String forwarderBin = "0x" + Files.readString(node.resolve(bins + "Forwarder.bin")).trim();
      String tokenBin = "0x" + Files.readString(node.resolve(bins + "TestToken.bin")).trim();
      // TestToken("Tether USD", "USDT", 6, 10^15): the ABI-encoded constructor arguments.
      String ctor = word(128) + word(192) + word(6) + word(1_000_000_000_000_000L)
          + word(10) + pad("Tether USD") + word(4) + pad("USDT");
      String forwarder = deploy(rpc, accounts.get(0), forwarderBin);
      String token = deploy(rpc, accounts.get(0), tokenBin + ctor);
      rpc.call("miner_stop");
      for (int b = 0; b < blocks; b++) {
        List<Call> txs = new ArrayList<>();
        for (int i = 0; i < perBlock; i++) {
          int k = b * perBlock + i;
          String from = accounts.get(k % 9 == 0 ? 0 : k % 9);
          String to = accounts.get((k + 1) % 10);
          if (k % 5 == 3) {
            txs.add(send(from, forwarder, BigInteger.valueOf(1000 + k), "0x101e8952" + word(to)));
          } else if (k % 5 == 4) {
            txs.add(send(accounts.get(0), token, BigInteger.ZERO, "0xa9059cbb" + word(to) + word(1000 + k)));
          } else {
            txs.add(send(from, to, BigInteger.valueOf(1_000_000 + k), "0x"));
          }
        }
        for (JsonRpcClient.Reply r : rpc.batch(txs)) {
          if (r.isError()) {
            throw new IllegalStateException("eth_sendTransaction: " + r.error().message());
          }
        }
        rpc.call("evm_mine");
      }
      rpc.call("miner_start");
      return Long.decode(rpc.call("eth_blockNumber").asText());
    }
  }

  private static String deploy(JsonRpcClient rpc, String from, String data) {
    String hash = rpc.call("eth_sendTransaction", Map.of("from", from, "data", data, "gas", "0x2dc6c0",
        "gasPrice", "0x" + GWEI2.toString(16))).asText();
    return rpc.call("eth_getTransactionReceipt", hash).get("contractAddress").asText();
  }

  private static Call send(String from, String to, BigInteger value, String data) {
    return Call.of("eth_sendTransaction", Map.of("from", from, "to", to, "value", "0x" + value.toString(16),
        "data", data, "gas", "0x30d40", "gasPrice", "0x" + GWEI2.toString(16)));
  }

  private static String word(String address) {
    return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
  }

  private static String word(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(64 - h.length()) + h;
  }

  private static String pad(String ascii) {
    StringBuilder sb = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      sb.append(String.format("%02x", (int) c));
    }
    while (sb.length() % 64 != 0) {
      sb.append('0');
    }
    return sb.toString();
  }

  private static Path nodeDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path n = d.resolve("tracer-ethereum/node");
      if (Files.exists(n.resolve("start-node.sh"))) {
        return n;
      }
    }
    throw new IllegalStateException("run from the project root: tracer-ethereum/node/start-node.sh not found");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }
}
