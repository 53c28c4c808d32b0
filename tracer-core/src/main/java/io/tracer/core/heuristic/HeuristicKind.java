package io.tracer.core.heuristic;

/**
 * Whether a heuristic's answer can change as the chain grows (BlockSci's split in {@code
 * change.rst}).
 */
public enum HeuristicKind {
  /** Reads only the transaction itself (and the outputs its inputs spend). */
  STATIC,
  /**
   * Also reads later or earlier transactions (who spent an output, an address's first
   * appearance): the answer may change when more blocks are loaded.
   */
  DYNAMIC;

  /** DYNAMIC if either is. */
  public HeuristicKind and(HeuristicKind other) {
    return this == DYNAMIC || other == DYNAMIC ? DYNAMIC : STATIC;
  }
}
