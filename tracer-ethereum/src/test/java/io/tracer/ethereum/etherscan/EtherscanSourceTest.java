package io.tracer.ethereum.etherscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Etherscan source against a real HTTP server replaying answers in Etherscan's format
 * ({@code {"status","message","result"}}, decimal strings, {@code isError}, {@code traceId},
 * {@code tokenSymbol}/{@code tokenDecimal}; "No transactions found" and "Max rate limit reached"
 * as status 0).
 */
class EtherscanSourceTest {
  private static final String KEY = "K3Y-DO-NOT-LEAK-123";
  private static final String ME = "0x" + "a".repeat(40);
  private static final String OTHER = "0x" + "b".repeat(40);
  private static final String CONTRACT = "0x" + "c".repeat(40);
  private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";

  private HttpServer server;
  private final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(Function<Map<String, String>, String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      Map<String, String> q = query(ex);
      queries.add(q);
      String a = answer.apply(q);
      int status = 200;
      if (a.startsWith(HTTP_429)) {
        // An HTTP-level rate limit, as Etherscan's edge and compatible APIs answer bursts.
        ex.getResponseHeaders().add("Retry-After", a.substring(HTTP_429.length()));
        a = "<html><body>429 Too Many Requests</body></html>";
        status = 429;
      }
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/api?chainid=1";
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new HashMap<>();
    for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
      int i = kv.indexOf('=');
      q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  private EtherscanSource source(String url, int pageSize) {
    return EtherscanSource.builder().url(url).apiKey(KEY).pageSize(pageSize).requestsPerSecond(1000)
        .sleeper(sleeps::add).build();
  }

  private static String hash(int n) {
    String h = Integer.toHexString(n);
    return "0x" + "0".repeat(64 - h.length()) + h;
  }

  private static String tx(int n, int block, String from, String to, String value, String isError) {
    return "{\"blockNumber\":\"" + block + "\",\"timeStamp\":\"1654646411\",\"hash\":\"" + hash(n) + "\",\"nonce\":\"6\","
        + "\"blockHash\":\"" + hash(9000 + n) + "\",\"transactionIndex\":\"" + (n % 7) + "\",\"from\":\"" + from + "\","
        + "\"to\":\"" + to + "\",\"value\":\"" + value + "\",\"gas\":\"60000\",\"gasPrice\":\"83924748773\","
        + "\"isError\":\"" + isError + "\",\"txreceipt_status\":\"" + ("0".equals(isError) ? "1" : "0") + "\","
        + "\"input\":\"0x\",\"contractAddress\":\"\",\"cumulativeGasUsed\":\"4412570\",\"gasUsed\":\"21000\","
        + "\"confirmations\":\"100\",\"methodId\":\"0x\",\"functionName\":\"\"}";
  }

  private static String ok(List<String> rows) {
    return "{\"status\":\"1\",\"message\":\"OK\",\"result\":[" + String.join(",", rows) + "]}";
  }

  private static final String NONE = "{\"status\":\"0\",\"message\":\"No transactions found\",\"result\":[]}";
  /** serve() answers HTTP 429 with the Retry-After value that follows this prefix. */
  private static final String HTTP_429 = "HTTP429:";
  private static final String RATE = "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Max rate limit reached\"}";

  /** Three pages of txlist (page size 2), one internal call, one USDT transfer, one rate-limit answer. */
  private String normalCase(AtomicInteger txlistCalls) throws IOException {
    return serve(q -> {
      switch (q.get("action")) {
        case "txlist": {
          if (txlistCalls.incrementAndGet() == 1) {
            return RATE;
          }
          List<String> all = List.of(
              tx(1, 100, OTHER, ME, "1500000000000000000", "0"),
              tx(2, 101, ME, CONTRACT, "1000000000000000000", "0"),
              tx(3, 102, ME, OTHER, "5", "1"));
          int page = Integer.parseInt(q.get("page"));
          int size = Integer.parseInt(q.get("offset"));
          int from = (page - 1) * size;
          return from >= all.size() ? NONE : ok(all.subList(from, Math.min(all.size(), from + size)));
        }
        case "txlistinternal":
          return ok(List.of("{\"blockNumber\":\"101\",\"timeStamp\":\"1654646420\",\"hash\":\"" + hash(2) + "\","
              + "\"from\":\"" + CONTRACT + "\",\"to\":\"" + ME + "\",\"value\":\"250000000000000000\","
              + "\"contractAddress\":\"\",\"input\":\"\",\"type\":\"call\",\"gas\":\"2300\",\"gasUsed\":\"0\","
              + "\"traceId\":\"0_1\",\"isError\":\"0\",\"errCode\":\"\"}"));
        case "tokentx":
          return ok(List.of("{\"blockNumber\":\"103\",\"timeStamp\":\"1654646500\",\"hash\":\"" + hash(4) + "\","
              + "\"nonce\":\"7\",\"blockHash\":\"" + hash(9004) + "\",\"from\":\"" + ME + "\",\"contractAddress\":\"" + USDT
              + "\",\"to\":\"" + OTHER + "\",\"value\":\"12250000000\",\"tokenName\":\"Tether USD\",\"tokenSymbol\":\"USDT\","
              + "\"tokenDecimal\":\"6\",\"transactionIndex\":\"3\",\"gas\":\"80000\",\"gasPrice\":\"98400000000\","
              + "\"gasUsed\":\"46109\",\"cumulativeGasUsed\":\"1\",\"input\":\"deprecated\",\"confirmations\":\"5\"}"));
        default:
          return "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Error! Invalid action\"}";
      }
    });
  }

  @Nested
  class HappyPath {
    @Test
    void history_threeModulesWithPagingAndRateLimit_everyTransferOnce() throws IOException {
      AtomicInteger calls = new AtomicInteger();
      EtherscanSource src = source(normalCase(calls), 2);
      Address me = Address.of(Chain.ETHEREUM, ME);
      List<Transfer> h = src.history(me);
      // The fee of tx 1 is paid by the other side, so it is not in this address's history.
      assertEquals(List.of(TransferKind.NATIVE, TransferKind.NATIVE, TransferKind.INTERNAL,
          TransferKind.FEE, TransferKind.NATIVE, TransferKind.FEE, TransferKind.TOKEN), h.stream().map(Transfer::kind).toList());
      Transfer token = h.get(6);
      assertEquals("USDT", token.asset().symbol());
      assertEquals(6, token.asset().decimals());
      assertEquals("12250", token.value().toDecimalString());
      assertEquals(3, token.block().position());
      Transfer internal = h.get(2);
      assertEquals(250_000_000_000_000_000L, internal.amount().longValueExact());
      assertEquals(2 % 7, internal.block().position(), "index borrowed from txlist");
      assertFalse(h.get(4).success(), "isError=1");
      assertEquals(21_000L * 83_924_748_773L, h.get(3).amount().longValueExact());
      // txlist: 1 rate-limited, then pages of 2 and 1 rows (a short page ends it); 1 internal, 1 token.
      assertEquals(3, calls.get());
      assertEquals(5, src.requests());
      assertEquals(1, sleeps.stream().filter(s -> s >= 1000).count(), "one backoff after the rate limit");
      assertTrue(queries.stream().allMatch(q -> KEY.equals(q.get("apikey")) && "1".equals(q.get("chainid"))));
      assertEquals(List.of(h.get(1), h.get(2), h.get(3)), src.transfers(TxId.parse(hash(2))));
    }

    @Test
    void history_http429WithRetryAfter_waitsAsToldThenPagesOn() throws IOException {
      AtomicInteger txlist = new AtomicInteger();
      String url = serve(q -> {
        if (!q.get("action").equals("txlist")) {
          return NONE;
        }
        int n = txlist.incrementAndGet();
        if (n == 2) {
          return HTTP_429 + "7";
        }
        return q.get("page").equals("1") ? ok(List.of(tx(1, 100, OTHER, ME, "1", "0"))) : NONE;
      });
      PrintStream old = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      List<Transfer> h;
      try {
        h = source(url, 1).history(Address.of(Chain.ETHEREUM, ME));
      } finally {
        System.setErr(old);
      }
      assertEquals(1, h.stream().filter(t -> t.kind() == TransferKind.NATIVE).count());
      assertEquals(List.of("1", "2", "2"), queries.stream().filter(q -> q.get("action").equals("txlist"))
          .map(q -> q.get("page")).toList(), "page 2 asked again after the 429");
      assertTrue(sleeps.contains(7000L), "Retry-After: 7 honoured: " + sleeps);
      String logged = err.toString(StandardCharsets.UTF_8);
      assertTrue(logged.contains("answered HTTP 429; retrying in 7000 ms"), logged);
      assertFalse(logged.contains(KEY), logged);
    }

    @Test
    void history_secondCall_servedFromCache() throws IOException {
      EtherscanSource src = source(normalCase(new AtomicInteger(1)), 1000);
      Address me = Address.of(Chain.ETHEREUM, ME);
      src.history(me);
      long n = src.requests();
      src.history(Address.of(Chain.ETHEREUM, ME.toUpperCase().replace("0X", "0x")));
      assertEquals(n, src.requests());
    }

    @Test
    void history_moreThanTheResultWindow_restartsFromLastBlockAndDeduplicates() throws IOException {
      int total = 10_003;
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        rows.add(tx(i + 1, 1000 + i / 3, OTHER, ME, "1", "0"));
      }
      String url = serve(q -> {
        if (!q.get("action").equals("txlist")) {
          return NONE;
        }
        long start = Long.parseLong(q.get("startblock"));
        int page = Integer.parseInt(q.get("page"));
        int size = Integer.parseInt(q.get("offset"));
        List<String> eligible = rows.stream().filter(r -> Long.parseLong(r.substring(16, r.indexOf('"', 16))) >= start).toList();
        int from = (page - 1) * size;
        if ((long) page * size > EtherscanSource.RESULT_WINDOW) {
          return "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Result window is too large, PageNo x Offset size must be less than or equal to 10000\"}";
        }
        return from >= eligible.size() ? NONE : ok(eligible.subList(from, Math.min(eligible.size(), from + size)));
      });
      EtherscanSource src = source(url, 5000);
      List<Transfer> h = src.history(Address.of(Chain.ETHEREUM, ME));
      assertEquals(total, h.stream().filter(t -> t.kind() == TransferKind.NATIVE).count());
      assertTrue(queries.stream().anyMatch(q -> !q.get("startblock").equals("0")), "a second window was opened");
    }
  }

  @Nested
  class Rejection {
    @Test
    void history_invalidKeyEchoed_keyScrubbedFromError() throws IOException {
      String url = serve(q -> "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Invalid API Key " + q.get("apikey") + "\"}");
      SourceException e = assertThrows(SourceException.class,
          () -> source(url, 100).history(Address.of(Chain.ETHEREUM, ME)));
      assertFalse(e.getMessage().contains(KEY), e.getMessage());
      assertTrue(e.getMessage().endsWith("failed: Invalid API Key ***"), e.getMessage());
    }

    @Test
    void history_rateLimitedForever_givesUpWithoutLeakingKeyInLogs() throws IOException {
      String url = serve(q -> RATE);
      PrintStream old = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        EtherscanSource src = EtherscanSource.builder().url(url).apiKey(KEY).attempts(3).requestsPerSecond(1000)
            .sleeper(sleeps::add).build();
        SourceException e = assertThrows(SourceException.class, () -> src.history(Address.of(Chain.ETHEREUM, ME)));
        assertTrue(e.getMessage().endsWith("failed: Max rate limit reached"), e.getMessage());
        assertFalse(src.describe().contains(KEY));
      } finally {
        System.setErr(old);
      }
      String logged = err.toString(StandardCharsets.UTF_8);
      assertTrue(logged.contains("is rate limiting"), "warnings were logged: " + logged);
      assertFalse(logged.contains(KEY), logged);
      assertEquals(3, queries.size());
    }

    @Test
    void history_valueBeyond2pow256_rejected() throws IOException {
      String big = java.math.BigInteger.ONE.shiftLeft(256).toString();
      String url = serve(q -> q.get("action").equals("txlist") ? ok(List.of(tx(1, 5, OTHER, ME, big, "0"))) : NONE);
      SourceException e = assertThrows(SourceException.class,
          () -> source(url, 100).history(Address.of(Chain.ETHEREUM, ME)));
      assertTrue(e.getMessage().contains("is 2^256 or more"), e.getMessage());
    }

    @Test
    void url_withApiKeyInQuery_refused() {
      assertThrows(IllegalArgumentException.class, () -> EtherscanSource.builder().url("https://x/api?apikey=abc"));
    }

    @Test
    void transfers_wholeChain_unsupported() throws IOException {
      EtherscanSource src = source(serve(q -> NONE), 100);
      assertThrows(UnsupportedOperationException.class, src::transfers);
    }

    @Test
    void tracePosition_paths_sortInPreOrder() {
      assertTrue(EtherscanSource.tracePosition("0") < EtherscanSource.tracePosition("0_0"));
      assertTrue(EtherscanSource.tracePosition("0_0") < EtherscanSource.tracePosition("0_1"));
      assertTrue(EtherscanSource.tracePosition("0_1_5") < EtherscanSource.tracePosition("1"));
      assertThrows(IllegalArgumentException.class, () -> EtherscanSource.tracePosition("0_x"));
    }
  }
}
