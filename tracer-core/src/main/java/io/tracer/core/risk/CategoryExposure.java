package io.tracer.core.risk;

import io.tracer.core.intel.Category;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Exposure of the subject to one category in one direction.
 *
 * @param direct amount exchanged directly with labelled wallets (hop 1)
 * @param indirect amount reached through intermediaries, decayed by λ^(hops−1)
 * @param indirectUndecayed the same before decay
 * @param minHops fewest hops to a wallet of this category
 * @param minIndirectHops fewest hops among indirect paths (0 if there is no indirect exposure)
 * @param pathCount how many paths contributed (only the top {@code paths} are kept as evidence)
 * @param paths the strongest evidence paths, {@link ExposurePath#ORDER}
 */
public record CategoryExposure(
    Category category,
    Direction direction,
    BigInteger direct,
    BigInteger indirect,
    BigInteger indirectUndecayed,
    int minHops,
    int minIndirectHops,
    long pathCount,
    List<ExposurePath> paths) {
  public CategoryExposure {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(direction, "direction");
    paths = List.copyOf(paths);
  }

  /** Direct plus (decayed) indirect. */
  public BigInteger total() {
    return direct.add(indirect);
  }
}
