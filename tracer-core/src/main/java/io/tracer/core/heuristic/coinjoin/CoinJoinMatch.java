package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.Heuristic;
import java.util.Objects;

/**
 * A detector's positive answer.
 *
 * @param detector the detector's name, e.g. {@code whirlpool-mix}
 * @param confidence 0–100
 * @param multiParty true if the transaction joins several owners (a mix); false for single-owner
 *     shapes that still must not be clustered naively (Whirlpool Tx0, Stonewall)
 * @param evidence one line with the values that matched (denomination, counts)
 */
public record CoinJoinMatch(String detector, int confidence, boolean multiParty, String evidence) {
  public CoinJoinMatch {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(evidence, "evidence");
    Heuristic.checkConfidence(confidence);
  }
}
