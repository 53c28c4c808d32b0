package io.tracer.ethereum.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The scan with the block-level tracers of mainnet nodes (trace_block, debug_traceBlockByNumber
 * with callTracer), answered from the stored answers in their published formats: the probe picks
 * them, and their internal calls, failures, creations and rewards become transfers.
 */
class EthRpcSourceTraceModesTest {
  private static final String USER = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045";

  private static JsonNode fixture(String name) {
    try (InputStream in = EthRpcSourceTraceModesTest.class.getResourceAsStream("/io/tracer/ethereum/trace/" + name)) {
      return ScriptedRpcServer.JSON.readTree(in).get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String blockHash(long n) {
    return "0x" + "b".repeat(63) + n;
  }

  /** Blocks 0-1; block 1 holds {@code txs} = {hash, to, value, status}. */
  private static Function<JsonNode, JsonNode> node(String traceMethod, JsonNode traceAnswer, String[][] txs) {
    return c -> {
      String m = c.get("method").asText();
      JsonNode p = c.get("params");
      switch (m) {
        case "eth_getBlockByNumber": {
          long n = Long.decode(p.get(0).asText());
          ObjectNode b = ScriptedRpcServer.JSON.createObjectNode();
          b.put("number", "0x" + n).put("hash", blockHash(n)).put("timestamp", "0x5b5f0b1c")
              .put("parentHash", n == 0 ? "0x" + "0".repeat(64) : blockHash(n - 1));
          ArrayNode list = b.putArray("transactions");
          for (int i = 0; n == 1 && i < txs.length; i++) {
            list.addObject().put("hash", txs[i][0]).put("from", USER).put("to", txs[i][1]).put("value", txs[i][2])
                .put("input", "0x01").put("gasPrice", "0x1").put("transactionIndex", "0x" + i);
          }
          return b;
        }
        case "eth_getTransactionReceipt":
          for (String[] t : txs) {
            if (t[0].equals(p.get(0).asText())) {
              ObjectNode r = ScriptedRpcServer.JSON.createObjectNode();
              r.put("transactionHash", t[0]).put("blockHash", blockHash(1)).put("status", t[3])
                  .put("gasUsed", "0x5208").put("effectiveGasPrice", "0x2");
              r.putArray("logs");
              return r;
            }
          }
          return null;
        default:
          if (m.equals(traceMethod)) {
            return Long.decode(p.get(0).asText()) == 1 ? traceAnswer : ScriptedRpcServer.JSON.createArrayNode();
          }
          return ScriptedRpcServer.error(-32601, "the method " + m + " does not exist/is not available");
      }
    };
  }

  private static Address a(String hex) {
    return Address.of(Chain.ETHEREUM, hex);
  }

  private record Row(TransferKind kind, Address from, Address to, long amount, boolean ok) {}

  private static List<Row> rows(EthRpcSource src, String tx) {
    return src.transfers(TxId.parse(tx)).stream()
        .map(t -> new Row(t.kind(), t.from(), t.to(), t.amount().longValueExact(), t.success())).toList();
  }

  @Test
  void scan_traceBlockNode_parityModeWithCreatesSuicidesFailuresAndRewards() throws Exception {
    String c = "0x" + "c".repeat(64);
    String d = "0x" + "d".repeat(64);
    String router = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d";
    String[][] txs = {{c, router, "0xde0b6b3a7640000", "0x1"}, {d, "0x" + "1".repeat(40), "0x0", "0x0"}};
    try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
            node("trace_block", fixture("parity-trace-block.json"), txs)));
        EthRpcSource src = EthRpcSource.builder().url(s.url()).range(0, 1).build()) {
      assertEquals(TraceMode.PARITY, src.traceMode());
      assertEquals(List.of(
          new Row(TransferKind.NATIVE, a(USER), a(router), 1_000_000_000_000_000_000L, true),
          new Row(TransferKind.INTERNAL, a(router), a("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"), 1_000_000_000_000_000_000L, true),
          new Row(TransferKind.INTERNAL, a(router), a("0x" + "3".repeat(40)), 5, true),
          new Row(TransferKind.INTERNAL, a("0x" + "3".repeat(40)), a("0x" + "4".repeat(40)), 5, true),
          new Row(TransferKind.FEE, a(USER), Address.feeSink(Chain.ETHEREUM), 42_000, true)), rows(src, c));
      assertEquals(List.of(
          new Row(TransferKind.NATIVE, a(USER), a("0x" + "1".repeat(40)), 0, false),
          new Row(TransferKind.INTERNAL, a("0x" + "1".repeat(40)), a("0x" + "2".repeat(40)), 7, false),
          new Row(TransferKind.FEE, a(USER), Address.feeSink(Chain.ETHEREUM), 42_000, false)), rows(src, d));
      List<Transfer> rewards = src.transfers().filter(t -> t.kind() == TransferKind.REWARD).toList();
      assertEquals(1, rewards.size());
      assertEquals(a("0xea674fdde714fd979de3edf0f56aa9716b898ec8"), rewards.get(0).to());
      assertEquals(2_000_000_000_000_000_000L, rewards.get(0).amount().longValueExact());
      assertEquals(blockHash(1).substring(2), rewards.get(0).txId().toString());
      assertEquals(Set.of(a("0x" + "3".repeat(40))), src.createdContracts());
    }
  }

  @Test
  void scan_gethNode_callTracerPerBlock() throws Exception {
    String ta = "0x" + "a".repeat(64);
    String tb = "0x" + "b".repeat(64);
    String[][] txs = {{ta, "0xab5801a7d398351b8be11c439e05c5b3259aec9b", "0x1", "0x1"},
        {tb, "0x" + "1".repeat(40), "0x0", "0x0"}};
    try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
            node("debug_traceBlockByNumber", fixture("calltracer-block.json"), txs)));
        EthRpcSource src = EthRpcSource.builder().url(s.url()).range(0, 1).build()) {
      assertEquals(TraceMode.CALL_TRACER_BLOCK, src.traceMode());
      assertEquals(List.of(TransferKind.NATIVE, TransferKind.FEE), rows(src, ta).stream().map(Row::kind).toList());
      assertEquals(new Row(TransferKind.INTERNAL, a("0x" + "1".repeat(40)), a("0x" + "2".repeat(40)), 7, false),
          rows(src, tb).get(1));
      assertEquals(List.of(), src.missing());
    }
  }

  @Test
  void scan_blockNumberNotAsked_badResponse() throws Exception {
    Function<JsonNode, JsonNode> lying = c -> c.get("method").asText().equals("eth_getBlockByNumber")
        ? ScriptedRpcServer.JSON.createObjectNode().put("number", "0x9").put("hash", blockHash(9))
            .put("parentHash", blockHash(8)).put("timestamp", "0x1")
        : TextNode.valueOf("0x0");
    try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(lying))) {
      EthRpcException e = org.junit.jupiter.api.Assertions.assertThrows(EthRpcException.class,
          () -> EthRpcSource.builder().url(s.url()).range(0, 0).traceMode(TraceMode.NONE).build());
      assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
      assertEquals("asked for block 0, got 9", e.getMessage());
    }
  }
}
