package io.tracer.core.intel;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribution of an address (or cluster) by one source. The address itself is not part of
 * the label: a {@link Watchlist} maps addresses to labels, and a label shared by thousands of
 * addresses (a TagPack's header) is stored once.
 *
 * <p>All text is plain text: control characters are replaced and length is capped, but markup is
 * kept verbatim (a label reading {@code <script>} stays exactly that). Writers escape for their
 * own format.
 *
 * @param category tracer's category
 * @param originalCategory the category as the source wrote it ({@code abuse:ransomware}, {@code
 *     Digital Currency Address - XBT}, {@code misp:btc}), for the audit trail
 * @param label the name the source gives (an entity, a campaign), possibly empty
 * @param source where the attribution comes from: a URL, a document, or the file name
 * @param confidence how sure the source is
 * @param date when the source last changed the attribution, if it says
 * @param actor the actor id, if the source names one (GraphSense {@code actor})
 * @param origin the file (or stream name) the label was read from, and its format
 */
public record Label(
    Category category,
    String originalCategory,
    String label,
    String source,
    Confidence confidence,
    LocalDate date,
    String actor,
    String origin) {

  /** Maximum length of free-text fields; longer text is cut (with "..."). */
  public static final int MAX_TEXT = 512;

  /** Deterministic order for output: most severe category first, then most confident, then text. */
  public static final Comparator<Label> ORDER =
      Comparator.comparing(Label::category)
          .thenComparing(Label::confidence, Comparator.reverseOrder())
          .thenComparing(Label::label)
          .thenComparing(Label::source)
          .thenComparing(Label::originalCategory)
          .thenComparing(l -> l.date == null ? "" : l.date.toString())
          .thenComparing(l -> l.actor == null ? "" : l.actor)
          .thenComparing(Label::origin);

  public Label {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(confidence, "confidence");
    originalCategory = Texts.plain(originalCategory, MAX_TEXT);
    label = Texts.plain(label, MAX_TEXT);
    source = Texts.plain(source, MAX_TEXT);
    actor = actor == null || actor.isBlank() ? null : Texts.plain(actor, MAX_TEXT);
    origin = Texts.plain(origin, MAX_TEXT);
  }

  public Optional<LocalDate> lastModified() {
    return Optional.ofNullable(date);
  }

  public Optional<String> actorId() {
    return Optional.ofNullable(actor);
  }

  @Override
  public String toString() {
    return category.id() + " '" + label + "' (" + source + ", " + confidence + ")";
  }
}
