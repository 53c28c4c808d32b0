package io.tracer.core.heuristic;

import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What dynamic heuristics may ask about the rest of the chain: who spent an output, where an
 * address first appeared, and (for {@code multi-input-change}) whether two addresses are already
 * in one multi-input cluster. A small context interface rather than the whole {@link UtxoSource},
 * so tests can give exactly the facts a rule needs.
 *
 * <p>The answers cover the data the view was built on: an output counts as unspent when its
 * spender is not loaded. Implementations must be safe for concurrent readers if the heuristics are
 * shared between threads.
 */
public interface LedgerView {

  /** A transaction by id, if loaded. */
  Optional<UtxoTx> transaction(TxId id);

  /** The input that spends {@code out}, if loaded. */
  Optional<InPoint> spender(OutPoint out);

  /** Usage of an address in the loaded data, or empty if the address never appears. */
  Optional<AddressUsage> usage(Address address);

  /**
   * True if {@code a} and {@code b} are already in the same multi-input (common-input-ownership)
   * cluster. Only the clustering engine knows; the default says false.
   */
  default boolean sameMultiInputCluster(Address a, Address b) {
    return false;
  }

  /** The transaction that spends {@code out}, if loaded. */
  default Optional<UtxoTx> spendingTx(OutPoint out) {
    return spender(out).flatMap(in -> transaction(in.txId()));
  }

  /**
   * The script type of the output an input spends: from the funding output when that transaction
   * is loaded, else from the address form ({@link InputTypes#fromAddress}), else UNKNOWN.
   */
  default OutputType inputType(TxIn in) {
    if (in.isCoinbase()) {
      return OutputType.UNKNOWN;
    }
    Optional<UtxoTx> funding = transaction(in.prevout().txId());
    if (funding.isPresent() && in.prevout().index() < funding.get().outputs().size()) {
      OutputType t = funding.get().output(in.prevout().index()).type();
      if (t != OutputType.UNKNOWN) {
        return t;
      }
    }
    return InputTypes.fromAddress(in.address());
  }

  /** A view that knows nothing beyond each transaction: every output looks unspent. */
  static LedgerView empty() {
    return Empty.INSTANCE;
  }

  /**
   * A view backed by a source; {@code usage} walks {@link UtxoSource#history}. A source backed by
   * a {@link UtxoLedger} is read through its columns for {@code usage} and {@link #inputType}, which
   * rules ask about every input and output: building the funding transaction instead (a batch
   * payout or an early coinbase holds thousands of outputs) made clustering quadratic in them.
   */
  static LedgerView of(UtxoSource source) {
    Optional<UtxoLedger> ledger = LedgerBackedSource.ledgerOf(source);
    if (ledger.isPresent()) {
      return new LedgerColumnsView(ledger.get());
    }
    return new SourceView(source);
  }

  /** This view, but answering {@link #sameMultiInputCluster} with {@code clusters}. */
  default LedgerView withMultiInputClusters(SameCluster clusters) {
    Objects.requireNonNull(clusters, "clusters");
    LedgerView base = this;
    return new LedgerView() {
      @Override
      public Optional<UtxoTx> transaction(TxId id) {
        return base.transaction(id);
      }

      @Override
      public Optional<InPoint> spender(OutPoint out) {
        return base.spender(out);
      }

      @Override
      public Optional<AddressUsage> usage(Address address) {
        return base.usage(address);
      }

      @Override
      public boolean sameMultiInputCluster(Address a, Address b) {
        return clusters.same(a, b);
      }
    };
  }

  /** Answers whether two addresses share a cluster. */
  @FunctionalInterface
  interface SameCluster {
    boolean same(Address a, Address b);
  }

  /** The view with no data. */
  enum Empty implements LedgerView {
    INSTANCE;

    @Override
    public Optional<UtxoTx> transaction(TxId id) {
      return Optional.empty();
    }

    @Override
    public Optional<InPoint> spender(OutPoint out) {
      return Optional.empty();
    }

    @Override
    public Optional<AddressUsage> usage(Address address) {
      return Optional.empty();
    }
  }

  /** Backed by a {@link UtxoLedger}: the same answers as {@link SourceView}, from the columns. */
  final class LedgerColumnsView extends SourceView {
    /** Histories at least this long have their usage kept: rules ask about a hot wallet's every payment. */
    private static final int CACHE_FROM_TXS = 64;
    private static final int CACHE_MAX = 100_000;
    private final UtxoLedger ledger;
    private final Map<Address, AddressUsage> hot = new ConcurrentHashMap<>();

    LedgerColumnsView(UtxoLedger ledger) {
      super(ledger);
      this.ledger = ledger;
    }

    @Override
    public OutputType inputType(TxIn in) {
      if (in.isCoinbase()) {
        return OutputType.UNKNOWN;
      }
      int out = ledger.outputIndexOf(in.prevout());
      if (out >= 0) {
        OutputType t = ledger.outputType(out);
        if (t != OutputType.UNKNOWN) {
          return t;
        }
      }
      return InputTypes.fromAddress(in.address());
    }

    @Override
    public Optional<AddressUsage> usage(Address address) {
      AddressUsage known = hot.get(address);
      if (known != null) {
        return Optional.of(known);
      }
      int[] txs = ledger.historyIndices(address);
      if (txs.length == 0) {
        return Optional.empty();
      }
      AddressUsage u = usage(address, txs);
      if (txs.length >= CACHE_FROM_TXS && hot.size() < CACHE_MAX) {
        hot.put(address, u);
      }
      return Optional.of(u);
    }

    private AddressUsage usage(Address address, int[] txs) {
      // address indices, not Address objects: a hot wallet's history is thousands of transactions
      int id = ledger.addressIndex(address);
      int receiving = 0;
      int spending = 0;
      for (int tx : txs) {
        boolean pays = false;
        for (int o = ledger.outputStart(tx), end = o + ledger.outputCount(tx); o < end && !pays; o++) {
          pays = ledger.outputAddressIndex(o) == id;
        }
        boolean spends = false;
        for (int g = ledger.inputStart(tx), end = g + ledger.inputCount(tx); g < end && !spends; g++) {
          spends = ledger.inputAddressIndex(g) == id;
        }
        receiving += pays ? 1 : 0;
        spending += spends ? 1 : 0;
      }
      // Index order is chain order (height, then position, unknown heights last), which is
      // {@code BlockRef} order: the first transaction is the earliest.
      int first = txs[0];
      return new AddressUsage(ledger.txId(first), ledger.block(first), receiving, spending);
    }
  }

  /** Backed by a {@link UtxoSource}. */
  class SourceView implements LedgerView {
    private final UtxoSource source;

    SourceView(UtxoSource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public Optional<UtxoTx> transaction(TxId id) {
      return source.transaction(id);
    }

    @Override
    public Optional<InPoint> spender(OutPoint out) {
      return source.spender(out);
    }

    @Override
    public Optional<AddressUsage> usage(Address address) {
      List<TxId> ids = source.history(address);
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      int receiving = 0;
      int spending = 0;
      UtxoTx first = null;
      for (TxId id : ids) {
        Optional<UtxoTx> t = source.transaction(id);
        if (t.isEmpty()) {
          continue;
        }
        UtxoTx tx = t.get();
        if (first == null || tx.block().compareTo(first.block()) < 0) {
          first = tx;
        }
        boolean pays = false;
        for (TxOut o : tx.outputs()) {
          pays |= o.address().equals(address);
        }
        boolean spends = false;
        for (TxIn in : tx.inputs()) {
          spends |= address.equals(in.address());
        }
        receiving += pays ? 1 : 0;
        spending += spends ? 1 : 0;
      }
      return first == null
          ? Optional.empty()
          : Optional.of(new AddressUsage(first.id(), first.block(), receiving, spending));
    }
  }
}
