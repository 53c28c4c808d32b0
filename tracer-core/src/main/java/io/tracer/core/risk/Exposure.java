package io.tracer.core.risk;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import io.tracer.core.model.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Exposure of one subject (an address or a transaction): its own labels, the volume it received
 * and sent, and per-category exposure in each direction. Amounts are exact base units of {@code
 * asset}.
 *
 * @param subject the address ({@code chain:value}) or transaction id screened
 * @param subjectLabels labels carried by the subject itself (ownership)
 * @param totalIncoming everything the subject received (change back to itself excluded)
 * @param totalOutgoing everything the subject sent to others
 * @param truncated true if the search hit its visit budget or met unresolved data: the figures
 *     are then lower bounds; {@code notes} say why
 */
public record Exposure(
    String subject,
    Asset asset,
    List<Label> subjectLabels,
    BigInteger totalIncoming,
    BigInteger totalOutgoing,
    List<CategoryExposure> incoming,
    List<CategoryExposure> outgoing,
    boolean truncated,
    List<String> notes,
    String model,
    int maxHops) {

  public Exposure {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(asset, "asset");
    subjectLabels = List.copyOf(subjectLabels);
    incoming = List.copyOf(incoming);
    outgoing = List.copyOf(outgoing);
    notes = List.copyOf(notes);
  }

  public List<CategoryExposure> of(Direction d) {
    return d == Direction.INCOMING ? incoming : outgoing;
  }

  public BigInteger total(Direction d) {
    return d == Direction.INCOMING ? totalIncoming : totalOutgoing;
  }

  public Optional<CategoryExposure> get(Direction d, Category c) {
    return of(d).stream().filter(x -> x.category() == c).findFirst();
  }

  /**
   * {@code part} as a percentage of {@code total}, truncated (not rounded) to 4 decimals, exact
   * (no floating point); 0 when the total is 0.
   */
  public static BigDecimal percent(BigInteger part, BigInteger total) {
    if (total.signum() == 0) {
      return BigDecimal.ZERO.setScale(4);
    }
    return new BigDecimal(part.multiply(BigInteger.valueOf(100)))
        .divide(new BigDecimal(total), 4, RoundingMode.DOWN);
  }
}
