package io.tracer.core.index;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable in-memory UTXO index over a set of transactions: transaction by id, spender of an
 * output, history of an address, and every transaction in chain order. Inputs are resolved (address
 * and value of the spent output) against every transaction added, whatever order they were added
 * in. Safe for concurrent readers.
 */
public final class UtxoLedger implements UtxoSource {
  private final Chain chain;
  private final String description;
  private final List<UtxoTx> ordered;
  private final Map<TxId, Integer> byId;
  private final Map<OutPoint, InPoint> spenders;
  private final Map<Address, List<TxId>> history;
  private final long unresolvedInputs;

  private UtxoLedger(Builder b) {
    this.chain = b.chain;
    this.description = b.description;
    List<UtxoTx> txs = new ArrayList<>(b.txs);
    txs.sort(Comparator.comparing(UtxoTx::block)); // stable: keeps insertion order on ties
    Map<TxId, UtxoTx> raw = new HashMap<>(txs.size() * 2);
    for (UtxoTx tx : txs) {
      raw.putIfAbsent(tx.id(), tx);
    }
    List<UtxoTx> resolved = new ArrayList<>(txs.size());
    Map<TxId, Integer> ids = new HashMap<>(txs.size() * 2);
    Map<OutPoint, InPoint> spent = new HashMap<>();
    Map<Address, List<TxId>> hist = new HashMap<>();
    long unresolved = 0;
    for (UtxoTx tx : txs) {
      if (ids.containsKey(tx.id())) {
        continue; // duplicate txids (BIP30 cases) keep the first
      }
      List<TxIn> ins = new ArrayList<>(tx.inputs().size());
      for (int i = 0; i < tx.inputs().size(); i++) {
        TxIn in = tx.inputs().get(i);
        if (!in.isCoinbase()) {
          spent.putIfAbsent(in.prevout(), new InPoint(tx.id(), i));
          if (!in.isResolved()) {
            UtxoTx funding = raw.get(in.prevout().txId());
            if (funding != null && in.prevout().index() < funding.outputs().size()) {
              TxOut o = funding.output(in.prevout().index());
              in = in.resolve(o.address(), o.value());
            } else {
              unresolved++;
            }
          }
          if (in.address() != null) {
            addHistory(hist, in.address(), tx.id());
          }
        }
        ins.add(in);
      }
      for (TxOut o : tx.outputs()) {
        addHistory(hist, o.address(), tx.id());
      }
      UtxoTx r =
          new UtxoTx(tx.id(), tx.block(), tx.version(), tx.lockTime(), tx.vsize(), ins, tx.outputs());
      ids.put(tx.id(), resolved.size());
      resolved.add(r);
    }
    this.ordered = List.copyOf(resolved);
    this.byId = ids;
    this.spenders = spent;
    this.history = hist;
    this.unresolvedInputs = unresolved;
  }

  private static void addHistory(Map<Address, List<TxId>> hist, Address a, TxId tx) {
    List<TxId> l = hist.computeIfAbsent(a, k -> new ArrayList<>(2));
    if (l.isEmpty() || !l.get(l.size() - 1).equals(tx)) {
      l.add(tx);
    }
  }

  public static Builder builder(Chain chain) {
    return new Builder(chain);
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Number of transactions held. */
  public int size() {
    return ordered.size();
  }

  /** Inputs whose spent output is not in the loaded data (their address and value are unknown). */
  public long unresolvedInputs() {
    return unresolvedInputs;
  }

  @Override
  public Optional<UtxoTx> transaction(TxId id) {
    Integer i = byId.get(id);
    return i == null ? Optional.empty() : Optional.of(ordered.get(i));
  }

  @Override
  public Optional<InPoint> spender(OutPoint out) {
    return Optional.ofNullable(spenders.get(out));
  }

  @Override
  public List<TxId> history(Address address) {
    List<TxId> l = history.get(address);
    return l == null ? List.of() : List.copyOf(l);
  }

  @Override
  public Stream<UtxoTx> transactions() {
    return ordered.stream();
  }

  /** Collects transactions; {@link #build()} indexes them. Not thread-safe. */
  public static final class Builder {
    private final Chain chain;
    private final List<UtxoTx> txs = new ArrayList<>();
    private String description = "in-memory ledger";

    private Builder(Chain chain) {
      this.chain = Objects.requireNonNull(chain, "chain");
    }

    public Builder describedAs(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    public Builder add(UtxoTx tx) {
      txs.add(Objects.requireNonNull(tx, "tx"));
      return this;
    }

    public Builder addAll(Iterable<UtxoTx> all) {
      for (UtxoTx tx : all) {
        add(tx);
      }
      return this;
    }

    public UtxoLedger build() {
      return new UtxoLedger(this);
    }
  }
}
