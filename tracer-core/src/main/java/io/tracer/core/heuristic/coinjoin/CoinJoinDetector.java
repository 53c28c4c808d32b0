package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.UtxoTx;
import java.util.Optional;

/**
 * Recognises one CoinJoin or mixer transaction shape. Must not throw on odd input (coinbase, no
 * outputs, unresolved inputs): it answers empty instead. Stateless and thread-safe.
 */
public interface CoinJoinDetector extends Heuristic {

  /** The match, or empty if {@code tx} does not have this shape. */
  Optional<CoinJoinMatch> detect(UtxoTx tx, LedgerView view);

  /**
   * The fewest outputs a transaction needs for this detector to fire; {@link CoinJoinScreen} skips
   * the detector for smaller transactions (most transactions have one or two outputs). The default
   * 0 never skips.
   */
  default int minOutputs() {
    return 0;
  }
}
