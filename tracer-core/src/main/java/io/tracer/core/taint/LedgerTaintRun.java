package io.tracer.core.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fast path of {@link UtxoTaintEngine} over a {@link UtxoLedger}: the same propagation as the
 * generic run, step for step, but over the ledger's integer indices (transaction, global output,
 * global input) instead of {@code UtxoTx}/{@code OutPoint} objects, which profiles showed were
 * most of the engine's time. The per-transaction rule is still {@link TaintModel#apply}, so the
 * models have one implementation.
 *
 * <p>Why the result is identical to the generic run's:
 *
 * <ul>
 *   <li>The generic queue orders by (height, position, txid). The ledger holds transactions sorted
 *       by (height, position), so its index order is the same order whenever no two transactions
 *       share a height and position out of txid order; {@link #inChainOrder} checks exactly that
 *       and the engine uses this path only if it holds. A min-heap of indices then pops in the
 *       same order as the generic priority queue.
 *   <li>Every map of the generic run keyed by an object becomes an array indexed by the ledger's
 *       int for the same thing (the ledger's ids are a bijection onto outpoints and txids), and
 *       every step (seed, place, limit, process, fee flush, unmark) follows the generic code line
 *       for line, including its behaviour on odd data (re-queueing, double spends).
 *   <li>Results are sorted by the same keys: global output index is (chain order, output index),
 *       and ties keep append order, as the generic stable sort does.
 * </ul>
 *
 * <p>Memory: dense arrays sized to the ledger (a reference per output, an int per transaction,
 * a bit per output), allocated per run, so about 12 bytes per output plus 4 per transaction on top
 * of the records of what the propagation reached. One run is single-threaded and not reused.
 */
final class LedgerTaintRun {
  private static final byte FOLLOWED = 0;
  private static final byte UNSPENT = 1;
  private static final byte LIMIT = 2;
  private static final byte BURNED = 3;
  private static final byte CLEAN = 4;
  private static final OutputTaint.Status[] STATUS = {
    OutputTaint.Status.FOLLOWED,
    OutputTaint.Status.UNSPENT,
    OutputTaint.Status.LIMIT,
    OutputTaint.Status.BURNED,
    OutputTaint.Status.CLEAN
  };

  /**
   * True if the ledger's index order is the engine's chain order (height, position, txid)
   * strictly: only then may the fast path stand in for the generic priority queue.
   */
  static boolean inChainOrder(UtxoLedger l) {
    for (int i = 1; i < l.size(); i++) {
      int c = Long.compare(l.height(i - 1), l.height(i));
      if (c == 0) {
        c = Integer.compare(l.position(i - 1), l.position(i));
      }
      if (c == 0) {
        c = l.txId(i - 1).compareTo(l.txId(i)); // rare: only on equal (height, position)
      }
      if (c >= 0) {
        return false;
      }
    }
    return true;
  }

  /** One reached output (the generic run's Rec, by index). */
  private static final class Rec {
    final int out;
    final int tx;
    final TaintState state;
    final int hop;
    byte status;
    int spentBy = -1; // tx index

    Rec(int out, int tx, TaintState state, int hop) {
      this.out = out;
      this.tx = tx;
      this.state = state;
      this.hop = hop;
    }
  }

  private record FeeEntry(int position, TaintState fee, int hop) {}

  private record TxEntry(int tx, TxId id) {}

  private final TaintModel model;
  private final UtxoTaintOptions options;
  private final UtxoLedger ledger;
  private final List<Rec> records = new ArrayList<>();
  private final List<TxEntry> txOrder = new ArrayList<>();
  private final Map<TxId, TxTaint> txs = new HashMap<>();
  private final Rec[] live; // by global output: the taint waiting for its spender
  private final int[] pendingHop; // by tx: queued hop, -1 when not queued
  private int[] heap = new int[64]; // tx indices; index order is chain order
  private int heapSize;
  private final TreeMap<Long, List<FeeEntry>> pendingFees = new TreeMap<>();
  private final BitSet seedBits;
  private Map<Long, Integer> coinbaseIndex;
  private long seeded;
  private long fees;
  private long feesToCoinbase;
  private long burned;
  private long lost;
  private long processed;
  private boolean complete = true;

  LedgerTaintRun(TaintModel model, UtxoTaintOptions options, UtxoLedger ledger) {
    this.model = model;
    this.options = options;
    this.ledger = ledger;
    this.live = new Rec[ledger.outputTotal()];
    this.pendingHop = new int[ledger.size()];
    Arrays.fill(pendingHop, -1);
    this.seedBits = new BitSet(ledger.outputTotal());
  }

  UtxoTaintResult run(Set<OutPoint> seeds) {
    List<Integer> seedOuts = new ArrayList<>(seeds.size());
    for (OutPoint s : seeds) {
      int t = ledger.indexOf(s.txId());
      if (t < 0) {
        throw new TaintException.MissingTransaction(
            "seed transaction " + s.txId() + " not found in " + ledger.describe());
      }
      if (s.index() >= ledger.outputCount(t)) {
        throw new IllegalArgumentException(
            "seed " + s + ": the transaction has " + ledger.outputCount(t) + " outputs");
      }
      seedOuts.add(ledger.outputStart(t) + s.index());
    }
    // the generic run marks all seeds before processing anything; so do we
    for (int o : seedOuts) {
      seedBits.set(o);
    }
    for (int o : seedOuts) {
      long v = ledger.outputValue(o);
      TaintState st =
          model.isOrdered() ? TaintState.of(Segments.tainted(v)) : TaintState.fullyTainted(v);
      seeded += v;
      Rec r = new Rec(o, ledger.txOfOutput(o), st, 0);
      records.add(r);
      place(r);
    }
    while (heapSize > 0 || !pendingFees.isEmpty()) {
      if (heapSize == 0) {
        flushFees(Long.MAX_VALUE);
        continue;
      }
      int p = heap[0];
      long height = ledger.height(p);
      if (!pendingFees.isEmpty() && pendingFees.firstKey() < height) {
        flushFees(height);
        continue;
      }
      pop();
      int hop = pendingHop[p];
      pendingHop[p] = -1;
      if (hop > options.maxHops() || processed >= options.maxTransactions()) {
        if (processed >= options.maxTransactions()) {
          complete = false;
        }
        stopAtLimit(p);
        continue;
      }
      process(p, hop, null);
    }
    return result();
  }

  private void push(int tx) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= tx) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = tx;
  }

  private void pop() {
    int last = heap[--heapSize];
    int i = 0;
    int half = heapSize >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      if (c + 1 < heapSize && heap[c + 1] < heap[c]) {
        c++;
      }
      if (last <= heap[c]) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }

  /** Where a freshly tainted output goes: burned, unspent, or to its spender's queue. */
  private void place(Rec r) {
    if (r.state.tainted() == 0) {
      r.status = CLEAN;
      return;
    }
    if (!ledger.outputType(r.out).isSpendable()) {
      r.status = BURNED;
      burned += r.state.tainted();
      return;
    }
    live[r.out] = r;
    int spender = ledger.spenderTx(r.out);
    if (spender < 0) {
      r.status = UNSPENT;
      return;
    }
    r.spentBy = spender;
    if (pendingHop[spender] < 0) {
      if (ledger.height(spender) > options.untilHeight()) {
        r.status = LIMIT;
        return;
      }
      pendingHop[spender] = r.hop + 1;
      push(spender);
    } else {
      pendingHop[spender] = Math.min(pendingHop[spender], r.hop + 1);
    }
    r.status = FOLLOWED;
  }

  /** A transaction beyond a limit: the taint it would spend stays where it is. */
  private void stopAtLimit(int tx) {
    int start = ledger.inputStart(tx);
    for (int g = start; g < start + ledger.inputCount(tx); g++) {
      int o = ledger.spentOutput(g);
      if (o >= 0 && live[o] != null) {
        live[o].status = LIMIT;
      }
    }
  }

  private void process(int tx, int hop, List<TaintState> coinbaseInputs) {
    processed++;
    List<TaintState> ins;
    if (coinbaseInputs != null) {
      ins = coinbaseInputs;
    } else {
      int start = ledger.inputStart(tx);
      int n = ledger.inputCount(tx);
      ins = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int g = start + i;
        if (ledger.isCoinbaseInput(g)) {
          continue; // a coinbase reached without fee taint has no value inputs
        }
        int o = ledger.spentOutput(g);
        Rec r = o >= 0 ? live[o] : null;
        if (r != null) {
          live[o] = null;
          ins.add(r.state);
        } else {
          ins.add(TaintState.clean(inputValue(tx, i, g)));
        }
      }
    }
    int outStart = ledger.outputStart(tx);
    long[] outVals = new long[ledger.outputCount(tx)];
    for (int j = 0; j < outVals.length; j++) {
      outVals[j] = ledger.outputValue(outStart + j);
    }
    TxId id = ledger.txId(tx);
    TaintModel.TxResult res;
    try {
      res = model.apply(ins, outVals, options.feePolicy());
    } catch (IllegalArgumentException e) {
      throw new TaintException("transaction " + id + ": " + e.getMessage(), e);
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
      int o = outStart + j;
      if (seedBits.get(o)) {
        seeded -= st.tainted(); // the seed stays fully tainted; only the difference is new taint
        continue;
      }
      Rec r = new Rec(o, tx, st, hop);
      records.add(r);
      if (st.tainted() > 0 && !ledger.outputType(o).isSpendable()) {
        txBurned += st.tainted();
      }
      place(r);
    }
    BlockRef block = ledger.block(tx);
    boolean coinbase = coinbaseInputs != null;
    long feeTaint = res.fee().tainted();
    long txLost = res.lost();
    boolean toCoinbase = false;
    if (coinbase) {
      txLost += feeTaint; // value the miner did not claim: its taint goes nowhere
      feeTaint = 0;
    } else if (options.taintFee() && res.fee().value() > 0) {
      pendingFees
          .computeIfAbsent(block.height(), h -> new ArrayList<>())
          .add(new FeeEntry(block.position(), res.fee(), hop));
      toCoinbase = feeTaint > 0;
    } else {
      fees += feeTaint;
    }
    lost += txLost;
    TxTaint record =
        new TxTaint(
            id,
            block,
            hop,
            coinbase,
            inTaint,
            outTaint,
            res.fee().value(),
            feeTaint,
            txBurned,
            txLost,
            toCoinbase);
    txs.put(id, record);
    txOrder.add(new TxEntry(tx, id));
  }

  /** A clean input's value; like the generic run, never guessed. */
  private long inputValue(int tx, int i, int g) {
    long v = ledger.inputValue(g);
    if (v >= 0) {
      return v;
    }
    throw new TaintException.UnresolvedInput(
        "transaction "
            + ledger.txId(tx)
            + " input "
            + i
            + " spends "
            + ledger.prevout(g).orElseThrow()
            + ", whose value is not in "
            + ledger.describe());
  }

  /** Feeds the fees of every block below {@code belowHeight} into its coinbase. */
  private void flushFees(long belowHeight) {
    while (!pendingFees.isEmpty() && pendingFees.firstKey() < belowHeight) {
      Map.Entry<Long, List<FeeEntry>> e = pendingFees.pollFirstEntry();
      long height = e.getKey();
      List<FeeEntry> entries = new ArrayList<>(e.getValue());
      entries.sort(Comparator.comparingInt(FeeEntry::position));
      long taint = 0;
      int hop = Integer.MAX_VALUE;
      long known = 0;
      for (FeeEntry f : entries) {
        taint += f.fee().tainted();
        known = Math.addExact(known, f.fee().value());
        if (f.fee().tainted() > 0) {
          hop = Math.min(hop, f.hop());
        }
      }
      if (taint == 0) {
        continue;
      }
      int cbHop = hop + 1;
      if (cbHop > options.maxHops() || processed >= options.maxTransactions()) {
        complete &= cbHop > options.maxHops();
        fees += taint; // the coinbase is beyond a limit: the fee taint stays terminal
        unmark(height);
        continue;
      }
      int cb = coinbase(height);
      long outs = 0;
      int os = ledger.outputStart(cb);
      for (int o = os; o < os + ledger.outputCount(cb); o++) {
        outs = Math.addExact(outs, ledger.outputValue(o));
      }
      long subsidy = Math.min(options.subsidy().applyAsLong(height), Math.max(0, outs - known));
      long rest = Math.max(0, outs - known - subsidy);
      List<TaintState> ins = new ArrayList<>(entries.size() + 2);
      ins.add(TaintState.clean(subsidy));
      for (FeeEntry f : entries) {
        ins.add(f.fee());
      }
      ins.add(TaintState.clean(rest));
      feesToCoinbase += taint;
      process(cb, cbHop, ins);
    }
  }

  /** The fee taint of this block's transactions did not reach a coinbase after all. */
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

  /** The first coinbase of that height in chain order, as the generic run's index keeps. */
  private int coinbase(long height) {
    if (coinbaseIndex == null) {
      coinbaseIndex = new HashMap<>();
      for (int t = 0; t < ledger.size(); t++) {
        if (ledger.isCoinbase(t)) {
          coinbaseIndex.putIfAbsent(ledger.height(t), t);
        }
      }
    }
    Integer cb = coinbaseIndex.get(height);
    if (cb == null) {
      throw new TaintException.MissingTransaction(
          "taintFee: the coinbase of block " + height + " is not in the source");
    }
    return cb;
  }

  private UtxoTaintResult result() {
    // global output index is (chain order, output index); the low half keeps append order for
    // equal outputs (a coinbase processed twice), as the generic stable sort does
    long[] keys = new long[records.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ((long) records.get(i).out << 32) | i;
    }
    Arrays.sort(keys);
    TxId[] ids = new TxId[ledger.size()]; // one TxId per transaction named in the result
    for (TxEntry t : txOrder) {
      ids[t.tx()] = t.id();
    }
    List<OutputTaint> outs = new ArrayList<>(keys.length);
    Map<OutPoint, OutputTaint> by = new HashMap<>(keys.length * 2);
    long held = 0;
    int maxSeg = 0;
    long totalSeg = 0;
    for (long k : keys) {
      Rec r = records.get((int) k);
      Segments seg = r.state.segmentsOrNull();
      if (seg == null && model.isOrdered()) {
        seg = r.state.segmentsForOrdered();
      }
      TxId spent = r.status == FOLLOWED || r.status == LIMIT ? id(ids, r.spentBy) : null;
      OutPoint op = new OutPoint(id(ids, r.tx), r.out - ledger.outputStart(r.tx));
      OutputTaint o =
          new OutputTaint(
              op,
              ledger.outputAddress(r.out),
              ledger.outputValue(r.out),
              r.state.tainted(),
              r.hop,
              STATUS[r.status],
              spent,
              seg);
      if (o.isTerminal()) {
        held += o.tainted();
      }
      if (seg != null) {
        maxSeg = Math.max(maxSeg, seg.size());
        totalSeg += seg.size();
      }
      outs.add(o);
      by.put(op, o);
    }
    long[] txKeys = new long[txOrder.size()];
    for (int i = 0; i < txKeys.length; i++) {
      txKeys[i] = ((long) txOrder.get(i).tx() << 32) | i;
    }
    Arrays.sort(txKeys);
    List<TxTaint> txList = new ArrayList<>(txKeys.length);
    for (long k : txKeys) {
      txList.add(txs.get(txOrder.get((int) k).id())); // the map holds the final version
    }
    UtxoTaintResult.Totals totals =
        new UtxoTaintResult.Totals(
            seeded, held, fees, feesToCoinbase, burned, lost, processed, maxSeg, totalSeg);
    return new UtxoTaintResult(model, options, outs, by, txList, txs, totals, complete);
  }

  private TxId id(TxId[] ids, int tx) {
    TxId id = ids[tx];
    if (id == null) {
      id = ledger.txId(tx);
      ids[tx] = id;
    }
    return id;
  }
}
