package io.tracer.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import io.tracer.ethereum.internal.LogDecoder;
import io.tracer.ethereum.internal.Quantities;
import io.tracer.ethereum.internal.TokenMetadata;
import io.tracer.ethereum.internal.TransferIndex;
import io.tracer.ethereum.rpc.JsonRpcClient.Call;
import io.tracer.ethereum.rpc.JsonRpcClient.Reply;
import io.tracer.ethereum.trace.CallTracerParser;
import io.tracer.ethereum.trace.InternalCall;
import io.tracer.ethereum.trace.ParityTraceParser;
import io.tracer.ethereum.trace.StructLogParser;
import io.tracer.ethereum.trace.TraceFormatException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccountSource} over an Ethereum JSON-RPC node, for one block range. Opening it scans
 * the range: blocks with transactions, receipts (status, gas used, effective gas price, logs),
 * traces for internal ETH transfers, token metadata, and beacon withdrawals. It then answers from
 * an in-memory index. The index is published only when the whole range was read, so a failure
 * (RPC error, reorganisation, hostile answer) leaves nothing half-loaded.
 *
 * <p>What a transaction yields, in {@link Transfer#ORDER} (position in brackets):
 *
 * <ul>
 *   <li>[−1] NATIVE: its value from sender to receiver (to the new contract for a creation); kept
 *       even when zero, so the transaction shows in both histories.
 *   <li>[0…] INTERNAL: every value-moving CALL/CREATE/SELFDESTRUCT inside it with value > 0, in
 *       execution order, then TOKEN/NFT transfers from its logs, in log order.
 *   <li>[{@link Transfer#FEE_POSITION}] FEE: gasUsed × effectiveGasPrice (plus blob gas) to
 *       {@link Address#feeSink}.
 * </ul>
 *
 * A failed transaction keeps its NATIVE and INTERNAL entries with {@code success=false} (they move
 * nothing) and pays its fee. Withdrawals and block rewards belong to no transaction: their {@code
 * txId} is the block hash and they sort after the block's transactions.
 *
 * <p>Thread-safe once built.
 */
public final class EthRpcSource implements AccountSource {
  private static final Logger LOG = LoggerFactory.getLogger(EthRpcSource.class);
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  /** Gas of a value transfer that runs no code. */
  private static final BigInteger PLAIN_TRANSFER_GAS = BigInteger.valueOf(21_000);

  private final Chain chain;
  private final JsonRpcClient rpc;
  private final long fromBlock;
  private final long toBlock;
  private final int blockWindow;
  private final int traceBatchSize;
  private final TraceMode traceMode;
  private final List<String> missing;
  private final Set<Address> contracts;
  private final List<Approval> approvals;
  private final List<Delegation> delegations;
  private final TransferIndex index;
  private final Map<String, Asset> tokens;
  private final Stats stats;

  /** An ERC-20 approval seen in the range (for the self-authorization heuristic). */
  public record Approval(TxId txId, BlockRef block, Address token, Address owner, Address spender, BigInteger amount) {}

  /**
   * An EIP-7702 authorization in a type-4 transaction: {@code authority} lets {@code delegate}'s
   * code run as its own. "Claimed": the node applies it only if the nonce still matches then.
   */
  public record Delegation(TxId txId, BlockRef block, Address authority, Address delegate, BigInteger chainId, BigInteger nonce) {}

  /** What the scan cost: blocks, transactions, HTTP round trips and JSON-RPC calls. */
  public record Stats(long blocks, long transactions, long transfers, long roundTrips, long calls, long retries, long millis) {
    public double roundTripsPerBlock() {
      return blocks == 0 ? 0 : (double) roundTrips / blocks;
    }
  }

  private EthRpcSource(Builder b, JsonRpcClient rpc) {
    this.chain = b.chain;
    this.rpc = rpc;
    this.blockWindow = b.blockWindow;
    this.traceBatchSize = b.traceBatchSize;
    long start = System.nanoTime();
    long head = b.toBlock >= 0 ? b.toBlock
        : fromNode(() -> Quantities.hexBlockNumber(rpc.call("eth_blockNumber").asText(null),
            "eth_blockNumber"));
    this.fromBlock = b.fromBlock;
    this.toBlock = head;
    if (toBlock < fromBlock) {
      throw new IllegalArgumentException("block range " + fromBlock + "-" + toBlock + " is empty");
    }
    // Not "to - from + 1 > max": the + 1 overflows for a range that ends at Long.MAX_VALUE.
    if (toBlock - fromBlock >= b.maxBlocks) {
      throw new IllegalArgumentException("range " + fromBlock + "-" + toBlock + " has more than " + b.maxBlocks
          + " blocks; give a narrower range (eth-rpc:URL#FROM-TO) or raise maxBlocks");
    }
    Scan scan = null;
    EthRpcException lastReorg = null;
    for (int attempt = 0; attempt <= b.reorgRestarts && scan == null; attempt++) {
      try {
        scan = new Scan(b.traceMode);
        scan.run();
      } catch (EthRpcException e) {
        if (e.reason() != EthRpcException.Reason.REORG) {
          throw e;
        }
        LOG.warn("chain reorganised during the scan, starting again: {}", e.getMessage());
        lastReorg = e;
        scan = null;
      }
    }
    if (scan == null) {
      throw lastReorg;
    }
    this.traceMode = scan.mode;
    this.missing = List.copyOf(scan.missing);
    this.contracts = Set.copyOf(scan.contracts);
    this.approvals = List.copyOf(scan.approvals);
    this.delegations = List.copyOf(scan.delegations);
    this.tokens = Map.copyOf(scan.tokenCache);
    this.index = TransferIndex.of(scan.transfers);
    this.stats = new Stats(toBlock - fromBlock + 1, scan.txCount, index.size(), rpc.roundTrips(), rpc.calls(),
        rpc.retries(), (System.nanoTime() - start) / 1_000_000);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options; {@link #build()} connects and scans. */
  public static final class Builder {
    private Chain chain = Chain.ETHEREUM;
    private URI url;
    private RpcTransport transport;
    private long fromBlock = 0;
    private long toBlock = -1;
    private long maxBlocks = 100_000;
    private int blockWindow = 25;
    private int batchSize = 100;
    private int traceBatchSize = 10;
    private int concurrency = 4;
    private int attempts = 5;
    private int reorgRestarts = 2;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration backoff = Duration.ofMillis(200);
    private long maxResponseBytes = 64L << 20;
    private Map<String, String> headers = Map.of();
    private TraceMode traceMode = TraceMode.AUTO;
    private JsonRpcClient.Sleeper sleeper;

    private Builder() {}

    public Builder chain(Chain c) {
      if (!c.isEvm()) {
        throw new IllegalArgumentException(c.id() + " is not an EVM chain");
      }
      this.chain = c;
      return this;
    }

    public Builder url(String u) {
      this.url = URI.create(u.trim());
      return this;
    }

    /** Uses this transport instead of HTTP (tests, other protocols). */
    public Builder transport(RpcTransport t) {
      this.transport = t;
      return this;
    }

    /** Inclusive range; {@code to} = -1 means the node's latest block. */
    public Builder range(long from, long to) {
      if (from < 0 || (to >= 0 && to < from)) {
        throw new IllegalArgumentException("bad block range " + from + "-" + to);
      }
      this.fromBlock = from;
      this.toBlock = to;
      return this;
    }

    public Builder maxBlocks(long n) {
      this.maxBlocks = n;
      return this;
    }

    /** Blocks fetched per round (their receipts and traces follow in the same round). */
    public Builder blockWindow(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("block window must be 1..1000");
      }
      this.blockWindow = n;
      return this;
    }

    /** JSON-RPC calls per HTTP request; 1 disables batching. */
    public Builder batchSize(int n) {
      this.batchSize = n;
      return this;
    }

    /** Trace calls per HTTP request: traces are large, so fewer than other calls. */
    public Builder traceBatchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("trace batch size must be >= 1");
      }
      this.traceBatchSize = n;
      return this;
    }

    public Builder concurrency(int n) {
      this.concurrency = n;
      return this;
    }

    public Builder attempts(int n) {
      this.attempts = n;
      return this;
    }

    public Builder reorgRestarts(int n) {
      this.reorgRestarts = n;
      return this;
    }

    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    public Builder backoff(Duration base) {
      this.backoff = base;
      return this;
    }

    public Builder sleeper(JsonRpcClient.Sleeper s) {
      this.sleeper = s;
      return this;
    }

    /** Largest answer accepted, in bytes (default 64 MiB). */
    public Builder maxResponseBytes(long n) {
      this.maxResponseBytes = n;
      return this;
    }

    /** Extra HTTP headers, e.g. an API key; values are never logged or described. */
    public Builder headers(Map<String, String> h) {
      this.headers = Map.copyOf(h);
      return this;
    }

    public Builder traceMode(TraceMode m) {
      this.traceMode = Objects.requireNonNull(m);
      return this;
    }

    /**
     * Connects, scans the range and returns the loaded source.
     *
     * @throws IllegalArgumentException for contradictory options
     * @throws EthRpcException when the node fails or answers nonsense
     */
    public EthRpcSource build() {
      if ((url == null) == (transport == null)) {
        throw new IllegalArgumentException("give exactly one of url and transport");
      }
      if (batchSize < traceBatchSize) {
        throw new IllegalArgumentException("trace batch size cannot exceed the batch size");
      }
      RpcTransport t = transport != null ? transport : new HttpRpcTransport(url, timeout, maxResponseBytes, headers);
      JsonRpcClient.Builder cb = JsonRpcClient.builder(t).maxBatchSize(batchSize).concurrency(concurrency)
          .maxAttempts(attempts).backoff(backoff, Duration.ofSeconds(10));
      if (sleeper != null) {
        cb.sleeper(sleeper);
      }
      JsonRpcClient client = cb.build();
      try {
        return new EthRpcSource(this, client);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The scan. Everything it gathers stays in this object until the whole range succeeded.

  private final class Scan {
    TraceMode mode;
    final List<String> missing = new ArrayList<>();
    final List<Transfer> transfers = new ArrayList<>();
    final Set<Address> contracts = new LinkedHashSet<>();
    final List<Approval> approvals = new ArrayList<>();
    final List<Delegation> delegations = new ArrayList<>();
    final Map<String, Asset> tokenCache = new ConcurrentHashMap<>();
    final Map<String, Boolean> hasCode = new HashMap<>();
    long txCount;
    String lastHash;

    Scan(TraceMode requested) {
      this.mode = requested;
    }

    void run() {
      if (mode == TraceMode.AUTO) {
        mode = probeBlockTracing();
      }
      for (long[] w : chunks(fromBlock, toBlock, blockWindow)) {
        window(w[0], w[1]);
      }
      confirmTail();
      // Still AUTO when no transaction in the range needed tracing: the node was not asked, and a
      // block read later on demand (transfers(tx) outside the range) probes then.
    }

    /**
     * Reads the last block's hash once more after everything else. Parent hashes chain the range
     * together and receipts name their block, but a reorganisation that replaces the last block
     * after it was read (the usual case when scanning up to the head) shows in neither: the
     * receipts, traces and logs read since may then belong to a fork that no longer exists.
     */
    private void confirmTail() {
      JsonNode again = result(rpc.batch(List.of(Call.of("eth_getBlockByNumber", Quantities.toHex(toBlock), false))).get(0),
          "eth_getBlockByNumber(" + toBlock + ")");
      String now = again.isNull() ? "none" : hash(again.path("hash").asText(""), "block hash");
      if (!now.equals(lastHash)) {
        throw new EthRpcException(EthRpcException.Reason.REORG, "chain reorganised during the scan: block " + toBlock
            + " is now " + Quantities.clip(now) + ", was " + lastHash);
      }
    }

    /** trace_block, then debug_traceBlockByNumber(callTracer); AUTO stays for per-tx probing. */
    private TraceMode probeBlockTracing() {
      String first = Quantities.toHex(fromBlock);
      List<Reply> r = rpc.batch(List.of(
          Call.of("trace_block", first),
          Call.of("debug_traceBlockByNumber", first, Map.of("tracer", "callTracer"))));
      if (!r.get(0).isError() && r.get(0).result().isArray()) {
        return TraceMode.PARITY;
      }
      if (!r.get(1).isError() && r.get(1).result().isArray()) {
        return TraceMode.CALL_TRACER_BLOCK;
      }
      for (Reply x : r) {
        if (x.isError() && JsonRpcClient.classify(x.error()) == EthRpcException.Reason.PRUNED_STATE) {
          throw JsonRpcClient.toException("tracing block " + fromBlock, x.error());
        }
      }
      LOG.info("{} offers neither trace_block nor debug_traceBlockByNumber; tracing per transaction", rpc.describe());
      return TraceMode.AUTO;
    }

    private void window(long a, long b) {
      List<Call> calls = new ArrayList<>();
      // Counted from a, not "n <= b": that never ends when b is Long.MAX_VALUE.
      for (long k = 0; k <= b - a; k++) {
        calls.add(Call.of("eth_getBlockByNumber", Quantities.toHex(a + k), true));
      }
      List<Reply> replies = rpc.batch(calls);
      List<Block> blocks = new ArrayList<>();
      for (int i = 0; i < replies.size(); i++) {
        long n = a + i;
        JsonNode blk = result(replies.get(i), "eth_getBlockByNumber(" + n + ")");
        if (blk.isNull()) {
          throw new EthRpcException(EthRpcException.Reason.NULL_RESULT,
              "block " + n + " not found: the node's head is below it, or it is not synced");
        }
        Block block = Block.parse(blk, n, chain);
        if (lastHash != null && !lastHash.equals(block.parentHash)) {
          throw new EthRpcException(EthRpcException.Reason.REORG,
              "chain reorganised at block " + n + ": its parent hash does not match block " + (n - 1));
        }
        lastHash = block.hash;
        blocks.add(block);
      }
      List<Tx> txs = new ArrayList<>();
      blocks.forEach(bl -> txs.addAll(bl.txs));
      txCount += txs.size();
      // Receipts.
      List<Call> rc = new ArrayList<>(txs.size());
      for (Tx t : txs) {
        rc.add(Call.of("eth_getTransactionReceipt", t.hash));
      }
      List<Reply> receipts = rpc.batch(rc);
      for (int i = 0; i < txs.size(); i++) {
        Tx t = txs.get(i);
        JsonNode r = result(receipts.get(i), "eth_getTransactionReceipt(" + t.hash + ")");
        if (r.isNull()) {
          throw new EthRpcException(EthRpcException.Reason.NULL_RESULT,
              "no receipt for tx " + t.hash + " in block " + t.block.height() + " (node not synced or chain reorganised)");
        }
        t.receipt(r);
      }
      Map<String, List<InternalCall>> internal = traces(blocks, txs);
      tokenMetadata(txs);
      Map<Long, Map<String, BigInteger>> destructed = selfdestructBalances(blocks, internal);
      for (Block bl : blocks) {
        running = destructed.getOrDefault(bl.number, Map.of()).isEmpty()
            ? null : new HashMap<>(destructed.get(bl.number));
        for (Tx t : bl.txs) {
          emit(t, internal.get(t.hash));
        }
        emitBlockLevel(bl, internal.get(ParityTraceParser.REWARDS + bl.number));
      }
      running = null;
    }

    /**
     * Balances, before the block, of contracts that SELFDESTRUCT in it without a known amount
     * (struct logs do not show it). {@link #emit} then follows each such balance through the
     * block's transfers, so the amount sent is the balance at that moment.
     */
    private Map<Long, Map<String, BigInteger>> selfdestructBalances(List<Block> blocks, Map<String, List<InternalCall>> internal) {
      Map<Long, Map<String, BigInteger>> out = new HashMap<>();
      List<Call> calls = new ArrayList<>();
      List<Object[]> keys = new ArrayList<>();
      for (Block bl : blocks) {
        for (Tx t : bl.txs) {
          for (InternalCall c : internal.getOrDefault(t.hash, List.of())) {
            if (c.type() == InternalCall.Type.SELFDESTRUCT && c.value() == null && bl.number > 0
                && !out.computeIfAbsent(bl.number, k -> new HashMap<>()).containsKey(c.from())) {
              out.get(bl.number).put(c.from(), BigInteger.ZERO);
              calls.add(Call.of("eth_getBalance", c.from(), Quantities.toHex(bl.number - 1)));
              keys.add(new Object[] {bl.number, c.from()});
            }
          }
        }
      }
      List<Reply> rs = rpc.batch(calls);
      for (int i = 0; i < rs.size(); i++) {
        long n = (Long) keys.get(i)[0];
        String a = (String) keys.get(i)[1];
        String what = "eth_getBalance(" + a + ", " + (n - 1) + ")";
        JsonNode v = result(rs.get(i), what);
        out.get(n).put(a, fromNode(() -> Quantities.hex(v.asText(null), what)));
      }
      return out;
    }

    /** Balances of self-destructing contracts while the current block is emitted, else null. */
    private Map<String, BigInteger> running;

    private void track(Transfer t) {
      if (running == null || !t.movesValue() || !t.asset().isNative()) {
        return;
      }
      running.computeIfPresent(t.from().value(), (k, v) -> v.subtract(t.amount()));
      running.computeIfPresent(t.to().value(), (k, v) -> v.add(t.amount()));
    }

    private void add(Transfer t) {
      transfers.add(t);
      track(t);
    }

    // --- traces ---------------------------------------------------------------------------------

    private Map<String, List<InternalCall>> traces(List<Block> blocks, List<Tx> txs) {
      Map<String, List<InternalCall>> out = new HashMap<>();
      if (mode == TraceMode.NONE) {
        return out;
      }
      if (mode == TraceMode.PARITY || mode == TraceMode.CALL_TRACER_BLOCK) {
        List<Call> calls = new ArrayList<>();
        for (Block bl : blocks) {
          calls.add(mode == TraceMode.PARITY
              ? Call.of("trace_block", Quantities.toHex(bl.number))
              : Call.of("debug_traceBlockByNumber", Quantities.toHex(bl.number), Map.of("tracer", "callTracer")));
        }
        List<Reply> rs = batchInGroups(calls);
        for (int i = 0; i < blocks.size(); i++) {
          Block bl = blocks.get(i);
          JsonNode res = result(rs.get(i), (mode == TraceMode.PARITY ? "trace_block(" : "debug_traceBlockByNumber(") + bl.number + ")");
          Map<String, List<InternalCall>> m = parseTrace(() -> mode == TraceMode.PARITY
              ? ParityTraceParser.parse(res) : CallTracerParser.parseBlock(res), bl.number);
          List<InternalCall> rewards = m.remove(ParityTraceParser.REWARDS);
          if (rewards != null) {
            out.put(ParityTraceParser.REWARDS + bl.number, rewards);
          }
          out.putAll(m);
        }
        return out;
      }
      List<Tx> traced = new ArrayList<>();
      List<Tx> unknownTargets = new ArrayList<>();
      for (Tx t : txs) {
        if (!t.success) {
          continue; // a failed transaction moved nothing internally
        }
        // Gas beyond the 21,000 of a plain transfer means code ran: the target had code then, even
        // if it has none now (self-destructed since), so eth_getCode("latest") would not know it.
        if (t.to == null || !t.input.equals("0x") || t.gasUsed.compareTo(PLAIN_TRANSFER_GAS) > 0) {
          traced.add(t);
        } else {
          unknownTargets.add(t);
        }
      }
      codeOf(unknownTargets);
      for (Tx t : unknownTargets) {
        if (Boolean.TRUE.equals(hasCode.get(t.to))) {
          traced.add(t);
        }
      }
      if (traced.isEmpty()) {
        return out;
      }
      if (mode == TraceMode.AUTO) {
        mode = probeTxTracing(traced.get(0));
        if (mode == TraceMode.NONE) {
          return out;
        }
      }
      List<Call> calls = new ArrayList<>();
      for (Tx t : traced) {
        calls.add(mode == TraceMode.CALL_TRACER
            ? Call.of("debug_traceTransaction", t.hash, Map.of("tracer", "callTracer"))
            : Call.of("debug_traceTransaction", t.hash, structLogOptions()));
      }
      List<Reply> rs = batchInGroups(calls);
      for (int i = 0; i < traced.size(); i++) {
        Tx t = traced.get(i);
        JsonNode res = result(rs.get(i), "debug_traceTransaction(" + t.hash + ")");
        String self = t.to != null ? t.to : t.created;
        List<InternalCall> calls1 = parseTrace(() -> Map.of("x", mode == TraceMode.CALL_TRACER
            ? CallTracerParser.parse(res)
            : StructLogParser.parse(res, self, t.success)), t.block.height()).get("x");
        out.put(t.hash, calls1);
      }
      return out;
    }

    private Map<String, List<InternalCall>> parseTrace(java.util.function.Supplier<Map<String, List<InternalCall>>> p, long block) {
      try {
        return new HashMap<>(p.get());
      } catch (TraceFormatException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "trace of block " + block + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "trace of block " + block + ": " + e.getMessage(), e);
      }
    }

    private Map<String, Object> structLogOptions() {
      return Map.of("disableMemory", true, "disableStorage", true, "enableMemory", false, "enableReturnData", false);
    }

    /** Asks for a callTracer trace of one transaction and looks at what comes back. */
    private TraceMode probeTxTracing(Tx t) {
      Reply r = rpc.batch(List.of(Call.of("debug_traceTransaction", t.hash, Map.of("tracer", "callTracer")))).get(0);
      if (!r.isError()) {
        JsonNode res = r.result();
        if (res.has("structLogs")) {
          LOG.info("{} ignores callTracer and answers with struct logs; reading internal calls from them", rpc.describe());
          return TraceMode.STRUCT_LOGS;
        }
        if (res.has("type")) {
          return TraceMode.CALL_TRACER;
        }
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "unrecognised debug_traceTransaction answer");
      }
      EthRpcException.Reason why = JsonRpcClient.classify(r.error());
      if (why == EthRpcException.Reason.PRUNED_STATE) {
        throw JsonRpcClient.toException("debug_traceTransaction(" + t.hash + ")", r.error());
      }
      Reply plain = rpc.batch(List.of(Call.of("debug_traceTransaction", t.hash, structLogOptions()))).get(0);
      if (!plain.isError() && plain.result().has("structLogs")) {
        return TraceMode.STRUCT_LOGS;
      }
      if (plain.isError() && JsonRpcClient.classify(plain.error()) == EthRpcException.Reason.PRUNED_STATE) {
        throw JsonRpcClient.toException("debug_traceTransaction(" + t.hash + ")", plain.error());
      }
      missing.add("internal ETH transfers: " + rpc.describe() + " offers no tracing (trace_block, "
          + "debug_traceBlockByNumber, debug_traceTransaction); value moved by contracts is not seen");
      LOG.warn("{}", missing.get(missing.size() - 1));
      return TraceMode.NONE;
    }

    private List<Reply> batchInGroups(List<Call> calls) {
      return batchTraces(calls);
    }

    private void codeOf(List<Tx> txs) {
      List<String> ask = new ArrayList<>();
      for (Tx t : txs) {
        if (!hasCode.containsKey(t.to) && !ask.contains(t.to)) {
          ask.add(t.to);
        }
      }
      if (ask.isEmpty()) {
        return;
      }
      List<Call> calls = new ArrayList<>();
      for (String a : ask) {
        calls.add(Call.of("eth_getCode", a, "latest"));
      }
      List<Reply> rs = rpc.batch(calls);
      for (int i = 0; i < ask.size(); i++) {
        JsonNode code = result(rs.get(i), "eth_getCode(" + ask.get(i) + ")");
        String c = code.asText("0x");
        hasCode.put(ask.get(i), c.length() > 2);
      }
    }

    // --- tokens ---------------------------------------------------------------------------------

    private void tokenMetadata(List<Tx> txs) {
      List<String> ask = new ArrayList<>();
      for (Tx t : txs) {
        for (LogDecoder.TokenEvent e : t.tokenEvents) {
          if (!tokenCache.containsKey(e.contract()) && !ask.contains(e.contract())) {
            ask.add(e.contract());
          }
        }
      }
      if (ask.isEmpty()) {
        return;
      }
      List<Call> calls = new ArrayList<>();
      for (String c : ask) {
        calls.add(Call.of("eth_call", Map.of("to", c, "data", TokenMetadata.SYMBOL_SELECTOR), "latest"));
        calls.add(Call.of("eth_call", Map.of("to", c, "data", TokenMetadata.DECIMALS_SELECTOR), "latest"));
      }
      List<Reply> rs = rpc.batch(calls);
      for (int i = 0; i < ask.size(); i++) {
        Reply s = rs.get(2 * i);
        Reply d = rs.get(2 * i + 1);
        // A contract without symbol() or decimals() reverts: that is an answer, not a failure.
        String symbol = s.isError() || !s.result().isTextual() ? TokenMetadata.UNKNOWN_SYMBOL : TokenMetadata.symbol(s.result().asText());
        int decimals = d.isError() || !d.result().isTextual() ? -1 : TokenMetadata.decimals(d.result().asText());
        if (decimals < 0) {
          decimals = 0;
        }
        tokenCache.put(ask.get(i), Asset.token(chain, ask.get(i), symbol, decimals));
      }
    }

    // --- transfers ------------------------------------------------------------------------------

    private void emit(Tx t, List<InternalCall> internal) {
      TxId id = TxId.parse(t.hash);
      Address from = addr(t.from);
      Address to;
      if (t.to != null) {
        to = addr(t.to);
      } else if (t.created != null) {
        to = addr(t.created);
        contracts.add(to);
      } else {
        to = Address.pseudo(chain, "create", "failed");
      }
      add(new Transfer(id, t.block, -1, from, to, Asset.nativeOf(chain), t.value, TransferKind.NATIVE, t.success));
      int pos = 0;
      if (internal != null) {
        for (InternalCall c : internal) {
          if (c.type().creates() && c.success() && c.to() != null) {
            contracts.add(addr(c.to()));
          }
          if (!c.type().transfersValue() || c.to() == null) {
            continue;
          }
          BigInteger value = c.value();
          if (value == null) {
            BigInteger bal = running == null ? null : running.get(c.from());
            if (bal == null || bal.signum() < 0) {
              missing.add("SELFDESTRUCT in tx " + t.hash + ": the amount sent to "
                  + Address.of(chain, c.to()).display() + " is unknown");
              continue;
            }
            value = bal;
          }
          if (value.signum() == 0) {
            continue;
          }
          add(new Transfer(id, t.block, pos++, addr(c.from()), addr(c.to()), Asset.nativeOf(chain),
              value, TransferKind.INTERNAL, c.success() && t.success));
        }
      }
      for (LogDecoder.TokenEvent e : t.tokenEvents) {
        Asset asset = tokenCache.get(e.contract());
        TransferKind kind = e.standard() == LogDecoder.Standard.ERC20 ? TransferKind.TOKEN : TransferKind.NFT;
        add(new Transfer(id, t.block, pos++, addr(e.from()), addr(e.to()), asset, e.amount(), kind, true));
      }
      for (String[] d : t.authorizations) {
        delegations.add(new Delegation(id, t.block, addr(d[0]), addr(d[1]), new BigInteger(d[2]), new BigInteger(d[3])));
      }
      for (LogDecoder.ApprovalEvent ap : t.approvalEvents) {
        approvals.add(new Approval(id, t.block, addr(ap.contract()), addr(ap.owner()), addr(ap.spender()), ap.amount()));
      }
      if (t.fee.signum() > 0) {
        add(new Transfer(id, t.block, Transfer.FEE_POSITION, from, Address.feeSink(chain),
            Asset.nativeOf(chain), t.fee, TransferKind.FEE, t.success));
      }
    }

    private void emitBlockLevel(Block bl, List<InternalCall> rewards) {
      TxId id = TxId.parse(bl.hash);
      BlockRef ref = BlockRef.of(bl.number, bl.txs.size(), bl.time);
      int pos = 0;
      Address beacon = Address.pseudo(chain, "beacon", "withdrawals");
      for (Withdrawal w : bl.withdrawals) {
        add(new Transfer(id, ref, pos++, beacon, addr(w.address), Asset.nativeOf(chain),
            w.gwei.multiply(GWEI), TransferKind.WITHDRAWAL, true));
      }
      if (rewards != null) {
        Address issuance = Address.pseudo(chain, "reward", "block");
        for (InternalCall r : rewards) {
          add(new Transfer(id, ref, pos++, issuance, addr(r.to()), Asset.nativeOf(chain), r.value(),
              TransferKind.REWARD, true));
        }
      }
    }

    private Address addr(String a) {
      try {
        return Address.of(chain, a);
      } catch (IllegalArgumentException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "bad address in node answer: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Splits {@code from..to} (inclusive, non-empty) into ranges of {@code size} blocks. Stops on
   * the last range instead of stepping past {@code to}, which would overflow near Long.MAX_VALUE.
   */
  static List<long[]> chunks(long from, long to, long size) {
    List<long[]> out = new ArrayList<>();
    for (long a = from; ; a += size) {
      long b = to - a < size ? to : a + size - 1;
      out.add(new long[] {a, b});
      if (b == to) {
        return out;
      }
    }
  }

  /** Parses part of a node answer: a number in it that breaks the rules is a bad response. */
  private static <T> T fromNode(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (Quantities.BadValueException e) {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, e.getMessage(), e);
    }
  }

  private static JsonNode result(Reply r, String what) {
    if (r.isError()) {
      throw JsonRpcClient.toException(what, r.error());
    }
    return r.result();
  }

  // ---------------------------------------------------------------------------------------------
  // Parsed node answers.

  private static final class Block {
    long number;
    String hash;
    String parentHash;
    Instant time;
    final List<Tx> txs = new ArrayList<>();
    final List<Withdrawal> withdrawals = new ArrayList<>();

    static Block parse(JsonNode j, long expected, Chain chain) {
      try {
        Block b = new Block();
        b.number = Quantities.hexLong(j.path("number").asText(null), "block number");
        if (b.number != expected) {
          throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "asked for block " + expected + ", got " + b.number);
        }
        b.hash = hash(j.path("hash").asText(""), "block hash");
        b.parentHash = hash(j.path("parentHash").asText(""), "parent hash");
        b.time = Quantities.blockTime(
            Quantities.hexLong(j.path("timestamp").asText(null), "block timestamp"), "block timestamp");
        JsonNode txs = j.path("transactions");
        int i = 0;
        for (JsonNode t : txs) {
          if (!t.isObject()) {
            throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
                "block " + expected + " lists transaction hashes, not objects (eth_getBlockByNumber needs true)");
          }
          b.txs.add(Tx.parse(t, b, i++));
        }
        for (JsonNode w : j.path("withdrawals")) {
          b.withdrawals.add(new Withdrawal(address(w.path("address").asText("")),
              Quantities.hex(w.path("amount").asText(null), "withdrawal amount")));
        }
        return b;
      } catch (Quantities.BadValueException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "block " + expected + ": " + e.getMessage(), e);
      }
    }
  }

  private record Withdrawal(String address, BigInteger gwei) {}

  private static final class Tx {
    String hash;
    String from;
    String to;
    BigInteger value;
    String input;
    BigInteger gasPrice;
    BlockRef block;
    String blockHash;
    boolean success = true;
    String created;
    BigInteger fee = BigInteger.ZERO;
    BigInteger gasUsed = BigInteger.ZERO;
    final List<LogDecoder.TokenEvent> tokenEvents = new ArrayList<>();
    final List<LogDecoder.ApprovalEvent> approvalEvents = new ArrayList<>();
    /** EIP-7702: {authority, delegate, chainId, nonce} per valid authorization. */
    final List<String[]> authorizations = new ArrayList<>();

    static Tx parse(JsonNode j, Block b, int i) {
      Tx t = new Tx();
      t.hash = hash(j.path("hash").asText(""), "tx hash");
      String what = "tx " + t.hash;
      t.from = address(j.path("from").asText(""));
      t.to = j.hasNonNull("to") ? address(j.get("to").asText()) : null;
      t.value = Quantities.hex(j.path("value").asText(null), "value of " + what);
      t.input = j.path("input").asText("0x").toLowerCase(Locale.ROOT);
      t.gasPrice = j.hasNonNull("gasPrice") ? Quantities.hex(j.get("gasPrice").asText(), "gasPrice of " + what) : BigInteger.ZERO;
      long index = j.hasNonNull("transactionIndex") ? Quantities.hexLong(j.get("transactionIndex").asText(), "index of " + what) : i;
      if (index != i) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, what + " claims index " + index + " but is at " + i);
      }
      t.blockHash = b.hash;
      t.block = BlockRef.of(b.number, i, b.time);
      for (JsonNode a : j.path("authorizationList")) {
        BigInteger chainId = Quantities.hex(a.path("chainId").asText(null), "authorization chainId of " + what);
        String delegate = address(a.path("address").asText(""));
        BigInteger nonce = Quantities.hex(a.path("nonce").asText(null), "authorization nonce of " + what);
        BigInteger y = Quantities.hex(a.path("yParity").asText(a.path("v").asText(null)), "authorization yParity of " + what);
        BigInteger r = Quantities.hex(a.path("r").asText(null), "authorization r of " + what);
        BigInteger sv = Quantities.hex(a.path("s").asText(null), "authorization s of " + what);
        io.tracer.ethereum.internal.Authorizations.authority(chainId, delegate, nonce, y, r, sv)
            .ifPresent(auth -> t.authorizations.add(new String[] {auth, delegate, chainId.toString(), nonce.toString()}));
      }
      return t;
    }

    void receipt(JsonNode r) {
      String what = "receipt of tx " + hash;
      try {
        if (!hash(r.path("transactionHash").asText(""), what).equals(hash)) {
          throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, what + " is for another transaction");
        }
        String bh = r.path("blockHash").asText("").toLowerCase(Locale.ROOT);
        if (!bh.equals(blockHash)) {
          throw new EthRpcException(EthRpcException.Reason.REORG,
              "tx " + hash + " is now in block " + Quantities.clip(bh) + ", not " + blockHash + ": chain reorganised");
        }
        if (r.hasNonNull("status")) {
          success = Quantities.hex(r.get("status").asText(), what + " status").signum() != 0;
        }
        if (r.hasNonNull("contractAddress")) {
          created = address(r.get("contractAddress").asText());
        }
        gasUsed = Quantities.hex(r.path("gasUsed").asText(null), what + " gasUsed");
        BigInteger price = r.hasNonNull("effectiveGasPrice")
            ? Quantities.hex(r.get("effectiveGasPrice").asText(), what + " effectiveGasPrice") : gasPrice;
        fee = gasUsed.multiply(price);
        if (r.hasNonNull("blobGasUsed") && r.hasNonNull("blobGasPrice")) {
          fee = fee.add(Quantities.hex(r.get("blobGasUsed").asText(), what + " blobGasUsed")
              .multiply(Quantities.hex(r.get("blobGasPrice").asText(), what + " blobGasPrice")));
        }
        Quantities.requireWord(fee, what + " fee");
        if (success) {
          for (JsonNode log : r.path("logs")) {
            if (log.path("removed").asBoolean(false)) {
              continue;
            }
            String contract = address(log.path("address").asText(""));
            List<String> topics = new ArrayList<>();
            for (JsonNode tp : log.path("topics")) {
              topics.add(tp.asText(""));
            }
            String data = log.path("data").asText("0x");
            tokenEvents.addAll(LogDecoder.tokenEvents(contract, topics, data));
            LogDecoder.ApprovalEvent ap = LogDecoder.approval(contract, topics, data);
            if (ap != null) {
              approvalEvents.add(ap);
            }
          }
        }
      } catch (Quantities.BadValueException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, e.getMessage(), e);
      }
    }
  }

  private static String hash(String h, String what) {
    String l = h.toLowerCase(Locale.ROOT);
    if (!l.matches("0x[0-9a-f]{64}")) {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, what + " is not a 32-byte hash: '" + Quantities.clip(h) + "'");
    }
    return l;
  }

  private static String address(String a) {
    String l = a.toLowerCase(Locale.ROOT);
    if (!l.matches("0x[0-9a-f]{40}")) {
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "not an address: '" + Quantities.clip(a) + "'");
    }
    return l;
  }

  // ---------------------------------------------------------------------------------------------
  // Token history by eth_getLogs, for addresses outside the scanned range.

  /** A node refuses to answer getLogs for a range this big; split it and ask again. */
  private static boolean tooManyLogs(JsonRpcClient.RpcError e) {
    String m = e.message().toLowerCase(Locale.ROOT);
    return m.contains("more than") || m.contains("too many") || m.contains("range") || m.contains("limit")
        || e.code() == -32005;
  }

  /**
   * ERC-20, ERC-721 and ERC-1155 transfers into or out of {@code address} between two blocks
   * (inclusive), read with {@code eth_getLogs} (topic filters on {@code Transfer}, {@code
   * TransferSingle} and {@code TransferBatch}, both directions: four filters per chunk) in chunks
   * of {@code chunkBlocks}; a chunk the node refuses as too large is split in half until it passes.
   * Independent of the scanned range.
   *
   * @throws EthRpcException when the node fails
   */
  public List<Transfer> tokenHistory(Address address, long from, long to, long chunkBlocks) {
    if (from < 0 || to < from || chunkBlocks < 1) {
      throw new IllegalArgumentException("bad block range " + from + "-" + to + " or chunk " + chunkBlocks);
    }
    String topic = "0x" + "0".repeat(24) + address.value().substring(2);
    List<JsonNode> logs = new ArrayList<>();
    java.util.ArrayDeque<long[]> todo = new java.util.ArrayDeque<>();
    todo.addAll(chunks(from, to, chunkBlocks));
    while (!todo.isEmpty()) {
      List<long[]> ranges = new ArrayList<>(todo);
      todo.clear();
      List<Call> calls = new ArrayList<>();
      List<List<Object>> filters = historyTopicFilters(topic);
      for (long[] r : ranges) {
        for (List<Object> f : filters) {
          calls.add(Call.of("eth_getLogs", filter(r, f)));
        }
      }
      List<Reply> replies = rpc.batch(calls);
      int per = filters.size();
      for (int i = 0; i < ranges.size(); i++) {
        long[] r = ranges.get(i);
        for (Reply rep : replies.subList(per * i, per * (i + 1))) {
          if (rep.isError() && tooManyLogs(rep.error()) && r[1] > r[0]) {
            long mid = r[0] + (r[1] - r[0]) / 2;
            todo.add(new long[] {r[0], mid});
            todo.add(new long[] {mid + 1, r[1]});
            break;
          }
          result(rep, "eth_getLogs(" + r[0] + "-" + r[1] + ")").forEach(logs::add);
        }
      }
    }
    // Block times, then token metadata, then transfers; a log seen twice (self-transfer) once.
    java.util.TreeSet<Long> blocks = new java.util.TreeSet<>();
    for (JsonNode l : logs) {
      blocks.add(fromNode(() -> Quantities.hexBlockNumber(l.path("blockNumber").asText(null),
          "eth_getLogs blockNumber")));
    }
    Map<Long, Instant> times = blockTimes(blocks);
    Map<String, Transfer> out = new java.util.TreeMap<>();
    Scan meta = new Scan(TraceMode.NONE);
    meta.tokenCache.putAll(tokens);
    for (JsonNode l : logs) {
      if (l.path("removed").asBoolean(false)) {
        continue;
      }
      String contract = address(l.path("address").asText(""));
      List<String> topics = new ArrayList<>();
      l.path("topics").forEach(t -> topics.add(t.asText("")));
      for (LogDecoder.TokenEvent e : LogDecoder.tokenEvents(contract, topics, l.path("data").asText("0x"))) {
        long n = fromNode(() -> Quantities.hexBlockNumber(l.path("blockNumber").asText(null),
            "eth_getLogs blockNumber"));
        int txi = fromNode(() -> Quantities.hexInt(l.path("transactionIndex").asText(null),
            "eth_getLogs transactionIndex"));
        int li = fromNode(() -> Quantities.hexInt(l.path("logIndex").asText(null), "eth_getLogs logIndex"));
        String h = hash(l.path("transactionHash").asText(""), "log transactionHash");
        Asset asset = meta.tokenCache.get(e.contract());
        if (asset == null) {
          Tx fake = new Tx();
          fake.tokenEvents.add(e);
          meta.tokenMetadata(List.of(fake));
          asset = meta.tokenCache.get(e.contract());
        }
        Transfer t = new Transfer(TxId.parse(h), BlockRef.of(n, txi, times.get(n)), li,
            Address.of(chain, e.from()), Address.of(chain, e.to()), asset, e.amount(),
            e.standard() == LogDecoder.Standard.ERC20 ? TransferKind.TOKEN : TransferKind.NFT, true);
        out.put(String.format("%020d/%010d/%010d/%s", n, txi, li, e.tokenId()), t);
      }
    }
    return List.copyOf(out.values());
  }

  /** Traces asked for per {@code trace_filter} page ({@code count}); fuller pages ask again ({@code after}). */
  static final int TRACE_FILTER_PAGE = 1000;

  /**
   * Internal ETH transfers (value-moving calls, creations and self-destructs inside transactions)
   * into or out of {@code address} between two blocks (inclusive), for addresses outside the
   * scanned range. Read with {@code trace_filter} ({@code fromAddress}, then {@code toAddress}; in
   * chunks of {@code chunkBlocks}, paged by {@code after}/{@code count}, a chunk refused as too
   * large split in half), then {@code trace_transaction} for every transaction found: a trace
   * whose caller reverted carries no error of its own, so only the whole transaction tells whether
   * the value really moved. Positions and success match what a scan of the same blocks gives.
   * Block rewards are not included.
   *
   * @throws EthRpcException with {@link EthRpcException.Reason#METHOD_NOT_SUPPORTED} and a message
   *     saying what to use instead when the node has no {@code trace_filter} (geth, ganache,
   *     hardhat); other failures as for the scan
   */
  public List<Transfer> internalHistory(Address address, long from, long to, long chunkBlocks) {
    return internalHistory(address, from, to, chunkBlocks, TRACE_FILTER_PAGE);
  }

  /** {@link #internalHistory(Address, long, long, long)} with {@code pageSize} traces per page. */
  List<Transfer> internalHistory(Address address, long from, long to, long chunkBlocks, int pageSize) {
    if (from < 0 || to < from || chunkBlocks < 1 || pageSize < 1) {
      throw new IllegalArgumentException("bad block range " + from + "-" + to + " or chunk " + chunkBlocks);
    }
    String a = address.value();
    // 1. Which transactions have a trace from or to the address: tx hash -> {block, position}.
    Map<String, long[]> txs = new java.util.TreeMap<>();
    java.util.ArrayDeque<long[]> todo = new java.util.ArrayDeque<>();
    for (long[] c : chunks(from, to, chunkBlocks)) {
      for (int side = 0; side < 2; side++) {
        todo.add(new long[] {c[0], c[1], side, 0});
      }
    }
    while (!todo.isEmpty()) {
      List<long[]> asks = new ArrayList<>(todo);
      todo.clear();
      List<Call> calls = new ArrayList<>();
      for (long[] q : asks) {
        Map<String, Object> f = new HashMap<>();
        f.put("fromBlock", Quantities.toHex(q[0]));
        f.put("toBlock", Quantities.toHex(q[1]));
        f.put(q[2] == 0 ? "fromAddress" : "toAddress", List.of(a));
        f.put("after", q[3]);
        f.put("count", pageSize);
        calls.add(Call.of("trace_filter", f));
      }
      List<Reply> replies = batchTraces(calls);
      for (int i = 0; i < asks.size(); i++) {
        long[] q = asks.get(i);
        Reply rep = replies.get(i);
        if (rep.isError() && JsonRpcClient.classify(rep.error()) == EthRpcException.Reason.METHOD_NOT_SUPPORTED) {
          throw new EthRpcException(EthRpcException.Reason.METHOD_NOT_SUPPORTED, rep.error().code(), rpc.describe()
              + " offers no trace_filter (Erigon, Nethermind and Reth do): internal transfers of " + address.display()
              + " outside the scanned blocks cannot be read from this node; scan their blocks (eth-rpc:URL#FROM-TO) "
              + "or use the etherscan source (txlistinternal)", null);
        }
        if (rep.isError() && tooManyLogs(rep.error()) && q[1] > q[0] && q[3] == 0) {
          long mid = q[0] + (q[1] - q[0]) / 2;
          todo.add(new long[] {q[0], mid, q[2], 0});
          todo.add(new long[] {mid + 1, q[1], q[2], 0});
          continue;
        }
        JsonNode page = result(rep, "trace_filter(" + q[0] + "-" + q[1] + ")");
        if (!page.isArray()) {
          throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "trace_filter answer is not a list of traces");
        }
        for (JsonNode t : page) {
          if (!t.hasNonNull("transactionHash") || t.path("traceAddress").isEmpty()) {
            continue; // block rewards, and the transactions' own top-level calls (not internal)
          }
          String h = hash(t.get("transactionHash").asText(""), "trace_filter transactionHash");
          long n = fromNode(() -> Quantities.hexBlockNumber(quantity(t.path("blockNumber")),
              "trace_filter blockNumber"));
          long p = fromNode(() -> Quantities.hexInt(quantity(t.path("transactionPosition")),
              "trace_filter transactionPosition"));
          if (n < q[0] || n > q[1]) {
            throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
                "trace_filter for blocks " + q[0] + "-" + q[1] + " answered a trace of block " + n);
          }
          txs.putIfAbsent(h, new long[] {n, p});
        }
        if (page.size() >= pageSize) {
          todo.add(new long[] {q[0], q[1], q[2], q[3] + pageSize});
        }
      }
    }
    if (txs.isEmpty()) {
      return List.of();
    }
    // 2. Whole transactions, for the effective success of each call and the scan's numbering.
    List<String> hashes = new ArrayList<>(txs.keySet());
    List<Call> tc = new ArrayList<>();
    hashes.forEach(h -> tc.add(Call.of("trace_transaction", h)));
    List<Reply> traces = batchTraces(tc);
    java.util.TreeSet<Long> blocks = new java.util.TreeSet<>();
    txs.values().forEach(v -> blocks.add(v[0]));
    Map<Long, Instant> times = blockTimes(blocks);
    Map<String, Transfer> out = new java.util.TreeMap<>();
    for (int i = 0; i < hashes.size(); i++) {
      String h = hashes.get(i);
      long[] where = txs.get(h);
      JsonNode res = result(traces.get(i), "trace_transaction(" + h + ")");
      List<InternalCall> calls;
      try {
        calls = ParityTraceParser.parse(res).getOrDefault(h, List.of());
      } catch (TraceFormatException | IllegalArgumentException e) {
        throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE, "trace of tx " + h + ": " + e.getMessage(), e);
      }
      BlockRef ref = BlockRef.of(where[0], (int) where[1], times.get(where[0])); // an int when read
      int pos = 0;
      for (InternalCall c : calls) {
        if (!c.type().transfersValue() || c.to() == null || c.value() == null || c.value().signum() == 0) {
          continue;
        }
        int position = pos++;
        if (c.from().equals(a) || c.to().equals(a)) {
          Transfer t = new Transfer(TxId.parse(h), ref, position, Address.of(chain, c.from()), Address.of(chain, c.to()),
              Asset.nativeOf(chain), c.value(), TransferKind.INTERNAL, c.success());
          out.put(String.format("%020d/%010d/%010d", where[0], where[1], position), t);
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** trace_* answers give numbers as hex strings or as JSON numbers, depending on the client. */
  private static String quantity(JsonNode n) {
    // Not asLong(): it cuts 2^64 + 1 to 1 and 1.5 to 1. Other numbers fail the hex parse.
    if (n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0) {
      return "0x" + n.bigIntegerValue().toString(16);
    }
    return n.asText(null);
  }

  /** Trace calls, fewer per request than other calls because traces are large. */
  private List<Reply> batchTraces(List<Call> calls) {
    try {
      return rpc.batch(calls, traceBatchSize);
    } catch (EthRpcException e) {
      if (e.reason() != EthRpcException.Reason.TOO_LARGE || traceBatchSize == 1) {
        throw e;
      }
      // Several big traces together passed the cap: one trace per request may still fit.
      LOG.info("trace batch larger than the answer cap; asking one trace per request");
      return rpc.batch(calls, 1);
    }
  }

  private Map<Long, Instant> blockTimes(java.util.SortedSet<Long> blocks) {
    List<Call> bc = new ArrayList<>();
    blocks.forEach(n -> bc.add(Call.of("eth_getBlockByNumber", Quantities.toHex(n), false)));
    Map<Long, Instant> times = new HashMap<>();
    List<Reply> br = rpc.batch(bc);
    int k = 0;
    for (long n : blocks) {
      JsonNode b = result(br.get(k++), "eth_getBlockByNumber(" + n + ")");
      if (b.isNull()) {
        throw new EthRpcException(EthRpcException.Reason.NULL_RESULT, "block " + n + " not found");
      }
      String what = "eth_getBlockByNumber(" + n + ") timestamp";
      times.put(n, fromNode(() -> Quantities.blockTime(
          Quantities.hexLong(b.path("timestamp").asText(null), what), what)));
    }
    return times;
  }

  /**
   * Topic filters that find every token event into or out of the address (a padded topic): ERC-20
   * and ERC-721 {@code Transfer} carry from/to as topics 1 and 2, ERC-1155 {@code
   * TransferSingle}/{@code TransferBatch} as topics 2 and 3 (topic 1 is the operator). A null
   * position matches anything; a list matches any of its members.
   */
  private static List<List<Object>> historyTopicFilters(String topic) {
    List<Object> erc1155 = List.of(LogDecoder.TRANSFER_SINGLE_TOPIC, LogDecoder.TRANSFER_BATCH_TOPIC);
    return List.of(
        java.util.Arrays.asList(LogDecoder.TRANSFER_TOPIC, topic),
        java.util.Arrays.asList(LogDecoder.TRANSFER_TOPIC, null, topic),
        java.util.Arrays.asList(erc1155, null, topic),
        java.util.Arrays.asList(erc1155, null, null, topic));
  }

  private static Map<String, Object> filter(long[] r, List<Object> topics) {
    Map<String, Object> f = new HashMap<>();
    f.put("fromBlock", Quantities.toHex(r[0]));
    f.put("toBlock", Quantities.toHex(r[1]));
    f.put("topics", topics);
    return f;
  }

  // ---------------------------------------------------------------------------------------------
  // AccountSource.

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return "eth-rpc " + rpc.describe() + " blocks " + fromBlock + "-" + toBlock + " (traces: " + traceMode + ")";
  }

  @Override
  public List<Transfer> transfers(TxId tx) {
    List<Transfer> in = index.transfers(tx);
    if (!in.isEmpty()) {
      return in;
    }
    // Outside the scanned range: read the transaction's block on demand (cached, a few blocks).
    JsonNode t = rpc.call("eth_getTransactionByHash", tx.toHex0x());
    if (t.isNull() || !t.hasNonNull("blockNumber")) {
      return List.of(); // unknown to the node, or still pending
    }
    long n = fromNode(() -> Quantities.hexBlockNumber(t.get("blockNumber").asText(),
        "eth_getTransactionByHash(" + tx.toHex0x() + ") blockNumber"));
    if (n >= fromBlock && n <= toBlock) {
      return List.of();
    }
    List<Transfer> block;
    synchronized (outside) {
      block = outside.get(n);
    }
    if (block == null) {
      Scan one = new Scan(traceMode);
      one.tokenCache.putAll(tokens);
      one.window(n, n);
      block = List.copyOf(one.transfers);
      synchronized (outside) {
        outside.put(n, block);
      }
    }
    List<Transfer> out = new ArrayList<>();
    for (Transfer x : block) {
      if (x.txId().equals(tx)) {
        out.add(x);
      }
    }
    out.sort(Transfer.ORDER);
    return List.copyOf(out);
  }

  /** Blocks read on demand for {@link #transfers(TxId)} outside the range, least recently used out. */
  private final Map<Long, List<Transfer>> outside = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, List<Transfer>> eldest) {
      return size() > 32;
    }
  };

  @Override
  public List<Transfer> history(Address address) {
    return index.history(address);
  }

  @Override
  public Stream<Transfer> transfers() {
    return index.stream();
  }

  /** First block scanned. */
  public long fromBlock() {
    return fromBlock;
  }

  /** Last block scanned. */
  public long toBlock() {
    return toBlock;
  }

  /** How internal transfers were read; {@link TraceMode#AUTO} if no transaction needed tracing. */
  public TraceMode traceMode() {
    return traceMode;
  }

  /** What this node could not give, in words (empty when nothing is missing). */
  public List<String> missing() {
    return missing;
  }

  /** Contracts created in the range (by transactions or by internal CREATE/CREATE2). */
  public Set<Address> createdContracts() {
    return contracts;
  }

  /** EIP-7702 authorizations (type-4 transactions) in the range, in chain order. */
  public List<Delegation> delegations() {
    return delegations;
  }

  /** ERC-20 approvals in the range, in chain order. */
  public List<Approval> approvals() {
    return approvals;
  }

  /** Token assets seen, by contract (lower case), with symbol and decimals read from the chain. */
  public Map<String, Asset> tokens() {
    return tokens;
  }

  public Stats stats() {
    return stats;
  }

  @Override
  public void close() {
    rpc.close();
  }
}
