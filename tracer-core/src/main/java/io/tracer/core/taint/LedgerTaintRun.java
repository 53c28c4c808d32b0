package io.tracer.core.taint;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
 * <p>Memory, per run: working arrays sized to the ledger (a state reference and an int per output,
 * two ints per transaction, a bit per output: about 12 bytes per output and 8 per transaction),
 * dropped when the run ends; and columns for what was reached (about 33 bytes per reached output
 * and 57 per processed transaction), which the result keeps. The result adds a reference per
 * output and per transaction record as they are read, and one TxId slot per ledger transaction.
 * One run is single-threaded and not reused.
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


  private final TaintModel model;
  private final UtxoTaintOptions options;
  private final UtxoLedger ledger;
  private final String description; // the source's, for error messages like the generic run's
  // Reached outputs (the generic run's Rec list), as columns rather than objects: a million of
  // them stay alive for the whole run, and copying them through young collections was a large
  // share of the time. Record r: global output, its tx, hop, status, spender tx, taint, and the
  // segment vector the result reports (null for the unordered models).
  private int recCount;
  private int[] recOut = new int[1024];
  private int[] recTx = new int[1024];
  private int[] recHop = new int[1024];
  private int[] recSpentBy = new int[1024];
  private byte[] recStatus = new byte[1024];
  private long[] recTainted = new long[1024];
  private Segments[] recSeg = new Segments[1024];
  // every processing of a transaction, in processing order (the generic run's txOrder), and the
  // position in it of each transaction's latest record (the generic run's map by txid, which
  // holds the final version: a coinbase can be processed twice, and unmark rewrites records)
  // (columns too: TxTaint objects are built once, in result(), so that they are not copied
  // through every young collection of the run)
  private static final byte TX_COINBASE = 1;
  private static final byte TX_FEE_TO_COINBASE = 2;
  private int txRecCount;
  private int[] txRecordTx = new int[1024];
  private int[] txRecHop = new int[1024];
  private byte[] txRecFlags = new byte[1024];
  private long[] txRecAmounts = new long[6 * 1024]; // inTaint, outTaint, fee, feeTaint, burned, lost
  private final int[] latestRecord; // by tx: index into the tx records, -1 if never processed
  private TaintState[] liveState; // by global output: the taint waiting for its spender
  private int[] liveRec; // by global output: the record of that taint (valid if live)
  private int[] pendingHop; // by tx: queued hop, -1 when not queued
  private int[] heap = new int[64]; // tx indices; index order is chain order
  private int heapSize;
  private final TreeMap<Long, List<BlockFees.Entry>> pendingFees = new TreeMap<>();
  private final BitSet seedBits;
  private final ArrayList<TaintState> inputs = new ArrayList<>();
  private Map<Long, Integer> coinbaseIndex;
  private long seeded;
  private long fees;
  private long feesToCoinbase;
  private long burned;
  private long lost;
  private long processed;
  private boolean complete = true;

  LedgerTaintRun(
      TaintModel model, UtxoTaintOptions options, UtxoLedger ledger, String description) {
    this.model = model;
    this.options = options;
    this.ledger = ledger;
    this.description = description;
    this.liveState = new TaintState[ledger.outputTotal()];
    this.liveRec = new int[ledger.outputTotal()];
    this.pendingHop = new int[ledger.size()];
    Arrays.fill(pendingHop, -1);
    this.latestRecord = new int[ledger.size()];
    Arrays.fill(latestRecord, -1);
    this.seedBits = new BitSet(ledger.outputTotal());
  }

  UtxoTaintResult run(Set<OutPoint> seeds) {
    List<Integer> seedOuts = new ArrayList<>(seeds.size());
    for (OutPoint s : seeds) {
      int t = ledger.indexOf(s.txId());
      if (t < 0) {
        throw new TaintException.MissingTransaction(
            "seed transaction " + s.txId() + " not found in " + description);
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
      place(addRecord(o, ledger.txOfOutput(o), st, 0), st);
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

  private int addRecord(int out, int tx, TaintState st, int hop) {
    int r = recCount;
    if (r == recOut.length) {
      int cap = r * 2;
      recOut = Arrays.copyOf(recOut, cap);
      recTx = Arrays.copyOf(recTx, cap);
      recHop = Arrays.copyOf(recHop, cap);
      recSpentBy = Arrays.copyOf(recSpentBy, cap);
      recStatus = Arrays.copyOf(recStatus, cap);
      recTainted = Arrays.copyOf(recTainted, cap);
      recSeg = Arrays.copyOf(recSeg, cap);
    }
    recOut[r] = out;
    recTx[r] = tx;
    recHop[r] = hop;
    recSpentBy[r] = -1;
    recTainted[r] = st.tainted();
    // The generic run derives this when it builds its result; here it is kept instead of the
    // whole state. segmentsForOrdered cannot throw for these states: seeds and every output of
    // an ordered model carry a vector, and unordered models never ask for one.
    Segments seg = st.segmentsOrNull();
    recSeg[r] = seg == null && model.isOrdered() ? st.segmentsForOrdered() : seg;
    recCount++;
    return r;
  }

  /** Where a freshly tainted output goes: burned, unspent, or to its spender's queue. */
  private void place(int r, TaintState st) {
    int out = recOut[r];
    if (st.tainted() == 0) {
      recStatus[r] = CLEAN;
      return;
    }
    if (!ledger.outputType(out).isSpendable()) {
      recStatus[r] = BURNED;
      burned += st.tainted();
      return;
    }
    liveState[out] = st;
    liveRec[out] = r;
    int spender = ledger.spenderTx(out);
    if (spender < 0) {
      recStatus[r] = UNSPENT;
      return;
    }
    recSpentBy[r] = spender;
    int hop = recHop[r];
    if (pendingHop[spender] < 0) {
      if (ledger.height(spender) > options.untilHeight()) {
        recStatus[r] = LIMIT;
        return;
      }
      pendingHop[spender] = hop + 1;
      push(spender);
    } else {
      pendingHop[spender] = Math.min(pendingHop[spender], hop + 1);
    }
    recStatus[r] = FOLLOWED;
  }

  /** A transaction beyond a limit: the taint it would spend stays where it is. */
  private void stopAtLimit(int tx) {
    int start = ledger.inputStart(tx);
    for (int g = start; g < start + ledger.inputCount(tx); g++) {
      int o = ledger.spentOutput(g);
      if (o >= 0 && liveState[o] != null) {
        recStatus[liveRec[o]] = LIMIT;
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
      ins = inputs; // reused: the model reads it during apply and keeps nothing of it
      ins.clear();
      for (int i = 0; i < n; i++) {
        int g = start + i;
        if (ledger.isCoinbaseInput(g)) {
          continue; // a coinbase reached without fee taint has no value inputs
        }
        int o = ledger.spentOutput(g);
        TaintState live = o >= 0 ? liveState[o] : null;
        if (live != null) {
          liveState[o] = null;
          ins.add(live);
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
    TaintModel.TxResult res;
    try {
      res = model.apply(ins, outVals, options.feePolicy());
    } catch (IllegalArgumentException e) {
      throw new TaintException("transaction " + ledger.txId(tx) + ": " + e.getMessage(), e);
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
      int r = addRecord(o, tx, st, hop);
      if (st.tainted() > 0 && !ledger.outputType(o).isSpendable()) {
        txBurned += st.tainted();
      }
      place(r, st);
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
          .computeIfAbsent(ledger.height(tx), h -> new ArrayList<>())
          .add(new BlockFees.Entry(ledger.position(tx), res.fee(), hop));
      toCoinbase = feeTaint > 0;
    } else {
      fees += feeTaint;
    }
    lost += txLost;
    int k = txRecCount++;
    if (k == txRecordTx.length) {
      int cap = k * 2;
      txRecordTx = Arrays.copyOf(txRecordTx, cap);
      txRecHop = Arrays.copyOf(txRecHop, cap);
      txRecFlags = Arrays.copyOf(txRecFlags, cap);
      txRecAmounts = Arrays.copyOf(txRecAmounts, 6 * cap);
    }
    txRecordTx[k] = tx;
    txRecHop[k] = hop;
    txRecFlags[k] = (byte) ((coinbase ? TX_COINBASE : 0) | (toCoinbase ? TX_FEE_TO_COINBASE : 0));
    txRecAmounts[6 * k] = inTaint;
    txRecAmounts[6 * k + 1] = outTaint;
    txRecAmounts[6 * k + 2] = res.fee().value();
    txRecAmounts[6 * k + 3] = feeTaint;
    txRecAmounts[6 * k + 4] = txBurned;
    txRecAmounts[6 * k + 5] = txLost;
    latestRecord[tx] = k;
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
            + description);
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
      int cb = coinbase(height);
      long outs = 0;
      int os = ledger.outputStart(cb);
      for (int o = os; o < os + ledger.outputCount(cb); o++) {
        outs = Math.addExact(outs, ledger.outputValue(o));
      }
      List<TaintState> ins = block.coinbaseInputs(outs, options.subsidy().applyAsLong(height));
      feesToCoinbase += taint;
      process(cb, cbHop, ins);
    }
  }

  /** The fee taint of this block's transactions did not reach a coinbase after all. */
  private void unmark(long height) {
    for (int k = 0; k < txRecCount; k++) {
      int tx = txRecordTx[k];
      if (latestRecord[tx] == k
          && ledger.height(tx) == height
          && (txRecFlags[k] & TX_FEE_TO_COINBASE) != 0) {
        txRecFlags[k] &= ~TX_FEE_TO_COINBASE;
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
    // the result keeps this run's columns (not copied) but not its working arrays
    liveState = null;
    liveRec = null;
    pendingHop = null;
    heap = null;
    // global output index is (chain order, output index); the low half keeps append order for
    // equal outputs (a coinbase processed twice), as the generic stable sort does
    long[] keys = new long[recCount];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ((long) recOut[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] outIndex = new int[keys.length]; // global output of outputs().get(i), ascending
    long held = 0;
    int maxSeg = 0;
    long totalSeg = 0;
    for (int i = 0; i < keys.length; i++) {
      int r = (int) keys[i];
      outIndex[i] = recOut[r];
      if (recStatus[r] == UNSPENT || recStatus[r] == LIMIT) {
        held += recTainted[r];
      }
      Segments seg = recSeg[r];
      if (seg != null) {
        maxSeg = Math.max(maxSeg, seg.size());
        totalSeg += seg.size();
      }
    }
    long[] txKeys = new long[txRecCount];
    for (int k = 0; k < txKeys.length; k++) {
      txKeys[k] = ((long) txRecordTx[k] << 32) | k;
    }
    Arrays.sort(txKeys);
    UtxoTaintResult.Totals totals =
        new UtxoTaintResult.Totals(
            seeded, held, fees, feesToCoinbase, burned, lost, processed, maxSeg, totalSeg);
    Outputs outs = new Outputs(this, keys, outIndex);
    Transactions txList = new Transactions(this, txKeys, outs.ids);
    UtxoLedger l = ledger;
    int[] latest = latestRecord;
    // Lookups go through the ledger's id index and the sorted arrays instead of hash maps over
    // every reached output and transaction (building those was the fast path's largest cost).
    return new UtxoTaintResult(
        model,
        options,
        outs,
        op -> {
          int g = op == null ? -1 : l.outputIndexOf(op); // a map lookup of null finds nothing
          int i = g < 0 ? -1 : Arrays.binarySearch(outIndex, g);
          if (i < 0) {
            return null;
          }
          while (i + 1 < outIndex.length && outIndex[i + 1] == g) {
            i++; // the generic map keeps the last of equal outputs
          }
          return outs.get(i);
        },
        txList,
        id -> {
          int t = id == null ? -1 : l.indexOf(id);
          return t < 0 || latest[t] < 0 ? null : txList.build(latest[t]);
        },
        totals,
        complete);
  }

  /**
   * The result's outputs, each built from the run's columns on first access and then kept.
   * Building 1.3 million {@link OutputTaint} objects up front, and copying them through young
   * collections, took longer than the propagation itself; a caller who wants totals, a few
   * lookups or a stream pays only for what it reads. Immutable: the columns are not written after
   * the run, and a slot written by two racing readers gets equal immutable values (final fields).
   */
  private static final class Outputs extends java.util.AbstractList<OutputTaint>
      implements java.util.RandomAccess {
    private final LedgerTaintRun run;
    private final long[] keys;
    private final int[] outIndex;
    private final OutputTaint[] built;
    final TxId[] ids; // one TxId object per transaction named, shared with the tx records

    Outputs(LedgerTaintRun run, long[] keys, int[] outIndex) {
      this.run = run;
      this.keys = keys;
      this.outIndex = outIndex;
      this.built = new OutputTaint[keys.length];
      this.ids = new TxId[run.ledger.size()];
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public OutputTaint get(int i) {
      OutputTaint o = built[i];
      if (o == null) {
        o = build(i);
        built[i] = o;
      }
      return o;
    }

    private OutputTaint build(int i) {
      int r = (int) keys[i];
      int out = outIndex[i];
      int tx = run.recTx[r];
      byte status = run.recStatus[r];
      TxId spent = status == FOLLOWED || status == LIMIT ? id(run, ids, run.recSpentBy[r]) : null;
      return new OutputTaint(
          new OutPoint(id(run, ids, tx), out - run.ledger.outputStart(tx)),
          run.ledger.outputAddress(out),
          run.ledger.outputValue(out),
          run.recTainted[r],
          run.recHop[r],
          STATUS[status],
          spent,
          run.recSeg[r]);
    }
  }

  /** The result's transactions in chain order, built on first access (see {@link Outputs}). */
  private static final class Transactions extends java.util.AbstractList<TxTaint>
      implements java.util.RandomAccess {
    private final LedgerTaintRun run;
    private final long[] txKeys;
    private final TxId[] ids;
    private final TxTaint[] built; // by tx record

    Transactions(LedgerTaintRun run, long[] txKeys, TxId[] ids) {
      this.run = run;
      this.txKeys = txKeys;
      this.ids = ids;
      this.built = new TxTaint[txKeys.length];
    }

    @Override
    public int size() {
      return txKeys.length;
    }

    @Override
    public TxTaint get(int i) {
      return build(run.latestRecord[(int) (txKeys[i] >>> 32)]); // every record: the final version
    }

    TxTaint build(int k) {
      TxTaint t = built[k];
      if (t == null) {
        int tx = run.txRecordTx[k];
        byte f = run.txRecFlags[k];
        long[] a = run.txRecAmounts;
        t =
            new TxTaint(
                id(run, ids, tx),
                run.ledger.block(tx),
                run.txRecHop[k],
                (f & TX_COINBASE) != 0,
                a[6 * k],
                a[6 * k + 1],
                a[6 * k + 2],
                a[6 * k + 3],
                a[6 * k + 4],
                a[6 * k + 5],
                (f & TX_FEE_TO_COINBASE) != 0);
        built[k] = t;
      }
      return t;
    }
  }

  private static TxId id(LedgerTaintRun run, TxId[] ids, int tx) {
    TxId id = ids[tx];
    if (id == null) {
      id = run.ledger.txId(tx);
      ids[tx] = id;
    }
    return id;
  }
}
