package io.tracer.core.trace;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceException;
import io.tracer.core.source.UtxoSource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Follows value from a seed, hop by hop, breadth first, so every address is reported at the fewest
 * hops it can be reached in. Each transaction (or, on account chains, each address) is expanded
 * once, so cycles terminate. Immutable and thread-safe: build once, trace many times.
 *
 * <pre>{@code
 * TraceResult r = Tracer.builder().direction(Direction.FORWARD).maxHops(4)
 *     .stopAt(watchlist::isService).build()
 *     .trace(source, Seed.parse("f4184fc5…:0", Chain.BITCOIN));
 * }</pre>
 */
public final class Tracer {
  private final TraceParameters params;
  private final Predicate<Address> stopAt;

  private Tracer(Builder b) {
    this.params =
        new TraceParameters(
            b.direction, b.maxHops, b.valueFloor, b.fanOutLimit, b.maxTransactions, b.from, b.to);
    this.stopAt = b.stopAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public TraceParameters parameters() {
    return params;
  }

  /** Traces on whichever kind of source this is. */
  public TraceResult trace(LedgerSource source, Seed seed) {
    if (source instanceof UtxoSource) {
      return trace((UtxoSource) source, seed);
    }
    if (source instanceof AccountSource) {
      return trace((AccountSource) source, seed);
    }
    throw new IllegalArgumentException("cannot trace on " + source.describe());
  }

  /**
   * Traces a UTXO chain.
   *
   * @throws SourceException if the seed is not in the source
   */
  public TraceResult trace(UtxoSource source, Seed seed) {
    Walk w = new Walk(seed);
    if (params.direction() != Direction.BACKWARD) {
      new UtxoWalk(source, w, true).run(seed);
    }
    if (params.direction() != Direction.FORWARD) {
      new UtxoWalk(source, w, false).run(seed);
    }
    return w.result();
  }

  /** Traces an account chain (ETH, tokens). */
  public TraceResult trace(AccountSource source, Seed seed) {
    if (seed.kind() == Seed.Kind.OUTPUT) {
      throw new IllegalArgumentException("an account chain has no outputs: seed with a tx or address");
    }
    Walk w = new Walk(seed);
    if (params.direction() != Direction.BACKWARD) {
      new AccountWalk(source, w, true).run(seed);
    }
    if (params.direction() != Direction.FORWARD) {
      new AccountWalk(source, w, false).run(seed);
    }
    return w.result();
  }

  /** A transaction waiting to be expanded at {@code hop}. */
  private record PendingTx(TxId tx, int hop) {}

  /** An address waiting to be expanded; {@code arrived} is the transfer that reached it, or null. */
  private record PendingAddress(Address address, Transfer arrived, int hop) {}

  private boolean inWindow(Instant t) {
    return (params.from() == null || !t.isBefore(params.from()))
        && (params.to() == null || !t.isAfter(params.to()));
  }

  /** Shared state of one trace (both directions). */
  private final class Walk {
    final Seed seed;
    final Map<Address, TraceNode> nodes = new LinkedHashMap<>();
    final List<TraceEdge> edges = new ArrayList<>();
    final List<TraceStop> stops = new ArrayList<>();
    int transactions;
    boolean truncated;

    Walk(Seed seed) {
      this.seed = seed;
    }

    void node(Address a, int hop, boolean isSeed) {
      TraceNode old = nodes.get(a);
      if (old == null || Math.abs(hop) < Math.abs(old.hop())) {
        String stop = old == null ? null : old.stopReason();
        nodes.put(a, new TraceNode(a, hop, isSeed || (old != null && old.seed()), stop));
      }
    }

    void stopNode(Address a, String reason, int hop) {
      TraceNode n = nodes.get(a);
      if (n != null && n.stopReason() == null) {
        nodes.put(a, new TraceNode(a, n.hop(), n.seed(), reason));
        stops.add(new TraceStop(reason, a.display(), hop));
      }
    }

    boolean spend() {
      if (transactions >= params.maxTransactions()) {
        if (!truncated) {
          truncated = true;
          stops.add(new TraceStop("budget", params.maxTransactions() + " transactions", 0));
        }
        return false;
      }
      transactions++;
      return true;
    }

    TraceResult result() {
      List<TraceNode> ns = new ArrayList<>(nodes.values());
      ns.sort(
          Comparator.comparingInt((TraceNode n) -> Math.abs(n.hop()))
              .thenComparingInt(TraceNode::hop)
              .thenComparing(TraceNode::address));
      List<TraceEdge> es = new ArrayList<>(edges);
      es.sort(
          Comparator.comparingInt((TraceEdge e) -> Math.abs(e.hop()))
              .thenComparingInt(TraceEdge::hop)
              .thenComparing(TraceEdge::block)
              .thenComparing(TraceEdge::txId)
              .thenComparing(e -> e.output() == null ? -1 : e.output().index())
              .thenComparingInt(TraceEdge::position)
              .thenComparing(TraceEdge::from)
              .thenComparing(TraceEdge::to));
      return new TraceResult(seed, params, ns, es, stops, transactions, truncated);
    }
  }

  /** Breadth-first walk over transactions of a UTXO source, in one direction. */
  private final class UtxoWalk {
    final UtxoSource source;
    final Walk w;
    final boolean forward;
    final int sign;
    final Set<TxId> expanded = new HashSet<>();
    final Deque<PendingTx> queue = new ArrayDeque<>();

    UtxoWalk(UtxoSource source, Walk w, boolean forward) {
      this.source = source;
      this.w = w;
      this.forward = forward;
      this.sign = forward ? 1 : -1;
    }

    void run(Seed seed) {
      switch (seed.kind()) {
        case TRANSACTION:
          {
            UtxoTx tx = require(seed.tx());
            addSeedAddresses(tx);
            queue.add(new PendingTx(seed.tx(), 1));
            break;
          }
        case OUTPUT:
          {
            UtxoTx tx = require(seed.tx());
            if (seed.output().index() >= tx.outputs().size()) {
              throw new SourceException(
                  "transaction " + tx.id() + " has no output " + seed.output().index());
            }
            TxOut o = tx.output(seed.output().index());
            w.node(o.address(), 0, true);
            if (forward) {
              source.spender(seed.output()).ifPresent(sp -> queue.add(new PendingTx(sp.txId(), 1)));
            } else {
              queue.add(new PendingTx(tx.id(), 1));
            }
            break;
          }
        default:
          {
            Address a = seed.address();
            List<TxId> history = source.history(a);
            if (history.isEmpty()) {
              throw new SourceException("address " + a.display() + " not found in " + source.describe());
            }
            w.node(a, 0, true);
            for (TxId id : history) {
              UtxoTx tx = source.transaction(id).orElse(null);
              if (tx == null) {
                continue;
              }
              boolean spends = tx.inputs().stream().anyMatch(in -> a.equals(in.address()));
              boolean pays = tx.outputs().stream().anyMatch(o -> o.address().equals(a));
              if (forward ? spends : pays) {
                queue.add(new PendingTx(id, 1));
              }
            }
          }
      }
      while (!queue.isEmpty()) {
        PendingTx item = queue.poll();
        expand(item.tx(), item.hop());
      }
    }

    private void addSeedAddresses(UtxoTx tx) {
      if (forward) {
        for (TxIn in : tx.inputs()) {
          if (in.address() != null) {
            w.node(in.address(), 0, true);
          }
        }
      } else {
        for (TxOut o : tx.outputs()) {
          w.node(o.address(), 0, true);
        }
      }
    }

    private UtxoTx require(TxId id) {
      return source
          .transaction(id)
          .orElseThrow(() -> new SourceException("transaction " + id + " not found in " + source.describe()));
    }

    private void expand(TxId id, int hop) {
      if (!expanded.add(id)) {
        return;
      }
      Optional<UtxoTx> maybe = source.transaction(id);
      if (maybe.isEmpty()) {
        w.stops.add(new TraceStop("missing", id.toString(), sign * hop));
        return;
      }
      UtxoTx tx = maybe.get();
      if (!inWindow(tx.block().time())) {
        w.stops.add(new TraceStop("time-window", id.toString(), sign * hop));
        return;
      }
      if (!w.spend()) {
        return;
      }
      addEdges(tx, sign * hop);
      if (hop >= params.maxHops()) {
        return;
      }
      if (forward) {
        if (tx.outputs().size() > params.fanOutLimit()) {
          w.stops.add(new TraceStop("fan-out", id.toString(), sign * hop));
          return;
        }
        for (TxOut o : tx.outputs()) {
          if (!o.type().isSpendable() || below(o.value())) {
            continue;
          }
          if (stopAt.test(o.address())) {
            w.stopNode(o.address(), "service", sign * hop);
            continue;
          }
          Optional<InPoint> sp = source.spender(tx.outPoint(o.index()));
          sp.ifPresent(s -> queue.add(new PendingTx(s.txId(), hop + 1)));
        }
      } else {
        if (tx.inputs().size() > params.fanOutLimit()) {
          w.stops.add(new TraceStop("fan-out", id.toString(), sign * hop));
          return;
        }
        for (TxIn in : tx.inputs()) {
          if (in.isCoinbase() || (in.isResolved() && below(in.value()))) {
            continue;
          }
          if (in.address() != null && stopAt.test(in.address())) {
            w.stopNode(in.address(), "service", sign * hop);
            continue;
          }
          queue.add(new PendingTx(in.prevout().txId(), hop + 1));
        }
      }
    }

    private boolean below(long value) {
      return BigInteger.valueOf(value).compareTo(params.valueFloor()) < 0;
    }

    /** Edges from each distinct input address to each output at or above the floor. */
    private void addEdges(UtxoTx tx, int hop) {
      Asset asset = Asset.nativeOf(tx.chain());
      Map<Address, Long> payers = new LinkedHashMap<>();
      boolean known = true;
      if (tx.isCoinbase()) {
        payers.put(Address.pseudo(tx.chain(), "coinbase", ""), 0L);
        known = false;
      } else {
        for (TxIn in : tx.inputs()) {
          if (in.isResolved()) {
            payers.merge(in.address(), in.value(), Math::addExact);
          } else {
            payers.putIfAbsent(Address.pseudo(tx.chain(), "unresolved", ""), 0L);
            known = false;
          }
        }
      }
      long total = 0;
      for (long v : payers.values()) {
        total = Math.addExact(total, v);
      }
      for (Map.Entry<Address, Long> p : payers.entrySet()) {
        w.node(p.getKey(), forward ? hop - 1 : hop, false);
      }
      for (TxOut o : tx.outputs()) {
        if (below(o.value()) && o.value() > 0) {
          continue;
        }
        w.node(o.address(), forward ? hop : hop + 1, false);
        for (Map.Entry<Address, Long> p : payers.entrySet()) {
          BigInteger value = BigInteger.valueOf(o.value());
          BigInteger attributed = null;
          if (known && total > 0) {
            attributed =
                value.multiply(BigInteger.valueOf(p.getValue())).divide(BigInteger.valueOf(total));
          }
          w.edges.add(
              new TraceEdge(
                  tx.id(), tx.block(), p.getKey(), o.address(), tx.outPoint(o.index()), -1, asset,
                  value, attributed, hop));
        }
      }
    }
  }

  /** Breadth-first walk over addresses of an account source, respecting time order. */
  private final class AccountWalk {
    final AccountSource source;
    final Walk w;
    final boolean forward;
    final int sign;
    final Set<Address> expanded = new HashSet<>();
    final Deque<PendingAddress> queue = new ArrayDeque<>();

    AccountWalk(AccountSource source, Walk w, boolean forward) {
      this.source = source;
      this.w = w;
      this.forward = forward;
      this.sign = forward ? 1 : -1;
    }

    void run(Seed seed) {
      if (seed.kind() == Seed.Kind.TRANSACTION) {
        List<Transfer> ts = source.transfers(seed.tx());
        if (ts.isEmpty()) {
          throw new SourceException(
              "transaction " + seed.tx().toHex0x() + " not found in " + source.describe());
        }
        if (!w.spend()) {
          return;
        }
        for (Transfer t : ts) {
          if (!follows(t)) {
            continue;
          }
          Address payer = forward ? t.from() : t.to();
          Address next = forward ? t.to() : t.from();
          w.node(payer, 0, true);
          edge(t, sign);
          step(next, t, 1);
        }
      } else {
        Address a = seed.address();
        if (source.history(a).isEmpty()) {
          throw new SourceException("address " + a.display() + " not found in " + source.describe());
        }
        w.node(a, 0, true);
        queue.add(new PendingAddress(a, null, 0));
      }
      while (!queue.isEmpty()) {
        PendingAddress item = queue.poll();
        expand(item.address(), item.arrived(), item.hop());
      }
    }

    private boolean follows(Transfer t) {
      if (!t.movesValue() || t.kind() == TransferKind.FEE || !inWindow(t.block().time())) {
        return false;
      }
      return !(t.asset().isNative() && t.amount().compareTo(params.valueFloor()) < 0);
    }

    private void edge(Transfer t, int hop) {
      w.edges.add(
          new TraceEdge(
              t.txId(), t.block(), t.from(), t.to(), null, t.position(), t.asset(), t.amount(),
              t.amount(), hop));
      w.node(t.from(), forward ? hop - 1 : hop, false);
      w.node(t.to(), forward ? hop : hop + 1, false);
    }

    private void step(Address next, Transfer via, int hop) {
      if (hop >= params.maxHops() || next.isPseudo()) {
        return;
      }
      if (stopAt.test(next)) {
        w.stopNode(next, "service", sign * hop);
        return;
      }
      queue.add(new PendingAddress(next, via, hop));
    }

    private void expand(Address a, Transfer arrived, int hop) {
      if (!expanded.add(a)) {
        return;
      }
      List<Transfer> moves = new ArrayList<>();
      for (Transfer t : source.history(a)) {
        if (!follows(t)) {
          continue;
        }
        boolean out = forward ? t.from().equals(a) : t.to().equals(a);
        if (!out || (forward ? t.to().equals(a) : t.from().equals(a))) {
          continue; // self-transfers move nothing
        }
        if (arrived != null) {
          int c = Transfer.ORDER.compare(t, arrived);
          if (forward ? c <= 0 : c >= 0) {
            continue; // money cannot leave before it arrived (or arrive after it left)
          }
        }
        moves.add(t);
      }
      if (moves.size() > params.fanOutLimit()) {
        w.stops.add(new TraceStop("fan-out", a.display(), sign * hop));
        return;
      }
      if (!moves.isEmpty() && !w.spend()) {
        return;
      }
      for (Transfer t : moves) {
        edge(t, sign * (hop + 1));
        step(forward ? t.to() : t.from(), t, hop + 1);
      }
    }
  }

  /** Configures a {@link Tracer}; rejects values that make no sense. */
  public static final class Builder {
    private Direction direction = Direction.FORWARD;
    private int maxHops = 3;
    private BigInteger valueFloor = BigInteger.ZERO;
    private int fanOutLimit = 100;
    private int maxTransactions = 10_000;
    private Instant from;
    private Instant to;
    private Predicate<Address> stopAt = a -> false;

    private Builder() {}

    public Builder direction(Direction d) {
      this.direction = Objects.requireNonNull(d, "direction");
      return this;
    }

    /** Most transactions from the seed (1–100). Default 3. */
    public Builder maxHops(int hops) {
      if (hops < 1 || hops > 100) {
        throw new IllegalArgumentException("hops must be between 1 and 100, got " + hops);
      }
      this.maxHops = hops;
      return this;
    }

    /** Native-asset outputs/transfers below this many base units are not followed. Default 0. */
    public Builder valueFloor(long baseUnits) {
      return valueFloor(BigInteger.valueOf(baseUnits));
    }

    public Builder valueFloor(BigInteger baseUnits) {
      if (baseUnits.signum() < 0) {
        throw new IllegalArgumentException("value floor must not be negative");
      }
      this.valueFloor = baseUnits;
      return this;
    }

    /** Transactions with more outputs (or steps with more transfers) are not followed. Default 100. */
    public Builder fanOutLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("fan-out limit must be at least 1, got " + limit);
      }
      this.fanOutLimit = limit;
      return this;
    }

    /** Most transactions expanded before the result is marked truncated. Default 10,000. */
    public Builder maxTransactions(int budget) {
      if (budget < 1) {
        throw new IllegalArgumentException("transaction budget must be at least 1, got " + budget);
      }
      this.maxTransactions = budget;
      return this;
    }

    /** Only follow transactions with block time in [from, to]; either may be null. */
    public Builder timeWindow(Instant from, Instant to) {
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("time window starts after it ends: " + from + " > " + to);
      }
      this.from = from;
      this.to = to;
      return this;
    }

    /** Addresses the trace records but does not go past (exchanges, other services, flagged wallets). */
    public Builder stopAt(Predicate<Address> stop) {
      this.stopAt = Objects.requireNonNull(stop, "stopAt");
      return this;
    }

    public Tracer build() {
      return new Tracer(this);
    }
  }
}
