package io.tracer.ethereum.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracer.core.model.TransferKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The eth-rpc scan against a scripted node that lies, forgets and reorganises: every failure must
 * end the scan with a clear {@link EthRpcException}, and nothing half-loaded is ever returned.
 */
class EthRpcSourceHostileTest {
  private static final String SENDER = "0x" + "1".repeat(40);
  private static final String CONTRACT = "0x" + "2".repeat(40);

  private static String hash(long n, char salt) {
    String h = Long.toHexString(n);
    return "0x" + String.valueOf(salt).repeat(64 - h.length()) + h;
  }

  /** A three-block chain (0-2); block 1 holds one contract call with value 5 wei. */
  static class FakeNode implements Function<JsonNode, JsonNode> {
    String txValue = "0x5";
    char parentSalt = 'b';
    boolean nullBlock2;
    String receiptBlockHash;
    JsonNode traceAnswer;
    final AtomicInteger blockCalls = new AtomicInteger();

    @Override
    public JsonNode apply(JsonNode call) {
      String m = call.get("method").asText();
      JsonNode p = call.get("params");
      switch (m) {
        case "eth_blockNumber":
          return TextNode.valueOf("0x2");
        case "eth_getBlockByNumber": {
          blockCalls.incrementAndGet();
          long n = Long.decode(p.get(0).asText());
          if (n == 2 && nullBlock2) {
            return NullNode.getInstance();
          }
          ObjectNode b = ScriptedRpcServer.JSON.createObjectNode();
          b.put("number", "0x" + Long.toHexString(n));
          b.put("hash", hash(n, 'b'));
          b.put("parentHash", n == 0 ? hash(0, '0') : hash(n - 1, n == 2 ? parentSalt : 'b'));
          b.put("timestamp", "0x65000000");
          var txs = b.putArray("transactions");
          if (n == 1) {
            ObjectNode t = txs.addObject();
            t.put("hash", hash(1, 'e'));
            t.put("from", SENDER);
            t.put("to", CONTRACT);
            t.put("value", txValue);
            t.put("input", "0xabcdef01");
            t.put("gasPrice", "0x3b9aca00");
            t.put("transactionIndex", "0x0");
            t.put("blockHash", hash(1, 'b'));
          }
          b.putArray("withdrawals");
          if (n == 2) {
            ObjectNode w = ((com.fasterxml.jackson.databind.node.ArrayNode) b.get("withdrawals")).addObject();
            w.put("index", "0x0");
            w.put("validatorIndex", "0x1");
            w.put("address", SENDER);
            w.put("amount", "0x2");
          }
          return b;
        }
        case "eth_getTransactionReceipt": {
          ObjectNode r = ScriptedRpcServer.JSON.createObjectNode();
          r.put("transactionHash", p.get(0).asText());
          r.put("blockHash", receiptBlockHash != null ? receiptBlockHash : hash(1, 'b'));
          r.put("status", "0x1");
          r.put("gasUsed", "0x5208");
          r.put("effectiveGasPrice", "0x3b9aca00");
          r.putArray("logs");
          return r;
        }
        case "trace_block":
        case "debug_traceBlockByNumber":
          return ScriptedRpcServer.error(-32601, "the method " + m + " does not exist/is not available");
        case "debug_traceTransaction":
          return traceAnswer != null ? traceAnswer : ScriptedRpcServer.JSON.createObjectNode()
              .put("gas", 1).put("failed", false).put("returnValue", "").set("structLogs", ScriptedRpcServer.JSON.createArrayNode());
        default:
          return ScriptedRpcServer.error(-32601, "method " + m + " not found");
      }
    }
  }

  private static EthRpcSource scan(ScriptedRpcServer s) {
    return EthRpcSource.builder().url(s.url()).range(0, 2).attempts(2).backoff(Duration.ZERO).sleeper(ms -> { }).build();
  }

  @Nested
  class HappyPath {
    @Test
    void scan_consistentChain_transfersFeeAndWithdrawal() throws Exception {
      FakeNode node = new FakeNode();
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(TraceMode.STRUCT_LOGS, src.traceMode());
        assertEquals(3, src.transfers().count());
        var w = src.transfers().filter(t -> t.kind() == TransferKind.WITHDRAWAL).findFirst().orElseThrow();
        assertEquals(2_000_000_000L, w.amount().longValueExact(), "2 gwei in wei");
        assertEquals(hash(2, 'b').substring(2), w.txId().toString(), "withdrawals carry the block hash");
        var fee = src.transfers().filter(t -> t.kind() == TransferKind.FEE).findFirst().orElseThrow();
        assertEquals(21_000L * 1_000_000_000L, fee.amount().longValueExact());
      }
    }

    @Test
    void scan_reorgSeenOnce_restartsAndSucceeds() throws Exception {
      FakeNode node = new FakeNode();
      node.parentSalt = 'f';
      AtomicInteger block2Served = new AtomicInteger();
      Function<JsonNode, JsonNode> healing = c -> {
        if (c.get("method").asText().equals("eth_getBlockByNumber") && c.get("params").get(0).asText().equals("0x2")
            && block2Served.incrementAndGet() == 2) {
          node.parentSalt = 'b';
        }
        return node.apply(c);
      };
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(healing)); EthRpcSource src = scan(s)) {
        assertEquals(3, src.transfers().count());
        assertEquals(6, node.blockCalls.get(), "the whole range was read twice");
      }
    }
  }

  @Nested
  class Rejection {
    @Test
    void scan_blockNull_nullResultNamesTheBlock() throws Exception {
      FakeNode node = new FakeNode();
      node.nullBlock2 = true;
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.NULL_RESULT, e.reason());
        assertEquals("block 2 not found: the node's head is below it, or it is not synced", e.getMessage());
      }
    }

    @Test
    void scan_valueAt2pow256_badResponse() throws Exception {
      FakeNode node = new FakeNode();
      node.txValue = "0x1" + "0".repeat(64);
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().startsWith("block 1: value of tx " + hash(1, 'e') + ": value "), e.getMessage());
      }
    }

    @Test
    void scan_reorgThatPersists_failsAfterRestarts() throws Exception {
      FakeNode node = new FakeNode();
      node.parentSalt = 'f';
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.REORG, e.reason());
        assertEquals("chain reorganised at block 2: its parent hash does not match block 1", e.getMessage());
        assertEquals(9, node.blockCalls.get(), "first scan and two restarts");
      }
    }

    @Test
    void scan_receiptFromAnotherBlock_reorg() throws Exception {
      FakeNode node = new FakeNode();
      node.receiptBlockHash = hash(1, 'd');
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.REORG, e.reason());
      }
    }

    @Test
    void scan_traceNeedsPrunedState_prunedStateError() throws Exception {
      FakeNode node = new FakeNode();
      node.traceAnswer = ScriptedRpcServer.error(-32000, "missing trie node 7d2f… (path )");
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.PRUNED_STATE, e.reason());
        assertTrue(e.getMessage().contains("missing trie node"), e.getMessage());
      }
    }

    @Test
    void scan_nodeWithoutAnyTracing_saysWhatIsMissing() throws Exception {
      FakeNode node = new FakeNode();
      node.traceAnswer = ScriptedRpcServer.error(-32601, "method debug_traceTransaction not found");
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(TraceMode.NONE, src.traceMode());
        assertEquals(1, src.missing().size());
        assertTrue(src.missing().get(0).startsWith("internal ETH transfers: " + s.url() + " offers no tracing"));
      }
    }

    @Test
    void scan_errorObjectForBlocks_rpcErrorWithCode() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
              c -> ScriptedRpcServer.error(-32000, "header not found")))) {
        EthRpcException e = assertThrows(EthRpcException.class,
            () -> EthRpcSource.builder().url(s.url()).range(0, 0).traceMode(TraceMode.NONE).build());
        assertEquals(EthRpcException.Reason.RPC_ERROR, e.reason());
        assertEquals(-32000, e.code());
      }
    }
  }

  @Nested
  class Spec {
    @Test
    void parse_rangeForms_fromToAndOpenEnd() {
      assertEquals(new EthRpcSourceProvider.Spec("http://h:8545", 5, 9), EthRpcSourceProvider.Spec.parse("http://h:8545#5-9"));
      assertEquals(new EthRpcSourceProvider.Spec("http://h:8545", 5, -1), EthRpcSourceProvider.Spec.parse("http://h:8545#5-"));
      assertEquals(new EthRpcSourceProvider.Spec("http://h:8545", 7, 7), EthRpcSourceProvider.Spec.parse("http://h:8545#7"));
      assertEquals(new EthRpcSourceProvider.Spec("https://h/x", 0, -1), EthRpcSourceProvider.Spec.parse("https://h/x"));
    }

    @Test
    void parse_badForms_rejected() {
      assertThrows(IllegalArgumentException.class, () -> EthRpcSourceProvider.Spec.parse("http://h#9-5"));
      assertThrows(IllegalArgumentException.class, () -> EthRpcSourceProvider.Spec.parse("http://h#a-b"));
      assertThrows(IllegalArgumentException.class, () -> EthRpcSourceProvider.Spec.parse("ftp://h#1-2"));
      assertThrows(IllegalArgumentException.class, () -> EthRpcSourceProvider.Spec.parse(""));
    }

    @Test
    void open_apiKeyFromEnvironment_sentButNeverDescribed() throws Exception {
      FakeNode node = new FakeNode();
      java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> {
            keys.add(String.valueOf(ex.getRequestHeaders().getFirst("X-API-Key")));
            ScriptedRpcServer.perCall(node).handle(n, body, ex);
          });
          var src = new EthRpcSourceProvider().open(s.url() + "#0-2",
              Map.of("ETH_RPC_API_KEY", "TOPSECRET", "ETH_RPC_TRACE", "none")::get)) {
        assertFalse(src.describe().contains("TOPSECRET"));
        assertTrue(keys.stream().allMatch("TOPSECRET"::equals));
        assertEquals("eth-rpc " + s.url() + " blocks 0-2 (traces: NONE)", src.describe());
      }
    }
  }
}
