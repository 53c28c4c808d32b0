package io.tracer.core.risk;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A policy finding: which category, how the subject is connected ({@link ExposureKind}), in which
 * direction (null for ownership), how much, which rule fired, and the evidence (labels of the
 * subject for ownership, else the strongest paths).
 *
 * @param amount base units of the exposure (direct, or decayed indirect)
 * @param sharePercent amount as a percentage of the subject's volume in that direction
 * @param hops fewest hops (0 for ownership)
 * @param rule the condition that fired, in words
 */
public record Alert(
    Severity severity,
    Category category,
    ExposureKind kind,
    Direction direction,
    BigInteger amount,
    BigDecimal sharePercent,
    int hops,
    String rule,
    List<Label> labels,
    List<ExposurePath> evidence) {

  /** Most severe first, then category, kind, direction: deterministic output. */
  public static final Comparator<Alert> ORDER =
      Comparator.comparing(Alert::severity, Comparator.reverseOrder())
          .thenComparing(Alert::category)
          .thenComparing(Alert::kind)
          .thenComparing(a -> a.direction == null ? -1 : a.direction.ordinal());

  public Alert {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(sharePercent, "sharePercent");
    Objects.requireNonNull(rule, "rule");
    labels = List.copyOf(labels);
    evidence = List.copyOf(evidence);
  }
}
