package io.tracer.core.risk;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import io.tracer.core.model.Address;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The evidence for one contribution to exposure: the labelled wallet reached, its labels, and
 * the transactions in between. For {@link Direction#INCOMING} the steps run from the labelled
 * wallet to the subject, for {@link Direction#OUTGOING} from the subject to the labelled wallet.
 *
 * @param hops 1 for a direct counterparty
 * @param amount what the flow model attributes along this path (before decay)
 * @param decayed {@code floor(amount·λ^(hops−1))}
 */
public record ExposurePath(
    Category category,
    Direction direction,
    int hops,
    BigInteger amount,
    BigInteger decayed,
    Address counterparty,
    List<Label> labels,
    List<PathStep> steps) {

  /** Largest amount first, then fewer hops, then by counterparty and transactions (stable). */
  public static final Comparator<ExposurePath> ORDER =
      Comparator.comparing(ExposurePath::amount, Comparator.reverseOrder())
          .thenComparingInt(ExposurePath::hops)
          .thenComparing(ExposurePath::counterparty)
          .thenComparing(p -> p.steps.toString());

  public ExposurePath {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(direction, "direction");
    labels = List.copyOf(labels);
    steps = List.copyOf(steps);
  }

  public ExposureKind kind() {
    return hops <= 1 ? ExposureKind.DIRECT : ExposureKind.INDIRECT;
  }
}
