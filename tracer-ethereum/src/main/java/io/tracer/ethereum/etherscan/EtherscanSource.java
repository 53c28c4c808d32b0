package io.tracer.ethereum.etherscan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.SourceException;
import io.tracer.ethereum.internal.Quantities;
import io.tracer.ethereum.internal.RetryAfter;
import io.tracer.ethereum.internal.TokenMetadata;
import io.tracer.ethereum.rpc.HttpRpcTransport;
import io.tracer.ethereum.rpc.JsonRpcClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address histories from an Etherscan-compatible API ({@code module=account} with {@code
 * action=txlist}, {@code txlistinternal} and {@code tokentx}), e.g. {@code
 * https://api.etherscan.io/v2/api?chainid=1}. Each {@link #history} fetches the three lists page by
 * page (sorted ascending; when page × offset would pass Etherscan's 10,000-result window it starts
 * again from the last block seen and drops duplicates), caches the result, and merges the
 * transfers into a per-transaction view that {@link #transfers(TxId)} answers from.
 *
 * <p>What Etherscan does not say, and how it is filled in: internal transactions carry no
 * transaction index (taken from the same hash in txlist/tokentx when known, else 0) and a
 * {@code traceId} such as {@code 0_1_1}, turned into an order-preserving position; token
 * transfers carry no log index, so they are ordered after the internal ones in answer order.
 * {@link #transfers()} cannot enumerate a remote chain and throws.
 *
 * <p>Requests are spaced to stay under {@code requestsPerSecond} (the free tier allows 5) and
 * retried with backoff when the API answers "Max rate limit reached". Thread-safe.
 */
public final class EtherscanSource implements AccountSource {
  private static final Logger LOG = LoggerFactory.getLogger(EtherscanSource.class);
  /** Etherscan refuses page × offset above this. */
  public static final int RESULT_WINDOW = 10_000;
  /** Position base for token transfers: after any internal call position. */
  static final int TOKEN_POSITION_BASE = 1 << 30;

  private final URI base;
  private final String apiKey;
  private final Chain chain;
  private final int offset;
  private final long minIntervalNanos;
  private final int attempts;
  private final long maxBodyBytes;
  private final Sleeper sleeper;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<Address, List<Transfer>> histories = new ConcurrentHashMap<>();
  private final Map<TxId, Map<String, Transfer>> byTx = new ConcurrentHashMap<>();
  private final Object pace = new Object();
  private long nextSlot;
  private long requests;

  /** Waits; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private EtherscanSource(Builder b) {
    this.base = Objects.requireNonNull(b.base, "url");
    this.apiKey = b.apiKey;
    this.chain = b.chain;
    this.offset = b.offset;
    this.minIntervalNanos = (long) (1e9 / b.requestsPerSecond);
    this.attempts = b.attempts;
    this.maxBodyBytes = b.maxBodyBytes;
    this.sleeper = b.sleeper;
    this.timeout = b.timeout;
    this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options. */
  public static final class Builder {
    private URI base;
    private String apiKey;
    private Chain chain = Chain.ETHEREUM;
    private int offset = 1000;
    private double requestsPerSecond = 5;
    private int attempts = 5;
    private long maxBodyBytes = 64L << 20;
    private Duration timeout = Duration.ofSeconds(30);
    private Sleeper sleeper = Thread::sleep;

    private Builder() {}

    public Builder url(String u) {
      URI uri = URI.create(u.trim());
      String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https")) {
        throw new IllegalArgumentException("etherscan URL must be http or https");
      }
      if (uri.getRawQuery() != null && uri.getRawQuery().toLowerCase(Locale.ROOT).contains("apikey=")) {
        throw new IllegalArgumentException("put the API key in ETHERSCAN_API_KEY, not in the URL");
      }
      this.base = uri;
      return this;
    }

    /** The API key; never logged, never part of {@link #describe()} or of exception messages. */
    public Builder apiKey(String k) {
      this.apiKey = k == null || k.isBlank() ? null : k.trim();
      return this;
    }

    public Builder chain(Chain c) {
      this.chain = c;
      return this;
    }

    /** Results per page (Etherscan's {@code offset}); 1..10000. */
    public Builder pageSize(int n) {
      if (n < 1 || n > RESULT_WINDOW) {
        throw new IllegalArgumentException("page size must be 1..10000");
      }
      this.offset = n;
      return this;
    }

    public Builder requestsPerSecond(double r) {
      if (!(r > 0 && r <= 1000)) {
        throw new IllegalArgumentException("requests per second must be in (0, 1000]");
      }
      this.requestsPerSecond = r;
      return this;
    }

    public Builder attempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("attempts must be >= 1");
      }
      this.attempts = n;
      return this;
    }

    public Builder maxBodyBytes(long n) {
      this.maxBodyBytes = n;
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    public EtherscanSource build() {
      return new EtherscanSource(this);
    }
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return "etherscan " + HttpRpcTransport.redact(base) + (apiKey == null ? " (no API key)" : " (API key set)");
  }

  /** HTTP requests made so far. */
  public long requests() {
    synchronized (pace) {
      return requests;
    }
  }

  @Override
  public List<Transfer> history(Address address) {
    if (address.chain() != chain) {
      throw new IllegalArgumentException(address + " is not on " + chain.id());
    }
    return histories.computeIfAbsent(address, this::fetch);
  }

  @Override
  public List<Transfer> transfers(TxId tx) {
    Map<String, Transfer> m = byTx.get(tx);
    if (m == null) {
      return List.of();
    }
    List<Transfer> out = new ArrayList<>(m.values());
    out.sort(Transfer.ORDER);
    return List.copyOf(out);
  }

  @Override
  public Stream<Transfer> transfers() {
    throw new UnsupportedOperationException("an Etherscan API cannot list the whole chain; ask for address histories");
  }

  // ---------------------------------------------------------------------------------------------

  private List<Transfer> fetch(Address address) {
    List<JsonNode> txs = all("txlist", address);
    List<JsonNode> internal = all("txlistinternal", address);
    List<JsonNode> tokens = all("tokentx", address);
    Map<String, Integer> txIndex = new HashMap<>();
    for (JsonNode r : txs) {
      txIndex.put(r.path("hash").asText("").toLowerCase(Locale.ROOT), intField(r, "transactionIndex"));
    }
    for (JsonNode r : tokens) {
      txIndex.putIfAbsent(r.path("hash").asText("").toLowerCase(Locale.ROOT), intField(r, "transactionIndex"));
    }
    Map<String, Transfer> unique = new LinkedHashMap<>();
    try {
      for (JsonNode r : txs) {
        addTx(r, unique);
      }
      for (JsonNode r : internal) {
        addInternal(r, txIndex, unique);
      }
      Map<String, Integer> tokenSeq = new HashMap<>();
      for (JsonNode r : tokens) {
        addToken(r, tokenSeq, unique);
      }
    } catch (IllegalArgumentException e) {
      throw new SourceException("etherscan answer for " + address.display() + ": " + e.getMessage(), e);
    }
    List<Transfer> out = new ArrayList<>();
    for (Transfer t : unique.values()) {
      if (t.from().equals(address) || t.to().equals(address)) {
        out.add(t);
      }
      byTx.computeIfAbsent(t.txId(), k -> new ConcurrentHashMap<>()).putIfAbsent(key(t), t);
    }
    out.sort(Transfer.ORDER);
    return List.copyOf(out);
  }

  private static String key(Transfer t) {
    return t.txId() + "|" + t.kind() + "|" + t.position() + "|" + t.from().value() + "|" + t.to().value() + "|" + t.asset() + "|" + t.amount();
  }

  private void addTx(JsonNode r, Map<String, Transfer> out) {
    TxId id = TxId.parse(r.path("hash").asText(""));
    BlockRef ref = ref(r, intField(r, "transactionIndex"));
    boolean ok = "0".equals(r.path("isError").asText("0")) && !"0".equals(r.path("txreceipt_status").asText("1"));
    Address from = addr(r.path("from").asText(""));
    String toText = r.path("to").asText("");
    String created = r.path("contractAddress").asText("");
    Address to = !toText.isBlank() ? addr(toText)
        : !created.isBlank() ? addr(created) : Address.pseudo(chain, "create", "unknown");
    BigInteger value = Quantities.decimal(r.path("value").asText(""), "value");
    put(out, new Transfer(id, ref, -1, from, to, Asset.nativeOf(chain), value, TransferKind.NATIVE, ok));
    String gasUsed = r.path("gasUsed").asText("");
    String gasPrice = r.path("gasPrice").asText("");
    if (!gasUsed.isBlank() && !gasPrice.isBlank()) {
      BigInteger fee = Quantities.requireWord(Quantities.decimal(gasUsed, "gasUsed")
          .multiply(Quantities.decimal(gasPrice, "gasPrice")), "fee");
      if (fee.signum() > 0) {
        put(out, new Transfer(id, ref, Transfer.FEE_POSITION, from, Address.feeSink(chain), Asset.nativeOf(chain),
            fee, TransferKind.FEE, ok));
      }
    }
  }

  private void addInternal(JsonNode r, Map<String, Integer> txIndex, Map<String, Transfer> out) {
    String hash = r.path("hash").asText("").toLowerCase(Locale.ROOT);
    TxId id = TxId.parse(hash);
    BlockRef ref = ref(r, txIndex.getOrDefault(hash, 0));
    boolean ok = "0".equals(r.path("isError").asText("0"));
    String toText = r.path("to").asText("");
    String created = r.path("contractAddress").asText("");
    Address to = !toText.isBlank() ? addr(toText) : !created.isBlank() ? addr(created) : null;
    BigInteger value = Quantities.decimal(r.path("value").asText(""), "value");
    if (to == null || value.signum() == 0) {
      return;
    }
    put(out, new Transfer(id, ref, tracePosition(r.path("traceId").asText("")), addr(r.path("from").asText("")), to,
        Asset.nativeOf(chain), value, TransferKind.INTERNAL, ok));
  }

  private void addToken(JsonNode r, Map<String, Integer> seq, Map<String, Transfer> out) {
    String hash = r.path("hash").asText("").toLowerCase(Locale.ROOT);
    TxId id = TxId.parse(hash);
    BlockRef ref = ref(r, intField(r, "transactionIndex"));
    String contract = addr(r.path("contractAddress").asText("")).value();
    String symbol = TokenMetadata.sanitize(r.path("tokenSymbol").asText(""));
    int decimals = 0;
    String d = r.path("tokenDecimal").asText("");
    if (!d.isBlank()) {
      BigInteger v = Quantities.decimal(d, "tokenDecimal");
      decimals = v.compareTo(BigInteger.valueOf(77)) > 0 ? 0 : v.intValue();
    }
    int pos = r.has("logIndex") ? TOKEN_POSITION_BASE + intField(r, "logIndex")
        : TOKEN_POSITION_BASE + seq.merge(hash, 1, Integer::sum) - 1;
    put(out, new Transfer(id, ref, pos, addr(r.path("from").asText("")), addr(r.path("to").asText("")),
        Asset.token(chain, contract, symbol, decimals), Quantities.decimal(r.path("value").asText(""), "value"),
        TransferKind.TOKEN, true));
  }

  private static void put(Map<String, Transfer> out, Transfer t) {
    out.putIfAbsent(key(t), t);
  }

  /**
   * {@code 0_1_1} → an int that sorts like the path (pre-order): 10 bits per level for the first
   * three levels; deeper levels share their ancestor's slot.
   */
  static int tracePosition(String traceId) {
    if (traceId.isBlank()) {
      return 0;
    }
    String[] parts = traceId.split("_");
    int p = 0;
    for (int i = 0; i < 3; i++) {
      int c = 0;
      if (i < parts.length) {
        try {
          c = Math.min(1022, Integer.parseInt(parts[i].trim())) + 1;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad traceId '" + Quantities.clip(traceId) + "'");
        }
      }
      p = (p << 10) | c;
    }
    return p;
  }

  private BlockRef ref(JsonNode r, int index) {
    long block = Quantities.decimalLong(r.path("blockNumber").asText(""), "blockNumber");
    long ts = Quantities.decimalLong(r.path("timeStamp").asText(""), "timeStamp");
    return BlockRef.of(block, Math.max(0, index), Instant.ofEpochSecond(ts));
  }

  private static int intField(JsonNode r, String f) {
    String v = r.path(f).asText("");
    return v.isBlank() ? 0 : (int) Math.min(Integer.MAX_VALUE, Quantities.decimalLong(v, f));
  }

  private Address addr(String a) {
    return Address.of(chain, a);
  }

  // --- paging, pacing, retries ------------------------------------------------------------------

  /** Every row of one action for one address, across pages and result windows, deduplicated. */
  private List<JsonNode> all(String action, Address address) {
    List<JsonNode> rows = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    long startBlock = 0;
    while (true) {
      int page = 1;
      long lastBlock = -1;
      boolean windowFull = false;
      while (true) {
        List<JsonNode> got = page(action, address, startBlock, page);
        for (JsonNode r : got) {
          if (seen.add(r.toString())) {
            rows.add(r);
          }
          lastBlock = Math.max(lastBlock, Quantities.decimalLong(r.path("blockNumber").asText(""), "blockNumber"));
        }
        if (got.size() < offset) {
          break;
        }
        if ((long) (page + 1) * offset > RESULT_WINDOW) {
          windowFull = true;
          break;
        }
        page++;
      }
      if (!windowFull) {
        break;
      }
      if (lastBlock <= startBlock) {
        throw new SourceException("etherscan: more than " + RESULT_WINDOW + " " + action + " results in block "
            + lastBlock + " for " + address.display() + "; the API cannot page through them");
      }
      // Start the next window at the last block seen: it may hold more rows than we got.
      startBlock = lastBlock;
    }
    rows.sort(Comparator.comparingLong(r -> Quantities.decimalLong(r.path("blockNumber").asText(""), "blockNumber")));
    return rows;
  }

  private List<JsonNode> page(String action, Address address, long startBlock, int page) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("module", "account");
    q.put("action", action);
    q.put("address", address.value());
    q.put("startblock", Long.toString(startBlock));
    q.put("endblock", "99999999999");
    q.put("page", Integer.toString(page));
    q.put("offset", Integer.toString(offset));
    q.put("sort", "asc");
    for (int attempt = 1; ; attempt++) {
      JsonNode body = get(q);
      String status = body.path("status").asText("");
      String message = body.path("message").asText("");
      JsonNode result = body.get("result");
      if ("1".equals(status) && result != null && result.isArray()) {
        List<JsonNode> out = new ArrayList<>(result.size());
        result.forEach(out::add);
        return out;
      }
      String text = result != null && result.isTextual() ? result.asText() : message;
      if ("0".equals(status) && result != null && result.isArray() && message.toLowerCase(Locale.ROOT).startsWith("no ")) {
        return List.of(); // "No transactions found" and friends
      }
      if (text.toLowerCase(Locale.ROOT).contains("rate limit") && attempt < attempts) {
        long wait = 1000L << Math.min(attempt - 1, 5);
        LOG.warn("{} is rate limiting ({}); retrying in {} ms", describe(), Quantities.clip(text), wait);
        sleep(wait);
        continue;
      }
      throw new SourceException("etherscan " + action + " for " + address.display() + " failed: "
          + Quantities.clip(scrub(text)));
    }
  }

  private JsonNode get(Map<String, String> q) {
    StringBuilder sb = new StringBuilder(base.toString());
    sb.append(base.getRawQuery() == null ? '?' : '&');
    q.forEach((k, v) -> sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
    if (apiKey != null) {
      sb.append("apikey=").append(URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    } else {
      sb.setLength(sb.length() - 1);
    }
    URI uri = URI.create(sb.toString());
    for (int attempt = 1; ; attempt++) {
      awaitSlot();
      try {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          if ((r.statusCode() == 429 || r.statusCode() >= 500) && attempt < attempts) {
            long hint = RetryAfter.millis(r.headers().firstValue("Retry-After").orElse(null), Instant.now());
            long wait = Math.max(hint, 1000L << Math.min(attempt - 1, 5));
            LOG.warn("{} answered HTTP {}; retrying in {} ms", describe(), r.statusCode(), wait);
            sleep(wait);
            continue;
          }
          if (r.statusCode() / 100 != 2) {
            throw new SourceException("etherscan: HTTP " + r.statusCode() + " from " + HttpRpcTransport.redact(base));
          }
          return JsonRpcClient.mapper().readTree(readCapped(in));
        }
      } catch (IOException e) {
        if (attempt < attempts) {
          long wait = 1000L << Math.min(attempt - 1, 5);
          // Said at WARN: the retries of a down server take ~15 s, which must not look like a hang.
          LOG.warn("{}: {}; retrying in {} ms", describe(), scrub(HttpRpcTransport.reason(e)), wait);
          sleep(wait);
          continue;
        }
        // The exception text of the JDK client can carry the URI, and the URI carries the key.
        throw new SourceException("etherscan: cannot read " + HttpRpcTransport.redact(base) + ": "
            + scrub(HttpRpcTransport.reason(e)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted");
      }
    }
  }

  private byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > maxBodyBytes) {
        throw new SourceException("etherscan: answer larger than " + maxBodyBytes + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Removes the key from any text that may echo it. */
  private String scrub(String s) {
    return apiKey == null ? s : s.replace(apiKey, "***");
  }

  private void awaitSlot() {
    long wait;
    synchronized (pace) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + minIntervalNanos;
      requests++;
      wait = slot - now;
    }
    if (wait > 0) {
      sleep(wait / 1_000_000);
    }
  }

  private void sleep(long millis) {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted");
    }
  }
}
