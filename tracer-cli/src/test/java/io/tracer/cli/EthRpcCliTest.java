package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.report.Json;
import io.tracer.ethereum.demo.EthDemo;
import io.tracer.ethereum.rpc.ReplayTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source eth-rpc:http://…} end to end: a JSON-RPC server on a loopback port answers with
 * the recorded answers of the real ganache node that played the demo's laundering scenario, so
 * the CLI goes through the provider, HTTP, batching, tracing and the engines exactly as against a
 * live node (the node itself runs in tracer-ethereum's integration tests).
 */
class EthRpcCliTest {
  private static HttpServer server;
  private static String source;
  private static final AtomicInteger requests = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    ReplayTransport replay;
    try (InputStream in = EthDemo.class.getResourceAsStream("/io/tracer/ethereum/demo/laundering-rpc.json.gz")) {
      replay = ReplayTransport.replaying(in, "recording");
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      byte[] answer;
      try (InputStream in = ex.getRequestBody()) {
        answer = replay.post(in.readAllBytes());
      } catch (IOException e) {
        answer = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"replay failed\"}}".getBytes();
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(answer);
      }
    });
    server.start();
    source = "eth-rpc:http://127.0.0.1:" + server.getAddress().getPort() + "#0-" + EthDemo.LAST_BLOCK;
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void screen_depositAddress_collectorOnWatchlist_highRiskExit3(@TempDir Path dir) throws Exception {
    Path intel = dir.resolve("intel.csv");
    Files.writeString(intel, "address,chain,category,label,source,confidence\n"
        + EthDemo.COLLECTOR.display() + ",ethereum,human_trafficking,ring collector,test,90\n");
    int before = requests.get();
    CliRunner r = CliRunner.run("screen", "--source", source, "--address", EthDemo.DEPOSIT.value().toUpperCase()
        .replace("0X", "0x"), "--intel", intel.toString(), "--fail-on", "high");
    assertEquals(ExitCode.THRESHOLD, r.code, r.out + r.err);
    assertTrue(r.out.contains("human_trafficking"), r.out);
    assertTrue(r.out.contains(EthDemo.COLLECTOR.display()), "the listed address, EIP-55: " + r.out);
    assertTrue(requests.get() > before, "the CLI asked the JSON-RPC server");
  }

  @Test
  void trace_fromCollector_reachesDepositThroughTheForwarderAndUsdt() throws Exception {
    CliRunner r = CliRunner.run("trace", "--source", source, "--seed", EthDemo.COLLECTOR.value(), "--hops", "4");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    assertEquals(EthDemo.COLLECTOR.display(), j.at("/nodes/0/address").asText());
    assertTrue(r.out.contains(EthDemo.DEPOSIT.display()), r.out);
    assertTrue(r.out.contains(EthDemo.HOT_WALLET.display()), r.out);
    assertTrue(r.out.contains("USDT"), r.out);
  }

  @Test
  void taint_poisonFromFirstVictimPayment_conservedOverHttp() throws Exception {
    Transfer pay = EthDemo.source().history(EthDemo.VICTIM_1).stream()
        .filter(t -> t.to().equals(EthDemo.COLLECTOR) && t.kind() == TransferKind.NATIVE)
        .findFirst().orElseThrow();
    CliRunner r = CliRunner.run("taint", "--source", source, "--seed", pay.txId().toHex0x(), "--model", "haircut");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode eth = null;
    for (JsonNode t : Json.mapper().readTree(r.out).get("totals")) {
      if (t.get("asset").asText().equals("ethereum:ETH")) {
        eth = t;
      }
    }
    assertEquals(pay.amount().toString(), eth.get("seeded").asText());
    assertTrue(eth.get("conserved").asBoolean());
  }

  @Test
  void screen_nodeUnreachable_failsNamingTheSource(@TempDir Path dir) throws Exception {
    Path intel = dir.resolve("intel.csv");
    Files.writeString(intel, "address,chain,category,label,source,confidence\n"
        + EthDemo.COLLECTOR.display() + ",ethereum,human_trafficking,ring collector,test,90\n");
    CliRunner r = CliRunner.run("screen", "--source", "eth-rpc:http://127.0.0.1:1#0-1", "--address",
        EthDemo.DEPOSIT.display(), "--intel", intel.toString());
    assertEquals(ExitCode.ERROR, r.code, r.out + r.err);
    assertTrue(r.err.contains("127.0.0.1:1"), r.err);
  }
}
