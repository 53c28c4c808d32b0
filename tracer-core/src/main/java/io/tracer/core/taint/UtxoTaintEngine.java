package io.tracer.core.taint;

import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Propagates taint forward over a {@link UtxoSource} from seed outputs (HEURISTICS.md §4): it
 * follows the spenders of tainted outputs and applies the {@link TaintModel} to each spending
 * transaction in chain order (height, then position in block), so that every input's taint is final
 * before the transaction spending it is processed, however many paths lead there.
 *
 * <ul>
 *   <li>Seeds are outputs, fully tainted at their value.
 *   <li>Only tainted outputs are followed; a transaction's other inputs are clean at their value
 *       (taken from the input, or from the funding transaction if the source left it unresolved).
 *   <li>Hops count transactions: a seed's spender is hop 1, and a transaction reached by several
 *       tainted inputs takes the smallest hop.
 *   <li>Taint sent to an unspendable output (OP_RETURN) is burned and recorded.
 *   <li>Fees are terminal, or with {@code taintFee} are fed into the coinbase of their block, whose
 *       inputs are ordered {@code [subsidy (clean), fee of tx 1, fee of tx 2, …, clean rest]}.
 * </ul>
 *
 * <p>Over a {@link UtxoLedger} (or a {@link LedgerBackedSource}) the same propagation runs on the ledger's integer indices ({@link
 * LedgerTaintRun}, several times faster, identical result); other sources take the generic path.
 *
 * <p>An engine is immutable and thread-safe; each {@link #propagate} call keeps its own state.
 */
public final class UtxoTaintEngine {
  /**
   * Chain order: height, position, then txid. Written out rather than composed from {@code
   * Comparator.comparing}: the queue and the result sort call it millions of times, and the
   * composed lambdas were the engine's largest cost in profiles.
   */
  static int chainOrder(BlockRef a, TxId ida, BlockRef b, TxId idb) {
    int c = Long.compare(a.height(), b.height());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.position(), b.position());
    return c != 0 ? c : ida.compareTo(idb);
  }

  private final TaintModel model;
  private final UtxoTaintOptions options;

  UtxoTaintEngine(TaintModel model, UtxoTaintOptions options) {
    this.model = Objects.requireNonNull(model, "model");
    this.options = Objects.requireNonNull(options, "options");
  }

  public TaintModel model() {
    return model;
  }

  public UtxoTaintOptions options() {
    return options;
  }

  /**
   * Runs the propagation.
   *
   * @param source where transactions and spenders come from
   * @param seeds outputs that are tainted in full; duplicates are ignored
   * @throws TaintException.MissingTransaction if a seed, a spender or a needed coinbase is not in
   *     the source
   * @throws TaintException.UnresolvedInput if a clean input's value cannot be found
   * @throws TaintException if a transaction's outputs exceed its inputs
   * @throws IllegalArgumentException if a seed's output index does not exist
   */
  public UtxoTaintResult propagate(UtxoSource source, Collection<OutPoint> seeds) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(seeds, "seeds");
    if (LEDGER_FAST_PATH) {
      // a UtxoLedger, or a source that forwards every lookup to one (demo, btc-blocks)
      Optional<UtxoLedger> ledger = LedgerBackedSource.ledgerOf(source);
      if (ledger.isPresent() && fastPathApplies(ledger.get())) {
        return new LedgerTaintRun(model, options, ledger.get(), source.describe())
            .run(new LinkedHashSet<>(seeds));
      }
    }
    return new Run(source).run(new LinkedHashSet<>(seeds));
  }

  /**
   * Package-private switch for the {@link UtxoLedger} fast path ({@link LedgerTaintRun}): the
   * same result computed over the ledger's integer indices, several times faster. Tests compare
   * it with the generic path on every model and option.
   */
  static final boolean LEDGER_FAST_PATH = true;

  /**
   * The fast path stands in for the generic one only where it provably follows the same order
   * and lookups: the ledger's index order must be chain order with txid tie-breaks, and a
   * caller's coinbaseLookup (which hands back arbitrary {@code UtxoTx} objects) keeps the generic
   * path.
   */
  boolean fastPathApplies(UtxoLedger ledger) {
    return options.coinbaseLookup().isEmpty() && LedgerTaintRun.inChainOrder(ledger);
  }

  /** The generic path whatever the source (tests compare it with the fast path). */
  UtxoTaintResult propagateGeneric(UtxoSource source, Collection<OutPoint> seeds) {
    return new Run(source).run(new LinkedHashSet<>(seeds));
  }

  /** The ledger fast path, unconditionally (tests; callers go through {@link #propagate}). */
  UtxoTaintResult propagateIndexed(UtxoLedger ledger, Collection<OutPoint> seeds) {
    return new LedgerTaintRun(model, options, ledger, ledger.describe())
        .run(new LinkedHashSet<>(seeds));
  }

  /** The per-output bookkeeping of one run. */
  private static final class Rec {
    final OutPoint op;
    final TxOut out;
    final BlockRef block;
    TaintState state;
    int hop;
    OutputTaint.Status status;
    TxId spentBy;

    Rec(OutPoint op, TxOut out, BlockRef block, TaintState state, int hop) {
      this.op = op;
      this.out = out;
      this.block = block;
      this.state = state;
      this.hop = hop;
    }
  }

  private static final class Pending {
    final UtxoTx tx;
    int hop;

    Pending(UtxoTx tx, int hop) {
      this.tx = tx;
      this.hop = hop;
    }
  }


  private final class Run {
    private final UtxoSource source;
    private final List<Rec> recordOrder = new ArrayList<>(); // append order: nearly chain order
    private final List<TxTaint> txOrder = new ArrayList<>();
    private final Map<OutPoint, Rec> live = new HashMap<>();
    private final Map<TxId, TxTaint> txs = new HashMap<>();
    private final PriorityQueue<Pending> queue =
        new PriorityQueue<>((a, b) -> chainOrder(a.tx.block(), a.tx.id(), b.tx.block(), b.tx.id()));
    private final Map<TxId, Pending> queued = new HashMap<>();
    private final TreeMap<Long, List<BlockFees.Entry>> pendingFees = new TreeMap<>();
    private Set<OutPoint> seedSet;
    private Map<Long, UtxoTx> coinbaseIndex;
    private long seeded;
    private long fees;
    private long feesToCoinbase;
    private long burned;
    private long lost;
    private long processed;
    private boolean complete = true;

    Run(UtxoSource source) {
      this.source = source;
    }

    UtxoTaintResult run(Set<OutPoint> seeds) {
      this.seedSet = seeds;
      for (OutPoint s : seeds) {
        UtxoTx tx =
            source
                .transaction(s.txId())
                .orElseThrow(
                    () ->
                        new TaintException.MissingTransaction(
                            "seed transaction " + s.txId() + " not found in " + source.describe()));
        if (s.index() >= tx.outputs().size()) {
          throw new IllegalArgumentException(
              "seed " + s + ": the transaction has " + tx.outputs().size() + " outputs");
        }
        TxOut o = tx.output(s.index());
        TaintState st =
            model.isOrdered()
                ? TaintState.of(Segments.tainted(o.value()))
                : TaintState.fullyTainted(o.value());
        seeded += o.value();
        Rec r = new Rec(s, o, tx.block(), st, 0);
        recordOrder.add(r);
        place(r);
      }
      while (!queue.isEmpty() || !pendingFees.isEmpty()) {
        if (queue.isEmpty()) {
          flushFees(Long.MAX_VALUE);
          continue;
        }
        Pending p = queue.peek();
        if (!pendingFees.isEmpty() && pendingFees.firstKey() < p.tx.block().height()) {
          flushFees(p.tx.block().height());
          continue; // a flush may enqueue nothing earlier, but re-peek to stay simple
        }
        queue.poll();
        queued.remove(p.tx.id());
        if (p.hop > options.maxHops() || processed >= options.maxTransactions()) {
          if (processed >= options.maxTransactions()) {
            complete = false;
          }
          stopAtLimit(p.tx);
          continue;
        }
        process(p.tx, p.hop, null);
      }
      return result();
    }

    /** Where a freshly tainted output goes: burned, unspent, or to its spender's queue. */
    private void place(Rec r) {
      if (r.state.tainted() == 0) {
        r.status = OutputTaint.Status.CLEAN;
        return;
      }
      if (!r.out.type().isSpendable()) {
        r.status = OutputTaint.Status.BURNED;
        burned += r.state.tainted();
        return;
      }
      live.put(r.op, r);
      Optional<InPoint> sp = source.spender(r.op);
      if (sp.isEmpty()) {
        r.status = OutputTaint.Status.UNSPENT;
        return;
      }
      TxId spender = sp.get().txId();
      r.spentBy = spender;
      Pending p = queued.get(spender);
      if (p == null) {
        UtxoTx tx =
            source
                .transaction(spender)
                .orElseThrow(
                    () ->
                        new TaintException.MissingTransaction(
                            "the source says "
                                + spender
                                + " spends "
                                + r.op
                                + " but does not have that transaction"));
        if (tx.block().height() > options.untilHeight()) {
          r.status = OutputTaint.Status.LIMIT;
          return;
        }
        p = new Pending(tx, r.hop + 1);
        queued.put(spender, p);
        queue.add(p);
      } else {
        p.hop = Math.min(p.hop, r.hop + 1);
      }
      r.status = OutputTaint.Status.FOLLOWED;
    }

    /** A transaction beyond a limit: the taint it would spend stays where it is. */
    private void stopAtLimit(UtxoTx tx) {
      for (TxIn in : tx.inputs()) {
        if (!in.isCoinbase()) {
          Rec r = live.get(in.prevout());
          if (r != null) {
            r.status = OutputTaint.Status.LIMIT;
          }
        }
      }
    }

    private void process(UtxoTx tx, int hop, List<TaintState> coinbaseInputs) {
      processed++;
      List<TaintState> ins;
      if (coinbaseInputs != null) {
        ins = coinbaseInputs;
      } else {
        ins = new ArrayList<>(tx.inputs().size());
        for (int i = 0; i < tx.inputs().size(); i++) {
          TxIn in = tx.inputs().get(i);
          if (in.isCoinbase()) {
            continue; // a coinbase reached without fee taint has no value inputs
          }
          Rec r = live.remove(in.prevout());
          ins.add(r != null ? r.state : TaintState.clean(inputValue(tx, i, in)));
        }
      }
      long[] outVals = new long[tx.outputs().size()];
      for (int j = 0; j < outVals.length; j++) {
        outVals[j] = tx.output(j).value();
      }
      TaintModel.TxResult res;
      try {
        res = model.apply(ins, outVals, options.feePolicy());
      } catch (IllegalArgumentException e) {
        throw new TaintException("transaction " + tx.id() + ": " + e.getMessage(), e);
      }
      long inTaint = 0;
      for (TaintState s : ins) {
        inTaint += s.tainted();
      }
      long outTaint = 0;
      long txBurned = 0;
      for (int j = 0; j < outVals.length; j++) {
        TaintState st = res.outputs().get(j);
        outTaint += st.tainted();
        OutPoint op = tx.outPoint(j);
        if (seedSet.contains(op)) {
          seeded -= st.tainted(); // the seed stays fully tainted; only the difference is new taint
          continue;
        }
        Rec r = new Rec(op, tx.output(j), tx.block(), st, hop);
        recordOrder.add(r);
        if (st.tainted() > 0 && !tx.output(j).type().isSpendable()) {
          txBurned += st.tainted();
        }
        place(r);
      }
      boolean coinbase = coinbaseInputs != null;
      long feeTaint = res.fee().tainted();
      long txLost = res.lost();
      boolean toCoinbase = false;
      if (coinbase) {
        txLost += feeTaint; // value the miner did not claim: its taint goes nowhere
        feeTaint = 0;
      } else if (options.taintFee() && res.fee().value() > 0) {
        pendingFees
            .computeIfAbsent(tx.block().height(), h -> new ArrayList<>())
            .add(new BlockFees.Entry(tx.block().position(), res.fee(), hop));
        toCoinbase = feeTaint > 0;
      } else {
        fees += feeTaint;
      }
      lost += txLost;
      TxTaint record =
          new TxTaint(
              tx.id(),
              tx.block(),
              hop,
              coinbase,
              inTaint,
              outTaint,
              res.fee().value(),
              feeTaint,
              txBurned,
              txLost,
              toCoinbase);
      txs.put(tx.id(), record);
      txOrder.add(record);
    }

    private long inputValue(UtxoTx tx, int i, TxIn in) {
      if (in.isResolved()) {
        return in.value();
      }
      Optional<UtxoTx> funding = source.transaction(in.prevout().txId());
      if (funding.isEmpty() || in.prevout().index() >= funding.get().outputs().size()) {
        throw new TaintException.UnresolvedInput(
            "transaction "
                + tx.id()
                + " input "
                + i
                + " spends "
                + in.prevout()
                + ", whose value is not in "
                + source.describe());
      }
      return funding.get().output(in.prevout().index()).value();
    }

    /** Feeds the fees of every block below {@code belowHeight} into its coinbase. */
    private void flushFees(long belowHeight) {
      while (!pendingFees.isEmpty() && pendingFees.firstKey() < belowHeight) {
        Map.Entry<Long, List<BlockFees.Entry>> e = pendingFees.pollFirstEntry();
        long height = e.getKey();
        BlockFees block = BlockFees.of(e.getValue());
        long taint = block.taint();
        if (taint == 0) {
          continue;
        }
        int cbHop = block.coinbaseHop();
        if (cbHop > options.maxHops() || processed >= options.maxTransactions()) {
          complete &= cbHop > options.maxHops();
          fees += taint; // the coinbase is beyond a limit: the fee taint stays terminal
          unmark(height);
          continue;
        }
        UtxoTx cb = coinbase(height);
        List<TaintState> ins =
            block.coinbaseInputs(cb.outputValue(), options.subsidy().applyAsLong(height));
        feesToCoinbase += taint;
        process(cb, cbHop, ins);
      }
    }

    /** The fee taint of these entries did not reach a coinbase after all. */
    private void unmark(long height) {
      for (TxTaint t : List.copyOf(txs.values())) {
        if (t.block().height() == height && t.feeToCoinbase()) {
          txs.put(
              t.txId(),
              new TxTaint(
                  t.txId(), t.block(), t.hop(), t.coinbase(), t.inputTaint(), t.outputTaint(),
                  t.fee(), t.feeTaint(), t.burned(), t.lost(), false));
        }
      }
    }

    private UtxoTx coinbase(long height) {
      Optional<UtxoTx> cb;
      if (options.coinbaseLookup().isPresent()) {
        cb = options.coinbaseLookup().get().apply(height);
      } else {
        if (coinbaseIndex == null) {
          coinbaseIndex = new HashMap<>();
          try {
            source
                .transactions()
                .filter(UtxoTx::isCoinbase)
                .forEach(t -> coinbaseIndex.putIfAbsent(t.block().height(), t));
          } catch (UnsupportedOperationException ex) {
            throw new TaintException(
                "taintFee needs block coinbases, but "
                    + source.describe()
                    + " cannot list its transactions; give a coinbaseLookup",
                ex);
          }
        }
        cb = Optional.ofNullable(coinbaseIndex.get(height));
      }
      return cb.filter(UtxoTx::isCoinbase)
          .orElseThrow(
              () ->
                  new TaintException.MissingTransaction(
                      "taintFee: the coinbase of block " + height + " is not in the source"));
    }

    private UtxoTaintResult result() {
      // processing order is chain order except for seeds and fee-fed coinbases, so TimSort on
      // the append order is close to linear
      List<Rec> recs = recordOrder;
      recs.sort(
          (a, b) -> {
            int c = chainOrder(a.block, a.op.txId(), b.block, b.op.txId());
            return c != 0 ? c : Integer.compare(a.op.index(), b.op.index());
          });
      List<OutputTaint> outs = new ArrayList<>(recs.size());
      Map<OutPoint, OutputTaint> by = new HashMap<>(recs.size() * 2);
      long held = 0;
      int maxSeg = 0;
      long totalSeg = 0;
      for (Rec r : recs) {
        Segments seg = r.state.segmentsOrNull();
        if (seg == null && model.isOrdered()) {
          seg = r.state.segmentsForOrdered();
        }
        TxId spent =
            r.status == OutputTaint.Status.FOLLOWED || r.status == OutputTaint.Status.LIMIT
                ? r.spentBy
                : null;
        OutputTaint o =
            new OutputTaint(
                r.op, r.out.address(), r.out.value(), r.state.tainted(), r.hop, r.status, spent, seg);
        if (o.isTerminal()) {
          held += o.tainted();
        }
        if (seg != null) {
          maxSeg = Math.max(maxSeg, seg.size());
          totalSeg += seg.size();
        }
        outs.add(o);
        by.put(r.op, o);
      }
      List<TxTaint> txList = new ArrayList<>(txOrder.size());
      for (TxTaint t : txOrder) {
        txList.add(txs.get(t.txId())); // the map holds the final version (see unmark)
      }
      txList.sort((a, b) -> chainOrder(a.block(), a.txId(), b.block(), b.txId()));
      UtxoTaintResult.Totals totals =
          new UtxoTaintResult.Totals(
              seeded, held, fees, feesToCoinbase, burned, lost, processed, maxSeg, totalSeg);
      return new UtxoTaintResult(model, options, outs, by, txList, txs, totals, complete);
    }
  }
}
