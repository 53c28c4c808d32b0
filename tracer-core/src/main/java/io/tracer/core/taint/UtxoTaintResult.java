package io.tracer.core.taint;

import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of a UTXO propagation: every output reached (seeds, and all outputs of every
 * processed transaction), every processed transaction with its fee taint, and totals. Lists are in
 * chain order (block height, position, then txid and output index), so the same input gives the
 * same result byte for byte. Immutable and thread-safe. (The ledger fast path builds the elements
 * of {@link #outputs()} and {@link #transactions()} when they are first read; they are still
 * immutable values, equal to the generic path's.)
 */
public final class UtxoTaintResult {
  private final TaintModel model;
  private final UtxoTaintOptions options;
  private final List<OutputTaint> outputs;
  private final Function<OutPoint, OutputTaint> byOutPoint; // null if not reached
  private final List<TxTaint> transactions;
  private final Function<TxId, TxTaint> byTx; // null if not processed
  private final Totals totals;
  private final boolean complete;

  UtxoTaintResult(
      TaintModel model,
      UtxoTaintOptions options,
      List<OutputTaint> outputs,
      Map<OutPoint, OutputTaint> byOutPoint,
      List<TxTaint> transactions,
      Map<TxId, TxTaint> byTx,
      Totals totals,
      boolean complete) {
    this(
        model,
        options,
        List.copyOf(outputs),
        Collections.unmodifiableMap(byOutPoint)::get,
        List.copyOf(transactions),
        Collections.unmodifiableMap(byTx)::get,
        totals,
        complete);
  }

  /**
   * For an engine that indexes its result itself (the ledger fast path looks outputs up by the
   * ledger's integer index instead of a hash map of a million outpoints). The lists must be
   * immutable and the lookups pure: they are kept, not copied.
   */
  UtxoTaintResult(
      TaintModel model,
      UtxoTaintOptions options,
      List<OutputTaint> outputs,
      Function<OutPoint, OutputTaint> byOutPoint,
      List<TxTaint> transactions,
      Function<TxId, TxTaint> byTx,
      Totals totals,
      boolean complete) {
    this.model = model;
    this.options = options;
    this.outputs = outputs;
    this.byOutPoint = byOutPoint;
    this.transactions = transactions;
    this.byTx = byTx;
    this.totals = totals;
    this.complete = complete;
  }

  /**
   * Sums over the whole propagation. For every model but poison, {@code seeded = held + fees +
   * burned + lost} holds exactly ({@link #conserved()}).
   *
   * @param seeded taint put in by the seeds (less any taint a processed transaction had already
   *     given a seed output)
   * @param held taint resting in terminal outputs (unspent, or stopped at a limit)
   * @param fees taint in fees that stays there (not passed on to a processed coinbase)
   * @param feesToCoinbase taint in fees passed on to coinbases (also counted again downstream)
   * @param burned taint sent to unspendable (OP_RETURN) outputs
   * @param lost haircut rounding residue beyond the fee, and taint of unclaimed coinbase value
   * @param transactions transactions processed
   * @param maxSegments the largest segment count of any output (0 for unordered models)
   * @param totalSegments Σ segment counts over every output reached (0 for unordered models)
   */
  public record Totals(
      long seeded,
      long held,
      long fees,
      long feesToCoinbase,
      long burned,
      long lost,
      long transactions,
      int maxSegments,
      long totalSegments) {}

  public TaintModel model() {
    return model;
  }

  public UtxoTaintOptions options() {
    return options;
  }

  /** Every output reached, in chain order. */
  public List<OutputTaint> outputs() {
    return outputs;
  }

  /** The outputs where taint rests: unspent, or stopped at a limit. */
  public List<OutputTaint> terminalOutputs() {
    return outputs.stream().filter(OutputTaint::isTerminal).toList();
  }

  public Optional<OutputTaint> output(OutPoint out) {
    return Optional.ofNullable(byOutPoint.apply(out));
  }

  /** The tainted amount of an output, 0 if the propagation did not reach it. */
  public long taintOf(OutPoint out) {
    OutputTaint o = byOutPoint.apply(out);
    return o == null ? 0 : o.tainted();
  }

  /** Every processed transaction, in chain order. */
  public List<TxTaint> transactions() {
    return transactions;
  }

  public Optional<TxTaint> transaction(TxId id) {
    return Optional.ofNullable(byTx.apply(id));
  }

  /** The fee taint of a processed transaction, 0 if it was not processed. */
  public long feeTaint(TxId id) {
    TxTaint t = byTx.apply(id);
    return t == null ? 0 : t.feeTaint();
  }

  public Totals totals() {
    return totals;
  }

  /**
   * Whether this result knows the taint of every output in a block at {@code height}: the
   * propagation ran to completion with no hop limit and {@code height} is within {@code
   * untilHeight}. An output's taint depends only on transactions at or below its own height, so
   * such an output that {@link #output} does not hold is clean.
   */
  public boolean covers(long height) {
    return complete && options.maxHops() == Integer.MAX_VALUE && height <= options.untilHeight();
  }

  /** False if {@code maxTransactions} stopped the propagation early. */
  public boolean isComplete() {
    return complete;
  }

  /** Whether taint in equals taint out: {@code seeded = held + fees + burned + lost}. */
  public boolean conserved() {
    return totals.seeded() == totals.held() + totals.fees() + totals.burned() + totals.lost();
  }
}
