package io.tracer.core.intel;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How sure a source is of an attribution: a level from 0 to 100 and the GraphSense confidence id
 * it came from ({@code authority_data}, {@code forensic}, …; see graphsense-taxonomy/confidence.csv).
 * Numeric confidences from CSV files get the id {@code numeric}.
 */
public record Confidence(String id, int level) implements Comparable<Confidence> {
  public static final Confidence OVERRIDE = new Confidence("override", 100);
  public static final Confidence OWNERSHIP = new Confidence("ownership", 100);
  public static final Confidence LEDGER_IMMANENT = new Confidence("ledger_immanent", 100);
  public static final Confidence MANUAL_TRANSACTION = new Confidence("manual_transaction", 90);
  public static final Confidence SERVICE_API = new Confidence("service_api", 70);
  public static final Confidence FORENSIC_INVESTIGATION =
      new Confidence("forensic_investigation", 70);
  /** Public authorities such as OFAC. GraphSense ranks this 60; tracer keeps that ranking. */
  public static final Confidence AUTHORITY_DATA = new Confidence("authority_data", 60);
  public static final Confidence TRUSTED_PROVIDER = new Confidence("trusted_provider", 50);
  public static final Confidence SERVICE_DATA = new Confidence("service_data", 50);
  public static final Confidence FORENSIC = new Confidence("forensic", 50);
  public static final Confidence UNTRUSTED_TRANSACTION = new Confidence("untrusted_transaction", 40);
  public static final Confidence WEB_CRAWL = new Confidence("web_crawl", 20);
  public static final Confidence HEURISTIC = new Confidence("heuristic", 10);
  public static final Confidence UNKNOWN = new Confidence("unknown", 5);

  private static final Confidence[] KNOWN = {
    OVERRIDE, OWNERSHIP, LEDGER_IMMANENT, MANUAL_TRANSACTION, SERVICE_API, FORENSIC_INVESTIGATION,
    AUTHORITY_DATA, TRUSTED_PROVIDER, SERVICE_DATA, FORENSIC, UNTRUSTED_TRANSACTION, WEB_CRAWL,
    HEURISTIC, UNKNOWN
  };

  public Confidence {
    Objects.requireNonNull(id, "id");
    if (level < 0 || level > 100) {
      throw new IllegalArgumentException("confidence level must be 0..100: " + level);
    }
  }

  /**
   * Parses a GraphSense confidence id ({@code authority_data}) or an integer level 0..100.
   *
   * @return empty if the text is neither
   */
  public static Optional<Confidence> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Confidence c : KNOWN) {
      if (c.id.equals(t)) {
        return Optional.of(c);
      }
    }
    if (!t.isEmpty() && t.length() <= 3 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int level = Integer.parseInt(t);
      if (level <= 100) {
        return Optional.of(new Confidence("numeric", level));
      }
    }
    return Optional.empty();
  }

  /** Higher level first is the natural "most trusted" order; ties by id. */
  @Override
  public int compareTo(Confidence o) {
    int c = Integer.compare(level, o.level);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return id + "(" + level + ")";
  }
}
