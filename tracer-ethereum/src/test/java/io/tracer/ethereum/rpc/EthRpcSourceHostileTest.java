package io.tracer.ethereum.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TransferKind;
import io.tracer.ethereum.internal.LogDecoder;
import java.math.BigInteger;
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
    String txInput = "0xabcdef01";
    String gasUsed = "0x5208";
    final AtomicInteger codeCalls = new AtomicInteger();
    char parentSalt = 'b';
    boolean nullBlock2;
    String receiptBlockHash;
    JsonNode authorizationList;
    int txCount = 1;
    JsonNode traceAnswer;
    String timestamp = "0x65000000";
    /** The logs of every receipt (none when null). */
    JsonNode receiptLogs;
    /** When set, the hash block 2 has when read again without transactions (a late reorg). */
    Function<Integer, String> block2Reread;
    final AtomicInteger blockCalls = new AtomicInteger();
    final AtomicInteger rereads = new AtomicInteger();

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
          if (n == 2 && !p.get(1).asBoolean() && block2Reread != null) {
            b.put("hash", block2Reread.apply(rereads.incrementAndGet()));
          }
          b.put("parentHash", n == 0 ? hash(0, '0') : hash(n - 1, n == 2 ? parentSalt : 'b'));
          b.put("timestamp", timestamp);
          var txs = b.putArray("transactions");
          for (int k = 1; n == 1 && k <= txCount; k++) {
            ObjectNode t = txs.addObject();
            t.put("hash", hash(k, 'e'));
            t.put("from", SENDER);
            t.put("to", CONTRACT);
            t.put("value", txValue);
            t.put("input", txInput);
            t.put("gasPrice", "0x3b9aca00");
            t.put("transactionIndex", "0x" + Integer.toHexString(k - 1));
            t.put("blockHash", hash(1, 'b'));
            if (authorizationList != null) {
              t.put("type", "0x4");
              t.set("authorizationList", authorizationList);
            }
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
          r.put("gasUsed", gasUsed);
          r.put("effectiveGasPrice", "0x3b9aca00");
          if (receiptLogs != null) {
            r.set("logs", receiptLogs);
          } else {
            r.putArray("logs");
          }
          return r;
        }
        case "eth_getCode":
          codeCalls.incrementAndGet();
          return TextNode.valueOf("0x"); // no code now (never had any, or self-destructed since)
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
    void scan_type4Transaction_delegationWithRecoveredAuthority() throws Exception {
      org.web3j.crypto.ECKeyPair key = org.web3j.crypto.ECKeyPair.create(BigInteger.valueOf(123456789));
      String delegate = "0x" + "d".repeat(40);
      org.web3j.crypto.Sign.SignatureData sig = org.web3j.crypto.Sign.signMessage(
          io.tracer.ethereum.internal.Authorizations.signingHash(BigInteger.valueOf(1337), delegate, BigInteger.valueOf(3)), key, false);
      FakeNode node = new FakeNode();
      node.authorizationList = ScriptedRpcServer.JSON.readTree("[{\"chainId\":\"0x539\",\"address\":\"" + delegate
          + "\",\"nonce\":\"0x3\",\"yParity\":\"0x" + (sig.getV()[0] - 27) + "\",\"r\":\"0x"
          + new BigInteger(1, sig.getR()).toString(16) + "\",\"s\":\"0x" + new BigInteger(1, sig.getS()).toString(16)
          + "\"},{\"chainId\":\"0x1\",\"address\":\"" + delegate + "\",\"nonce\":\"0x0\",\"yParity\":\"0x5\",\"r\":\"0x1\",\"s\":\"0x1\"}]");
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(1, src.delegations().size(), "the invalid second authorization is ignored");
        EthRpcSource.Delegation d = src.delegations().get(0);
        assertEquals("0x" + org.web3j.crypto.Keys.getAddress(key), d.authority().value());
        assertEquals(delegate, d.delegate().value());
        assertEquals(BigInteger.valueOf(1337), d.chainId());
        assertEquals(hash(1, 'e').substring(2), d.txId().toString());
      }
    }

    @Test
    void scan_plainTransferThatRanCode_tracedThoughTheTargetHasNoCodeNow() throws Exception {
      FakeNode node = new FakeNode();
      node.txInput = "0x";
      node.gasUsed = "0x7530"; // 30,000: more than a plain transfer, so code ran
      String onward = "0x" + "3".repeat(40);
      node.traceAnswer = ScriptedRpcServer.JSON.readTree("{\"type\":\"CALL\",\"from\":\"" + SENDER + "\",\"to\":\""
          + CONTRACT + "\",\"value\":\"0x5\",\"gas\":\"0x1\",\"gasUsed\":\"0x1\",\"input\":\"0x\",\"calls\":[{\"type\":"
          + "\"CALL\",\"from\":\"" + CONTRACT + "\",\"to\":\"" + onward + "\",\"value\":\"0x5\",\"gas\":\"0x1\","
          + "\"gasUsed\":\"0x1\",\"input\":\"0x\"}]}");
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(TraceMode.CALL_TRACER, src.traceMode());
        var internal = src.transfers().filter(t -> t.kind() == TransferKind.INTERNAL).toList();
        assertEquals(1, internal.size());
        assertEquals(onward, internal.get(0).to().value());
        assertEquals(5, internal.get(0).amount().intValueExact());
        assertEquals(0, node.codeCalls.get(), "the gas said enough; no eth_getCode");
      }
    }

    @Test
    void scan_plainTransferOfExactly21000Gas_toAccountWithoutCode_notTraced() throws Exception {
      FakeNode node = new FakeNode();
      node.txInput = "0x";
      node.traceAnswer = ScriptedRpcServer.error(-32000, "must not be asked");
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(TraceMode.AUTO, src.traceMode(), "no transaction needed a trace");
        assertEquals(1, node.codeCalls.get());
        assertEquals(0, src.transfers().filter(t -> t.kind() == TransferKind.INTERNAL).count());
      }
    }

    @Test
    void scan_traceBatchAboveTheCap_retriesOneTracePerRequest() throws Exception {
      FakeNode node = new FakeNode();
      node.txCount = 2;
      node.traceAnswer = ScriptedRpcServer.JSON.createObjectNode().put("gas", 1).put("failed", false)
          .put("returnValue", "").put("pad", "x".repeat(700)).set("structLogs", ScriptedRpcServer.JSON.createArrayNode());
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node));
          EthRpcSource src = EthRpcSource.builder().url(s.url()).range(0, 2).blockWindow(1).batchSize(2)
              .traceBatchSize(2).maxResponseBytes(1400).attempts(1).build()) {
        assertEquals(TraceMode.STRUCT_LOGS, src.traceMode());
        assertEquals(2, src.stats().transactions());
      }
    }

    @Test
    void scan_rangeEndingAtLongMax_readsItsTwoBlocksAndEnds() throws Exception {
      FakeNode node = new FakeNode();
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node));
          EthRpcSource src = EthRpcSource.builder().url(s.url()).range(Long.MAX_VALUE - 1, Long.MAX_VALUE)
              .attempts(1).build()) {
        assertEquals(2, src.stats().blocks());
        assertEquals(3, node.blockCalls.get(), "the two blocks, then the tail once more");
      }
    }

    @Test
    void chunks_lastChunkEndsAtLongMax_noOverflow() {
      assertEquals(java.util.List.of("9223372036854775800-9223372036854775804",
          "9223372036854775805-9223372036854775807"),
          EthRpcSource.chunks(Long.MAX_VALUE - 7, Long.MAX_VALUE, 5).stream().map(c -> c[0] + "-" + c[1]).toList());
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
        assertEquals(7, node.blockCalls.get(), "blocks 0-2 up to the reorg, then 0-2 and the tail again");
      }
    }

    @Test
    void scan_lastBlockReplacedAfterItWasRead_restartsAndSucceeds() throws Exception {
      FakeNode node = new FakeNode();
      node.block2Reread = k -> k == 1 ? hash(2, 'c') : hash(2, 'b');
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(3, src.transfers().count());
        assertEquals(2, node.rereads.get(), "the tail was confirmed after each of the two scans");
        assertEquals(8, node.blockCalls.get());
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
    void scan_batchLogWithOffsetNearIntMax_logSkippedScanCompletes() throws Exception {
      FakeNode node = new FakeNode();
      String pad = "0x" + "0".repeat(24);
      String word = "0".repeat(56);
      node.receiptLogs = ScriptedRpcServer.JSON.createArrayNode().add(ScriptedRpcServer.JSON.createObjectNode()
          .put("address", CONTRACT).put("data", "0x" + word + "7fffffe0" + word + "00000040" + word + "00000000")
          .set("topics", ScriptedRpcServer.JSON.createArrayNode()
              .add(io.tracer.ethereum.internal.LogDecoder.TRANSFER_BATCH_TOPIC).add(pad + "5".repeat(40))
              .add(pad + SENDER.substring(2)).add(pad + CONTRACT.substring(2))));
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node)); EthRpcSource src = scan(s)) {
        assertEquals(0, src.transfers().filter(t -> t.kind() == TransferKind.NFT).count());
        assertEquals(3, src.transfers().count(), "native, fee and withdrawal, as without the log");
      }
    }

    @Test
    void open_headAtLongMax_badResponseNotAnOverflowedRange() throws Exception {
      FakeNode node = new FakeNode();
      Function<JsonNode, JsonNode> h = c -> c.get("method").asText().equals("eth_blockNumber")
          ? TextNode.valueOf("0x7fffffffffffffff") : node.apply(c);
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> EthRpcSource.builder().url(s.url())
            .range(0, -1).attempts(1).build());
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("eth_blockNumber: 9223372036854775807 is beyond any block number (2^53 - 1 at most)",
            e.getMessage());
      }
    }

    @Test
    void transfers_txOutsideRangeInBlockLongMax_badResponseNotAnEndlessLoop() throws Exception {
      FakeNode node = new FakeNode();
      String tx = hash(9, 'e');
      Function<JsonNode, JsonNode> h = c -> c.get("method").asText().equals("eth_getTransactionByHash")
          ? ScriptedRpcServer.JSON.createObjectNode().put("hash", tx).put("blockNumber", "0x7fffffffffffffff")
          : node.apply(c);
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h)); EthRpcSource src = scan(s)) {
        EthRpcException e = assertThrows(EthRpcException.class,
            () -> src.transfers(io.tracer.core.model.TxId.parse(tx)));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("eth_getTransactionByHash(" + tx + ") blockNumber: 9223372036854775807 is beyond any block "
            + "number (2^53 - 1 at most)", e.getMessage());
      }
    }

    @Test
    void scan_blockTimestampLongMax_badResponseNamesTheBlock() throws Exception {
      FakeNode node = new FakeNode();
      node.timestamp = "0x7fffffffffffffff";
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("block 0: block timestamp: 9223372036854775807 is not a block time "
            + "(0..4294967295 seconds, 1970..2106)", e.getMessage());
      }
    }

    /**
     * eth_getLogs' answer to a token-history query for {@link #SENDER}: one Transfer from it in
     * block 1 at {@code logIndex} (only for the query by sender, whose topics name it).
     */
    private ArrayNode senderTransfer(JsonNode call, String logIndex) {
      ArrayNode logs = ScriptedRpcServer.JSON.createArrayNode();
      if (call.get("params").get(0).get("topics").size() == 2) {
        logs.addObject().put("address", CONTRACT).put("data", "0x" + "0".repeat(62) + "2a")
            .put("blockNumber", "0x1").put("transactionIndex", "0x0").put("logIndex", logIndex)
            .put("transactionHash", hash(1, 'e')).putArray("topics")
            .add(LogDecoder.TRANSFER_TOPIC)
            .add("0x" + "0".repeat(24) + SENDER.substring(2))
            .add("0x" + "0".repeat(24) + "3".repeat(40));
      }
      return logs;
    }

    /** {@code tokenHistory} of {@link #SENDER} against a node answering with {@code h}: refused. */
    private EthRpcException tokenHistoryRefused(Function<JsonNode, JsonNode> h) throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h));
          EthRpcSource src = scan(s)) {
        EthRpcException e = assertThrows(EthRpcException.class,
            () -> src.tokenHistory(Address.of(Chain.ETHEREUM, SENDER), 0, 2, 10));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        return e;
      }
    }

    @Test
    void tokenHistory_blockTimestampBeyond2106_badResponseNamesTheRequest() throws Exception {
      FakeNode node = new FakeNode();
      EthRpcException e = tokenHistoryRefused(c -> {
        String m = c.get("method").asText();
        if (m.equals("eth_getLogs")) {
          return senderTransfer(c, "0x0");
        }
        JsonNode answer = node.apply(c);
        if (m.equals("eth_getBlockByNumber") && !c.get("params").get(1).asBoolean()) {
          ((ObjectNode) answer).put("timestamp", "0x100000000");
        }
        return answer;
      });
      assertEquals("eth_getBlockByNumber(1) timestamp: 4294967296 is not a block time "
          + "(0..4294967295 seconds, 1970..2106)", e.getMessage());
    }

    @Test
    void tokenHistory_logIndex2pow32_badResponseNotCutToZero() throws Exception {
      FakeNode node = new FakeNode();
      EthRpcException e = tokenHistoryRefused(c -> c.get("method").asText().equals("eth_getLogs")
          ? senderTransfer(c, "0x100000000") : node.apply(c));
      assertEquals("eth_getLogs logIndex: 4294967296 does not fit an index (2^31 - 1 at most)",
          e.getMessage());
    }

    @Test
    void scan_selfdestructBalanceNotHex_badResponseNamesTheRequest() throws Exception {
      FakeNode node = new FakeNode();
      node.gasUsed = "0x7530"; // code ran: traced
      node.traceAnswer = ScriptedRpcServer.JSON.readTree("{\"gas\":1,\"failed\":false,\"returnValue\":\"\","
          + "\"structLogs\":[{\"pc\":0,\"op\":\"SELFDESTRUCT\",\"gas\":1,\"gasCost\":1,\"depth\":1,"
          + "\"stack\":[\"0x" + "3".repeat(40) + "\"]}]}");
      Function<JsonNode, JsonNode> h = c -> c.get("method").asText().equals("eth_getBalance")
          ? TextNode.valueOf("zz") : node.apply(c);
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("eth_getBalance(" + CONTRACT + ", 0): not a 0x quantity: 'zz'", e.getMessage());
      }
    }

    @Test
    void tokenHistory_logBlockNumberNotHex_badResponseNamesTheRequest() throws Exception {
      FakeNode node = new FakeNode();
      EthRpcException e = tokenHistoryRefused(c -> {
        if (!c.get("method").asText().equals("eth_getLogs")) {
          return node.apply(c);
        }
        ArrayNode logs = ScriptedRpcServer.JSON.createArrayNode();
        logs.addObject().put("address", CONTRACT).put("blockNumber", "0xzz").putArray("topics");
        return logs;
      });
      assertEquals("eth_getLogs blockNumber: not hex: '0xzz'", e.getMessage());
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
    void scan_lastBlockKeepsChangingOnReread_reorgNamesTheBlock() throws Exception {
      FakeNode node = new FakeNode();
      node.block2Reread = k -> hash(2, 'c');
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(node))) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> scan(s));
        assertEquals(EthRpcException.Reason.REORG, e.reason());
        assertEquals("chain reorganised during the scan: block 2 is now " + hash(2, 'c') + ", was " + hash(2, 'b'),
            e.getMessage());
        assertEquals(3, node.rereads.get(), "first scan and two restarts each confirmed the tail");
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
  class TokenHistory {
    @Test
    void tokenHistory_nodeRefusesLargeRanges_splitsUntilItAnswers() throws Exception {
      FakeNode node = new FakeNode();
      String me = "0x" + "1".repeat(40);
      java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
      Function<JsonNode, JsonNode> h = c -> {
        String m = c.get("method").asText();
        if (m.equals("eth_getLogs")) {
          JsonNode f = c.get("params").get(0);
          long from = Long.decode(f.get("fromBlock").asText());
          long to = Long.decode(f.get("toBlock").asText());
          asked.add(from + "-" + to);
          if (to - from + 1 > 2) {
            return ScriptedRpcServer.error(-32005, "query returned more than 10000 results");
          }
          com.fasterxml.jackson.databind.node.ArrayNode logs = ScriptedRpcServer.JSON.createArrayNode();
          boolean outgoing = f.get("topics").size() == 2;
          if (from <= 1 && to >= 1 && outgoing) {
            ObjectNode l = logs.addObject();
            l.put("address", CONTRACT);
            l.putArray("topics").add(io.tracer.ethereum.internal.LogDecoder.TRANSFER_TOPIC)
                .add("0x" + "0".repeat(24) + me.substring(2)).add("0x" + "0".repeat(24) + "3".repeat(40));
            l.put("data", "0x" + "0".repeat(62) + "2a");
            l.put("blockNumber", "0x1");
            l.put("transactionIndex", "0x0");
            l.put("logIndex", "0x4");
            l.put("transactionHash", hash(1, 'e'));
          }
          return logs;
        }
        if (m.equals("eth_call")) {
          return TextNode.valueOf("0x" + "0".repeat(63) + "6");
        }
        return node.apply(c);
      };
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h)); EthRpcSource src = scan(s)) {
        var t = src.tokenHistory(io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, me), 0, 7, 8);
        assertEquals(1, t.size());
        assertEquals(42, t.get(0).amount().intValueExact());
        assertEquals(4, t.get(0).position(), "the log index");
        assertTrue(asked.containsAll(java.util.List.of("0-7", "0-3", "4-7", "0-1", "2-3", "4-5", "6-7")), asked.toString());
      }
    }
  }

  @Nested
  class TokenHistory1155 {
    private String word(long v) {
      String h = Long.toHexString(v);
      return "0".repeat(64 - h.length()) + h;
    }

    private String padded(String address) {
      return "0x" + "0".repeat(24) + address.substring(2);
    }

    @Test
    void tokenHistory_erc1155SingleOutAndBatchIn_foundByOperatorSkippingFilters() throws Exception {
      FakeNode node = new FakeNode();
      String me = "0x" + "1".repeat(40);
      String other = "0x" + "4".repeat(40);
      String operator = "0x" + "5".repeat(40);
      java.util.List<String> filters = new java.util.concurrent.CopyOnWriteArrayList<>();
      Function<JsonNode, JsonNode> h = c -> {
        String m = c.get("method").asText();
        if (m.equals("eth_call")) {
          return ScriptedRpcServer.error(3, "execution reverted"); // no symbol(), no decimals()
        }
        if (!m.equals("eth_getLogs")) {
          return node.apply(c);
        }
        JsonNode topics = c.get("params").get(0).get("topics");
        filters.add(topics.toString());
        com.fasterxml.jackson.databind.node.ArrayNode logs = ScriptedRpcServer.JSON.createArrayNode();
        boolean is1155 = topics.get(0).isArray();
        if (is1155 && topics.size() == 3) { // me as "from": TransferSingle of 7 × id 3
          ObjectNode l = logs.addObject();
          l.put("address", CONTRACT);
          l.putArray("topics").add(io.tracer.ethereum.internal.LogDecoder.TRANSFER_SINGLE_TOPIC)
              .add(padded(operator)).add(padded(me)).add(padded(other));
          l.put("data", "0x" + word(3) + word(7));
          l.put("blockNumber", "0x1").put("transactionIndex", "0x0").put("logIndex", "0x2")
              .put("transactionHash", hash(1, 'e'));
        } else if (is1155 && topics.size() == 4) { // me as "to": TransferBatch of ids 8, 9
          ObjectNode l = logs.addObject();
          l.put("address", CONTRACT);
          l.putArray("topics").add(io.tracer.ethereum.internal.LogDecoder.TRANSFER_BATCH_TOPIC)
              .add(padded(operator)).add(padded(other)).add(padded(me));
          l.put("data", "0x" + word(64) + word(160) + word(2) + word(8) + word(9) + word(2) + word(30) + word(40));
          l.put("blockNumber", "0x2").put("transactionIndex", "0x0").put("logIndex", "0x0")
              .put("transactionHash", hash(2, 'e'));
        }
        return logs;
      };
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h)); EthRpcSource src = scan(s)) {
        var t = src.tokenHistory(io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, me), 0, 2, 10);
        assertEquals(java.util.List.of("1:" + me + ">" + other + ":7", "2:" + other + ">" + me + ":30",
            "2:" + other + ">" + me + ":40"), t.stream().map(x -> x.block().height() + ":" + x.from().value() + ">"
                + x.to().value() + ":" + x.amount()).toList());
        assertTrue(t.stream().allMatch(x -> x.kind() == TransferKind.NFT));
        String single = io.tracer.ethereum.internal.LogDecoder.TRANSFER_SINGLE_TOPIC;
        String batch = io.tracer.ethereum.internal.LogDecoder.TRANSFER_BATCH_TOPIC;
        assertEquals(java.util.List.of(
            "[\"" + io.tracer.ethereum.internal.LogDecoder.TRANSFER_TOPIC + "\",\"" + padded(me) + "\"]",
            "[\"" + io.tracer.ethereum.internal.LogDecoder.TRANSFER_TOPIC + "\",null,\"" + padded(me) + "\"]",
            "[[\"" + single + "\",\"" + batch + "\"],null,\"" + padded(me) + "\"]",
            "[[\"" + single + "\",\"" + batch + "\"],null,null,\"" + padded(me) + "\"]"),
            filters.stream().sorted(java.util.Comparator.comparing(String::length)).toList());
      }
    }
  }

  @Nested
  class InternalHistory {
    private static final String ROUTER = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d";
    private static final long BLOCK = 6082465;

    private JsonNode fixture() throws java.io.IOException {
      try (java.io.InputStream in = getClass().getResourceAsStream("/io/tracer/ethereum/trace/parity-trace-block.json")) {
        return ScriptedRpcServer.JSON.readTree(in).get("result");
      }
    }

    private boolean touches(JsonNode t, String field, String a) {
      JsonNode act = t.path("action");
      String v = field.equals("fromAddress")
          ? act.path("from").asText(act.path("address").asText(""))
          : act.path("to").asText(act.path("refundAddress").asText(t.path("result").path("address").asText("")));
      return v.equalsIgnoreCase(a);
    }

    /** An Erigon-like node: trace_filter (with after/count) and trace_transaction over the published fixture. */
    private Function<JsonNode, JsonNode> erigon(JsonNode traces, java.util.List<String> asked) {
      FakeNode node = new FakeNode();
      return c -> {
        String m = c.get("method").asText();
        JsonNode p = c.get("params");
        if (m.equals("trace_filter")) {
          JsonNode f = p.get(0);
          String side = f.has("fromAddress") ? "fromAddress" : "toAddress";
          String a = f.get(side).get(0).asText();
          int after = f.get("after").asInt();
          int count = f.get("count").asInt();
          asked.add(side + "@" + after);
          com.fasterxml.jackson.databind.node.ArrayNode hits = ScriptedRpcServer.JSON.createArrayNode();
          for (JsonNode t : traces) {
            if (t.path("type").asText().equals("reward") || !touches(t, side, a)) {
              continue;
            }
            hits.add(t);
          }
          com.fasterxml.jackson.databind.node.ArrayNode page = ScriptedRpcServer.JSON.createArrayNode();
          for (int i = after; i < Math.min(hits.size(), after + count); i++) {
            page.add(hits.get(i));
          }
          return page;
        }
        if (m.equals("trace_transaction")) {
          com.fasterxml.jackson.databind.node.ArrayNode all = ScriptedRpcServer.JSON.createArrayNode();
          traces.forEach(t -> {
            if (t.path("transactionHash").asText().equals(p.get(0).asText())) {
              all.add(t);
            }
          });
          return all;
        }
        return node.apply(c);
      };
    }

    private java.util.List<String> rows(java.util.List<io.tracer.core.model.Transfer> ts) {
      return ts.stream().map(t -> t.txId().toString().substring(0, 4) + "#" + t.block().position() + "/" + t.position()
          + " " + t.from().value().substring(0, 6) + ">" + t.to().value().substring(0, 6) + " " + t.amount()
          + (t.success() ? "" : " failed")).toList();
    }

    @Test
    void internalHistory_router_callAndCreateWithValue_numberedAsTheScan() throws Exception {
      java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(erigon(fixture(), asked)));
          EthRpcSource src = scan(s)) {
        var h = src.internalHistory(io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, ROUTER),
            BLOCK, BLOCK, 100, 1);
        assertEquals(java.util.List.of("cccc#0/0 0x7a25>0xc02a 1000000000000000000", "cccc#0/1 0x7a25>0x3333 5"), rows(h));
        assertEquals(BLOCK, h.get(0).block().height());
        assertTrue(h.stream().allMatch(t -> t.kind() == TransferKind.INTERNAL));
        // Two traces from the router at one per page: pages at 0, 1 and an empty one at 2; one page to it.
        assertEquals(java.util.List.of("fromAddress@0", "fromAddress@1", "fromAddress@2", "toAddress@0", "toAddress@1"),
            asked.stream().sorted().toList());
      }
    }

    @Test
    void internalHistory_receiverInRevertedTransaction_failedThoughItsOwnTraceHasNoError() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
              erigon(fixture(), new java.util.concurrent.CopyOnWriteArrayList<>())));
          EthRpcSource src = scan(s)) {
        var h = src.internalHistory(io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM,
            "0x" + "2".repeat(40)), BLOCK, BLOCK, 100);
        assertEquals(java.util.List.of("dddd#1/0 0x1111>0x2222 7 failed"), rows(h));
        var selfdestruct = src.internalHistory(io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM,
            "0x" + "4".repeat(40)), BLOCK, BLOCK, 100);
        assertEquals(java.util.List.of("cccc#0/2 0x3333>0x4444 5"), rows(selfdestruct));
      }
    }

    @Test
    void internalHistory_transactionPosition2pow31_badResponseNotCutToAnInt() throws Exception {
      Function<JsonNode, JsonNode> node = erigon(fixture(), new java.util.concurrent.CopyOnWriteArrayList<>());
      Function<JsonNode, JsonNode> h = c -> {
        JsonNode answer = node.apply(c);
        if (c.get("method").asText().equals("trace_filter")) {
          answer.forEach(t -> ((ObjectNode) t).put("transactionPosition", 2147483648L));
        }
        return answer;
      };
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h)); EthRpcSource src = scan(s)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> src.internalHistory(
            io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, ROUTER), BLOCK, BLOCK, 100));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("trace_filter transactionPosition: 2147483648 does not fit an index (2^31 - 1 at most)",
            e.getMessage());
      }
    }

    @Test
    void internalHistory_transactionPositionBeyondLongAsJsonNumber_badResponseNotCut() throws Exception {
      Function<JsonNode, JsonNode> node = erigon(fixture(), new java.util.concurrent.CopyOnWriteArrayList<>());
      BigInteger twoPow64Plus1 = BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE);
      Function<JsonNode, JsonNode> h = c -> {
        JsonNode answer = node.apply(c);
        if (c.get("method").asText().equals("trace_filter")) {
          answer.forEach(t -> ((ObjectNode) t).put("transactionPosition", twoPow64Plus1));
        }
        return answer;
      };
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(h)); EthRpcSource src = scan(s)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> src.internalHistory(
            io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, ROUTER), BLOCK, BLOCK, 100));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
        assertEquals("trace_filter transactionPosition: 18446744073709551617 does not fit an index "
            + "(2^31 - 1 at most)", e.getMessage());
      }
    }

    @Test
    void internalHistory_nodeWithoutTraceFilter_saysWhatIsMissingAndWhatToUse() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(new FakeNode())); EthRpcSource src = scan(s)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> src.internalHistory(
            io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, ROUTER), 0, 2, 100));
        assertEquals(EthRpcException.Reason.METHOD_NOT_SUPPORTED, e.reason());
        assertEquals(s.url() + " offers no trace_filter (Erigon, Nethermind and Reth do): internal transfers of "
            + io.tracer.core.model.Address.of(io.tracer.core.model.Chain.ETHEREUM, ROUTER).display()
            + " outside the scanned blocks cannot be read from this node; scan their blocks (eth-rpc:URL#FROM-TO) "
            + "or use the etherscan source (txlistinternal)", e.getMessage());
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
