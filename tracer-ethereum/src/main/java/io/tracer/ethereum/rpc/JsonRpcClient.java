package io.tracer.ethereum.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.ethereum.internal.Quantities;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC 2.0 client that batches calls, sends batches concurrently within a limit, and retries
 * transient failures (connection errors, timeouts, HTTP 429/5xx, rate-limit error objects) with
 * exponential backoff and jitter, honouring {@code Retry-After}. Answers are matched to calls by
 * {@code id}, not by position. Thread-safe; {@link #close()} stops its worker threads.
 */
public final class JsonRpcClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcClient.class);

  /** A call to make: method and positional parameters (anything Jackson can write). */
  public record Call(String method, List<Object> params) {
    public Call {
      Objects.requireNonNull(method, "method");
      params = List.copyOf(params);
    }

    public static Call of(String method, Object... params) {
      return new Call(method, List.of(params));
    }
  }

  /** One answer: a result (possibly JSON null) or an error object. */
  public record Reply(JsonNode result, RpcError error) {
    public boolean isError() {
      return error != null;
    }
  }

  /** A JSON-RPC error object. */
  public record RpcError(int code, String message) {}

  private final RpcTransport transport;
  private final ObjectMapper json;
  private final int maxBatchSize;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final ExecutorService pool;
  private final Sleeper sleeper;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /** Waits between retries; replaced in tests so that they do not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private JsonRpcClient(Builder b) {
    this.transport = Objects.requireNonNull(b.transport, "transport");
    this.maxBatchSize = b.maxBatchSize;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.json = mapper();
    this.pool = Executors.newFixedThreadPool(b.concurrency, r -> {
      Thread t = new Thread(r, "tracer-eth-rpc");
      t.setDaemon(true);
      return t;
    });
  }

  /** The mapper used for answers: nesting deep enough for a 1024-frame call tree, no deeper. */
  public static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(2600)
        .maxNumberLength(100)
        .build());
    // As deep as reading: ReplayTransport writes back every answer it read (default 1000 levels).
    m.getFactory().setStreamWriteConstraints(StreamWriteConstraints.builder()
        .maxNestingDepth(2600)
        .build());
    return m;
  }

  public static Builder builder(RpcTransport transport) {
    return new Builder(transport);
  }

  /** Options for a {@link JsonRpcClient}. */
  public static final class Builder {
    private final RpcTransport transport;
    private int maxBatchSize = 100;
    private int concurrency = 4;
    private int maxAttempts = 5;
    private Duration baseBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Sleeper sleeper = Thread::sleep;

    private Builder(RpcTransport transport) {
      this.transport = transport;
    }

    /** Calls per HTTP request; 1 sends every call on its own (no batching). */
    public Builder maxBatchSize(int n) {
      if (n < 1 || n > 10_000) {
        throw new IllegalArgumentException("batch size must be 1..10000: " + n);
      }
      this.maxBatchSize = n;
      return this;
    }

    /** HTTP requests in flight at once. */
    public Builder concurrency(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("concurrency must be 1..64: " + n);
      }
      this.concurrency = n;
      return this;
    }

    /** Tries per request, the first included. */
    public Builder maxAttempts(int n) {
      if (n < 1 || n > 20) {
        throw new IllegalArgumentException("attempts must be 1..20: " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    public Builder backoff(Duration base, Duration max) {
      if (base.isNegative() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("backoff: need 0 <= base <= max");
      }
      this.baseBackoff = base;
      this.maxBackoff = max;
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s);
      return this;
    }

    public JsonRpcClient build() {
      return new JsonRpcClient(this);
    }
  }

  /**
   * One call; its result, which may be JSON null.
   *
   * @throws EthRpcException if the node answers with an error (classified by {@link #classify})
   */
  public JsonNode call(String method, Object... params) {
    Reply r = batch(List.of(Call.of(method, params))).get(0);
    if (r.isError()) {
      throw toException(method, r.error());
    }
    return r.result();
  }

  /**
   * Every call, batched by {@code maxBatchSize} and sent with bounded concurrency; the replies in
   * call order. Error objects for single calls are returned, not thrown: the caller knows which
   * are fatal.
   *
   * @throws EthRpcException when a request fails after every retry or the answer is malformed
   */
  public List<Reply> batch(List<Call> list) {
    return batch(list, maxBatchSize);
  }

  /** Like {@link #batch(List)} with at most {@code perRequest} calls (capped by the batch size). */
  public List<Reply> batch(List<Call> list, int perRequest) {
    if (list.isEmpty()) {
      return List.of();
    }
    int per = Math.max(1, Math.min(perRequest, maxBatchSize));
    List<List<Call>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += per) {
      chunks.add(list.subList(i, Math.min(list.size(), i + per)));
    }
    if (chunks.size() == 1) {
      return send(chunks.get(0));
    }
    List<Future<List<Reply>>> futures = new ArrayList<>(chunks.size());
    for (List<Call> c : chunks) {
      futures.add(pool.submit(() -> send(c)));
    }
    List<Reply> out = new ArrayList<>(list.size());
    try {
      for (Future<List<Reply>> f : futures) {
        out.addAll(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new EthRpcException(EthRpcException.Reason.TRANSPORT, "interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new EthRpcException(EthRpcException.Reason.TRANSPORT, String.valueOf(c.getMessage()), c);
    }
    return out;
  }

  /** One HTTP request for {@code chunk}, retried as needed. */
  private List<Reply> send(List<Call> chunk) {
    boolean single = chunk.size() == 1;
    long firstId = ids.getAndAdd(chunk.size());
    byte[] body = encode(chunk, firstId, single);
    calls.addAndGet(chunk.size());
    for (int attempt = 1; ; attempt++) {
      long waitHint = -1;
      String why;
      try {
        roundTrips.incrementAndGet();
        byte[] answer = transport.post(body);
        List<Reply> replies = decode(answer, chunk, firstId, single);
        RpcError transient_ = firstTransient(replies);
        if (transient_ == null) {
          return replies;
        }
        why = "node is rate limiting (" + transient_.code() + " " + Quantities.clip(transient_.message()) + ")";
      } catch (RpcTransport.TransportException e) {
        why = e.getMessage();
        waitHint = e.retryAfterMillis();
      }
      if (attempt >= maxAttempts) {
        throw new EthRpcException(EthRpcException.Reason.TRANSPORT,
            "giving up after " + attempt + " attempts: " + why);
      }
      long wait = Math.max(waitHint, backoff(attempt));
      retries.incrementAndGet();
      LOG.debug("JSON-RPC retry {} of {} in {} ms: {}", attempt, maxAttempts - 1, wait, why);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EthRpcException(EthRpcException.Reason.TRANSPORT, "interrupted while backing off", e);
      }
    }
  }

  private long backoff(int attempt) {
    long base = baseBackoff.toMillis();
    long exp = base << Math.min(attempt - 1, 20);
    long capped = Math.min(exp, maxBackoff.toMillis());
    // Full jitter on the upper half: concurrent workers do not retry in lock step.
    return capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
  }

  private byte[] encode(List<Call> chunk, long firstId, boolean single) {
    try {
      if (single) {
        return json.writeValueAsBytes(request(chunk.get(0), firstId));
      }
      ArrayNode arr = json.createArrayNode();
      for (int i = 0; i < chunk.size(); i++) {
        arr.add(request(chunk.get(i), firstId + i));
      }
      return json.writeValueAsBytes(arr);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode JSON-RPC parameters: " + e.getOriginalMessage(), e);
    }
  }

  private ObjectNode request(Call c, long id) {
    ObjectNode o = json.createObjectNode();
    o.put("jsonrpc", "2.0");
    o.put("id", id);
    o.put("method", c.method());
    o.set("params", json.valueToTree(c.params()));
    return o;
  }

  private List<Reply> decode(byte[] answer, List<Call> chunk, long firstId, boolean single) {
    JsonNode root;
    try {
      root = json.readTree(answer);
    } catch (IOException e) {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
          "answer from " + transport.describe() + " is not JSON: " + Quantities.clip(String.valueOf(e.getMessage())), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "empty answer from " + transport.describe());
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    if (root.isArray()) {
      for (JsonNode r : root) {
        if (r.has("id") && r.get("id").canConvertToLong()) {
          byId.put(r.get("id").asLong(), r);
        }
      }
    } else if (root.isObject()) {
      JsonNode id = root.get("id");
      if (!single && (id == null || id.isNull()) && root.has("error")) {
        // The node refused the whole batch (e.g. "batch too large"): every call gets that error.
        RpcError err = error(root.get("error"));
        List<Reply> all = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          all.add(new Reply(null, err));
        }
        return all;
      }
      if (id != null && id.canConvertToLong()) {
        byId.put(id.asLong(), root);
      } else if (single && root.has("error")) {
        byId.put(firstId, root);
      }
    } else {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "answer is neither an object nor an array");
    }
    List<Reply> out = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      JsonNode r = byId.get(firstId + i);
      if (r == null) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
            "no answer for " + chunk.get(i).method() + " (id " + (firstId + i) + ") in the batch");
      }
      if (r.hasNonNull("error")) {
        out.add(new Reply(null, error(r.get("error"))));
      } else if (!r.has("result")) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
            "answer for " + chunk.get(i).method() + " has neither result nor error");
      } else {
        JsonNode res = r.get("result");
        out.add(new Reply(res == null ? NullNode.getInstance() : res, null));
      }
    }
    return out;
  }

  private static RpcError error(JsonNode e) {
    int code = e.path("code").asInt(0);
    String msg = e.isTextual() ? e.asText() : e.path("message").asText("");
    return new RpcError(code, Quantities.clip(msg));
  }

  private static RpcError firstTransient(List<Reply> replies) {
    for (Reply r : replies) {
      if (r.isError() && isTransient(r.error())) {
        return r.error();
      }
    }
    return null;
  }

  /** Rate limits and overload: worth a retry after a pause. */
  static boolean isTransient(RpcError e) {
    String m = e.message().toLowerCase(Locale.ROOT);
    // -32005 means "limit exceeded" to some providers and "query returned more than 10000 results"
    // to others (Infura): the second is about the request's size, and retrying it changes nothing.
    boolean sizeLimit = m.contains("more than") || m.contains("results") || m.contains("range");
    if (sizeLimit) {
      return false;
    }
    return e.code() == -32005 || e.code() == 429 || m.contains("rate limit") || m.contains("too many requests")
        || m.contains("limit exceeded") || m.contains("try again");
  }

  /** Turns an error object into the exception that says what it means. */
  public static EthRpcException toException(String method, RpcError e) {
    return new EthRpcException(classify(e), e.code(),
        method + " failed: " + e.message() + " (code " + e.code() + ")", null);
  }

  /** What an error object means, from its code and the wording the common nodes use. */
  public static EthRpcException.Reason classify(RpcError e) {
    String m = e.message().toLowerCase(Locale.ROOT);
    if (m.contains("missing trie node") || m.contains("pruned") || m.contains("historical state")
        || m.contains("state is not available") || m.contains("required historical state")) {
      return EthRpcException.Reason.PRUNED_STATE;
    }
    if (e.code() == -32601 || m.contains("method not found") || m.contains("does not exist")
        || m.contains("not supported") || m.contains("not available") || m.contains("only supports the default tracer")
        || m.contains("unsupported")) {
      return EthRpcException.Reason.METHOD_NOT_SUPPORTED;
    }
    return EthRpcException.Reason.RPC_ERROR;
  }

  /** HTTP requests sent so far, retries included. */
  public long roundTrips() {
    return roundTrips.get();
  }

  /** JSON-RPC calls sent so far (each counted once, however it was batched or retried). */
  public long calls() {
    return calls.get();
  }

  /** Retries made so far. */
  public long retries() {
    return retries.get();
  }

  public String describe() {
    return transport.describe();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    transport.close();
  }
}
