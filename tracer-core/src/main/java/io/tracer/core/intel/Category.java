package io.tracer.core.intel;

import java.util.Locale;
import java.util.Optional;

/**
 * tracer's risk taxonomy. It follows the GraphSense concepts (derived from the INTERPOL Darknet and
 * Cryptocurrencies Working Group taxonomy) and adds OFAC sanctions; {@link Taxonomy} maps every
 * source vocabulary onto it. Each category is one of three kinds:
 *
 * <ul>
 *   <li>{@link Kind#ILLICIT}: exposure to it is a risk (sanctions, child sexual abuse material,
 *       human trafficking, ransomware, …);
 *   <li>{@link Kind#SERVICE}: an attributed service (exchange, mixer, gambling). Exposure searches
 *       stop there, because a service's internal flows are not visible (HEURISTICS.md §4.3). A
 *       mixer is both: it stops the search and is itself a risk;
 *   <li>{@link Kind#INFO}: an attribution that is neither (a known user, an organisation).
 * </ul>
 */
public enum Category {
  SANCTIONS("sanctions", Kind.ILLICIT, "OFAC/SDN and other sanctions lists (GraphSense: sanction)"),
  CHILD_SEXUAL_ABUSE(
      "child_sexual_abuse", Kind.ILLICIT, "child sexual abuse material (CSAM) and sexual abuse"),
  HUMAN_TRAFFICKING("human_trafficking", Kind.ILLICIT, "human trafficking, forced labour"),
  TERRORISM_FINANCING("terrorism_financing", Kind.ILLICIT, "terrorism and its financing"),
  EXTREMISM("extremism", Kind.ILLICIT, "violent extremism"),
  VIOLENCE("violence", Kind.ILLICIT, "violence for hire, murder, torture"),
  SEXTORTION("sextortion", Kind.ILLICIT, "sextortion and other extortion"),
  RANSOMWARE("ransomware", Kind.ILLICIT, "ransomware payments"),
  DARKNET_MARKET("darknet_market", Kind.ILLICIT, "darknet markets, drugs, weapons, counterfeits"),
  STOLEN_FUNDS("stolen_funds", Kind.ILLICIT, "hacks and exploits of services and accounts"),
  SCAM("scam", Kind.ILLICIT, "scams, investment fraud, Ponzi and pyramid schemes"),
  PHISHING("phishing", Kind.ILLICIT, "phishing and social engineering"),
  MALWARE("malware", Kind.ILLICIT, "malware other than ransomware"),
  MONEY_LAUNDERING("money_laundering", Kind.ILLICIT, "money laundering"),
  BLOCKLISTED("blocklisted", Kind.ILLICIT, "frozen by a token issuer (e.g. USDT blacklist)"),
  FLAGGED(
      "flagged",
      Kind.ILLICIT,
      "reported as malicious by a source that gives no more specific category (STIX indicator)"),
  MIXER("mixer", Kind.SERVICE_AND_ILLICIT, "mixing services and CoinJoin coordinators"),
  EXCHANGE("exchange", Kind.SERVICE, "exchanges, brokers, ATMs"),
  GAMBLING("gambling", Kind.SERVICE, "gambling services"),
  SERVICE("service", Kind.SERVICE, "other services: wallets, payment processors, miners, DeFi"),
  OTHER("other", Kind.INFO, "attributions that carry no risk by themselves (users, organisations)");

  /** How a category affects screening. */
  public enum Kind {
    ILLICIT,
    SERVICE,
    SERVICE_AND_ILLICIT,
    INFO
  }

  private final String id;
  private final Kind kind;
  private final String description;

  Category(String id, Kind kind, String description) {
    this.id = id;
    this.kind = kind;
    this.description = description;
  }

  /** Stable lower-case identifier used in JSON, CSV and policy files. */
  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  /** True if exposure to this category is a risk. */
  public boolean isIllicit() {
    return kind == Kind.ILLICIT || kind == Kind.SERVICE_AND_ILLICIT;
  }

  /** True if exposure searches stop at addresses with this category. */
  public boolean isService() {
    return kind == Kind.SERVICE || kind == Kind.SERVICE_AND_ILLICIT;
  }

  /** The category with this id (case-insensitive, '-' and ' ' read as '_'), if any. */
  public static Optional<Category> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String w = id.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (Category c : values()) {
      if (c.id.equals(w) || c.name().equalsIgnoreCase(w)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
