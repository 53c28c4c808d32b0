package io.tracer.core.taint;

/**
 * Where a transaction's fee takes its taint from (HEURISTICS.md §4). The models disagree in the
 * literature, and the figures differ, so the choice is explicit.
 */
public enum FeePolicy {
  /**
   * BlockSci's rule (default): outputs are served first; the fee is the last thing paid and taint
   * that reaches it is terminal (unless {@code taintFee} feeds it into the block's coinbase). For
   * FIFO/LIFO the fee takes the tail of the stream; for haircut the rounding residue goes to it.
   */
  TERMINAL,
  /**
   * TaintedTX's rule: the fee is first removed from every input in proportion to its value, then the
   * outputs share what is left. Input {@code i} pays {@code f·v_i/V} of the fee, apportioned exactly
   * (largest remainder, so the shares sum to the fee; TaintedTX rounds each share, which can miss by
   * a unit). For FIFO/LIFO an input's fee share is the tail of its own segment vector; for the
   * unordered models its taint is {@code floor(f_i·t_i/v_i)}. Poison ignores the policy.
   */
  PRO_RATA_FIRST
}
