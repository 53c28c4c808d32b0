package io.tracer.ethereum.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that two addresses belong to one entity: which rule said so, on which transactions, and
 * how sure it is (0 to 1). Links are never applied irreversibly: a caller can drop a rule and
 * recompute the clusters.
 */
public record Link(Address a, Address b, String rule, List<TxId> evidence, BigDecimal confidence) {
  public Link {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(rule, "rule");
    evidence = List.copyOf(evidence);
    if (confidence.signum() < 0 || confidence.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }
  }
}
