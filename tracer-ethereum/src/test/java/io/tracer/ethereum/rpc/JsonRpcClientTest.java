package io.tracer.ethereum.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracer.ethereum.rpc.JsonRpcClient.Call;
import io.tracer.ethereum.rpc.JsonRpcClient.Reply;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The JSON-RPC client against a real HTTP server that misbehaves on purpose. */
class JsonRpcClientTest {
  private final List<Long> waits = Collections.synchronizedList(new ArrayList<>());

  private JsonRpcClient client(String url, int batch, int attempts) {
    return client(url, batch, attempts, 1 << 20);
  }

  private JsonRpcClient client(String url, int batch, int attempts, long cap) {
    return JsonRpcClient.builder(new HttpRpcTransport(URI.create(url), Duration.ofSeconds(5), cap, Map.of()))
        .maxBatchSize(batch).maxAttempts(attempts).concurrency(2)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .sleeper(waits::add).build();
  }

  private static List<Call> numbered(int n) {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(Call.of("echo", i));
    }
    return calls;
  }

  @Test
  void replay_callTracerAnswer600FramesDeep_reEncodedAndParsed() throws Exception {
    String frame = "{\"type\":\"CALL\",\"from\":\"0x" + "1".repeat(40) + "\",\"to\":\"0x" + "2".repeat(40)
        + "\",\"calls\":[";
    String tree = frame.repeat(600) + "]}".repeat(600);
    String recording = "{\"debug_traceTransaction []\":{\"result\":" + tree + "}}";
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write(recording.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try (JsonRpcClient c = JsonRpcClient.builder(ReplayTransport.replaying(
            new java.io.ByteArrayInputStream(gz.toByteArray()), "deep")).maxAttempts(1).build()) {
      assertEquals(599, io.tracer.ethereum.trace.CallTracerParser.parse(c.call("debug_traceTransaction")).size());
    }
  }

  @Nested
  class HappyPath {
    @Test
    void batch_answersInReverseOrder_matchedById() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> {
            ArrayNode out = ScriptedRpcServer.JSON.createArrayNode();
            for (JsonNode c : body) {
              out.insert(0, ScriptedRpcServer.envelope(c, c.get("params").get(0)));
            }
            ScriptedRpcServer.reply(ex, 200, out.toString());
          });
          JsonRpcClient c = client(s.url(), 100, 1)) {
        List<Reply> r = c.batch(numbered(5));
        assertEquals(List.of(0, 1, 2, 3, 4), r.stream().map(x -> x.result().asInt()).toList());
        assertEquals(1, c.roundTrips());
      }
    }

    @Test
    void batch_250CallsBatchSize100_threeRoundTrips() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(c -> c.get("params").get(0)));
          JsonRpcClient c = client(s.url(), 100, 1)) {
        List<Reply> r = c.batch(numbered(250));
        assertEquals(249, r.get(249).result().asInt());
        assertEquals(3, c.roundTrips());
        assertEquals(250, c.calls());
      }
    }

    @Test
    void batch_batchSizeOne_oneRoundTripPerCall() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(c -> c.get("params").get(0)));
          JsonRpcClient c = client(s.url(), 1, 1)) {
        c.batch(numbered(7));
        assertEquals(7, c.roundTrips());
      }
    }

    @Test
    void call_http429TwiceThenOk_retriesHonouringRetryAfter() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> {
            if (n <= 2) {
              ex.getResponseHeaders().add("Retry-After", "1");
              ScriptedRpcServer.reply(ex, 429, "{\"message\":\"slow down\"}");
            } else {
              ScriptedRpcServer.reply(ex, 200, ScriptedRpcServer.envelope(body, TextNode.valueOf("0x1")).toString());
            }
          });
          JsonRpcClient c = client(s.url(), 100, 5)) {
        assertEquals("0x1", c.call("eth_blockNumber").asText());
        assertEquals(3, c.roundTrips());
        assertEquals(2, c.retries());
        assertEquals(2, waits.size());
        assertTrue(waits.get(0) >= 1000, "Retry-After of 1 s honoured: " + waits);
      }
    }

    @Test
    void call_rateLimitErrorObject_retriedThenOk() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> ScriptedRpcServer.reply(ex, 200,
              ScriptedRpcServer.envelope(body, n == 1 ? ScriptedRpcServer.error(-32005, "limit exceeded")
                  : TextNode.valueOf("0x2")).toString()));
          JsonRpcClient c = client(s.url(), 100, 3)) {
        assertEquals("0x2", c.call("eth_blockNumber").asText());
        assertEquals(1, c.retries());
      }
    }
  }

  @Nested
  class Rejection {
    @Test
    void call_alwaysHttp503_givesUpAfterAttempts() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> ScriptedRpcServer.reply(ex, 503, "down"));
          JsonRpcClient c = client(s.url(), 100, 3)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("eth_blockNumber"));
        assertEquals(EthRpcException.Reason.TRANSPORT, e.reason());
        assertEquals("giving up after 3 attempts: HTTP 503 from " + s.url(), e.getMessage());
        assertEquals(3, s.posts.get());
      }
    }

    @Test
    void call_missingTrieNode_prunedState() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
              c -> ScriptedRpcServer.error(-32000, "missing trie node 1e5f…(path )")));
          JsonRpcClient c = client(s.url(), 100, 3)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("debug_traceTransaction", "0x1"));
        assertEquals(EthRpcException.Reason.PRUNED_STATE, e.reason());
        assertEquals(-32000, e.code());
        assertEquals(1, s.posts.get(), "not retried: pruned state does not come back");
      }
    }

    @Test
    void call_methodNotFound_notSupported() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer(ScriptedRpcServer.perCall(
              c -> ScriptedRpcServer.error(-32601, "the method trace_block does not exist/is not available")));
          JsonRpcClient c = client(s.url(), 100, 3)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("trace_block", "0x1"));
        assertEquals(EthRpcException.Reason.METHOD_NOT_SUPPORTED, e.reason());
      }
    }

    @Test
    void batch_wholeBatchRefusedWithOneErrorObject_everyReplyCarriesIt() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> ScriptedRpcServer.reply(ex, 200,
              "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}"));
          JsonRpcClient c = client(s.url(), 100, 1)) {
        List<Reply> r = c.batch(numbered(3));
        assertEquals(3, r.size());
        assertTrue(r.stream().allMatch(x -> x.isError() && x.error().message().equals("batch too large")));
      }
    }

    @Test
    void batch_answerMissingForOneCall_badResponse() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> {
            ArrayNode out = ScriptedRpcServer.JSON.createArrayNode();
            out.add(ScriptedRpcServer.envelope(body.get(0), TextNode.valueOf("x")));
            ScriptedRpcServer.reply(ex, 200, out.toString());
          });
          JsonRpcClient c = client(s.url(), 100, 1)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.batch(numbered(2)));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
      }
    }

    @Test
    void call_garbageBody_badResponse() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> ScriptedRpcServer.reply(ex, 200, "<html>gateway</html>"));
          JsonRpcClient c = client(s.url(), 100, 1)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("eth_blockNumber"));
        assertEquals(EthRpcException.Reason.BAD_RESPONSE, e.reason());
      }
    }

    @Test
    void call_streamedBodyBeyondCap_tooLargeWithoutReadingItAll() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> {
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to trust
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream os = ex.getResponseBody()) {
              for (int i = 0; i < 64; i++) { // 4 MiB
                os.write(chunk);
              }
            } catch (java.io.IOException closedByClient) {
              // the client stopped reading at its cap
            }
          });
          JsonRpcClient c = client(s.url(), 100, 1, 1 << 20)) {
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("debug_traceTransaction", "0x1"));
        assertEquals(EthRpcException.Reason.TOO_LARGE, e.reason());
        assertEquals("answer from " + s.url() + " is larger than 1048576 bytes; lower the batch size or raise the cap", e.getMessage());
      }
    }

    @Test
    void describe_urlWithKeyInPathAndQuery_keyNeverShown() throws Exception {
      try (ScriptedRpcServer s = new ScriptedRpcServer((n, body, ex) -> ScriptedRpcServer.reply(ex, 503, "down"));
          JsonRpcClient c = client(s.url() + "/v3/SECRETKEY123?apikey=SECRETKEY123", 100, 2)) {
        assertFalse(c.describe().contains("SECRET"));
        EthRpcException e = assertThrows(EthRpcException.class, () -> c.call("eth_blockNumber"));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertEquals("/v3/SECRETKEY123?apikey=SECRETKEY123", s.paths.get(0), "the key still reaches the server");
      }
    }
  }
}
