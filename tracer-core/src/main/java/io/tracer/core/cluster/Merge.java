package io.tracer.core.cluster;

import io.tracer.core.heuristic.Heuristic;
import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import java.util.Objects;

/**
 * One piece of evidence: {@code a} and {@code b} were put in one cluster by {@code heuristic},
 * because of transaction {@code tx}, with {@code confidence} (0–100).
 */
public record Merge(Address a, Address b, String heuristic, TxId tx, int confidence) {
  public Merge {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(heuristic, "heuristic");
    Objects.requireNonNull(tx, "tx");
    Heuristic.checkConfidence(confidence);
  }
}
