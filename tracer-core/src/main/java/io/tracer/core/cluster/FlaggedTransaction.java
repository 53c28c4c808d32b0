package io.tracer.core.cluster;

import io.tracer.core.model.TxId;
import java.util.List;
import java.util.Objects;

/**
 * A transaction the CoinJoin screen kept out of every merge, with the detectors that fired (e.g.
 * {@code whirlpool-mix}, {@code stonewall}).
 */
public record FlaggedTransaction(TxId tx, List<String> detectors) {
  public FlaggedTransaction {
    Objects.requireNonNull(tx, "tx");
    detectors = List.copyOf(detectors);
  }
}
