package io.tracer.core.intel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the vocabularies of intelligence sources onto {@link Category}: GraphSense concepts (all 86
 * of graphsense-taxonomy/concepts.yaml; unknown values such as {@code black_list} are handled
 * too), Chainalysis-style names used in CSV files, and OFAC. Stateless.
 */
public final class Taxonomy {
  private Taxonomy() {}

  private static final Map<String, Category> CONCEPTS =
      Map.ofEntries(
          // abuse
          Map.entry("sanction", Category.SANCTIONS),
          Map.entry("sanctions", Category.SANCTIONS),
          Map.entry("sanctioned", Category.SANCTIONS),
          Map.entry("sanctioned_entity", Category.SANCTIONS),
          Map.entry("sanctioned_jurisdiction", Category.SANCTIONS),
          Map.entry("ofac", Category.SANCTIONS),
          Map.entry("sexual_abuse", Category.CHILD_SEXUAL_ABUSE),
          Map.entry("child_sexual_abuse", Category.CHILD_SEXUAL_ABUSE),
          Map.entry("child_abuse_material", Category.CHILD_SEXUAL_ABUSE),
          Map.entry("csam", Category.CHILD_SEXUAL_ABUSE),
          Map.entry("human_trafficking", Category.HUMAN_TRAFFICKING),
          Map.entry("trafficking", Category.HUMAN_TRAFFICKING),
          Map.entry("terrorism", Category.TERRORISM_FINANCING),
          Map.entry("terrorism_financing", Category.TERRORISM_FINANCING),
          Map.entry("terrorist_financing", Category.TERRORISM_FINANCING),
          Map.entry("extremism", Category.EXTREMISM),
          Map.entry("violence", Category.VIOLENCE),
          Map.entry("murder", Category.VIOLENCE),
          Map.entry("torture", Category.VIOLENCE),
          Map.entry("extortion", Category.SEXTORTION),
          Map.entry("sextortion", Category.SEXTORTION),
          Map.entry("ransomware", Category.RANSOMWARE),
          Map.entry("market", Category.DARKNET_MARKET),
          Map.entry("darknet_market", Category.DARKNET_MARKET),
          Map.entry("dark_web", Category.DARKNET_MARKET),
          Map.entry("drugs", Category.DARKNET_MARKET),
          Map.entry("weapons", Category.DARKNET_MARKET),
          Map.entry("counterfeit", Category.DARKNET_MARKET),
          Map.entry("fraud_shop", Category.DARKNET_MARKET),
          Map.entry("online_pharmacy", Category.DARKNET_MARKET),
          Map.entry("hacking", Category.STOLEN_FUNDS),
          Map.entry("service_hack", Category.STOLEN_FUNDS),
          Map.entry("account_hack", Category.STOLEN_FUNDS),
          Map.entry("exploit", Category.STOLEN_FUNDS),
          Map.entry("data_breach", Category.STOLEN_FUNDS),
          Map.entry("stolen_funds", Category.STOLEN_FUNDS),
          Map.entry("stolen_bitcoins", Category.STOLEN_FUNDS),
          Map.entry("stolen_ether", Category.STOLEN_FUNDS),
          Map.entry("scam", Category.SCAM),
          Map.entry("financial_crime", Category.SCAM),
          Map.entry("investment_fraud", Category.SCAM),
          Map.entry("ponzi_scheme", Category.SCAM),
          Map.entry("pyramid_scheme", Category.SCAM),
          Map.entry("payment_card_fraud", Category.SCAM),
          Map.entry("phishing", Category.PHISHING),
          Map.entry("social_engineering", Category.PHISHING),
          Map.entry("malware", Category.MALWARE),
          Map.entry("money_laundering", Category.MONEY_LAUNDERING),
          Map.entry("black_list", Category.BLOCKLISTED),
          Map.entry("blacklist", Category.BLOCKLISTED),
          Map.entry("blocklisted", Category.BLOCKLISTED),
          // services
          Map.entry("mixing_service", Category.MIXER),
          Map.entry("mixing", Category.MIXER),
          Map.entry("mixer", Category.MIXER),
          Map.entry("coinjoin", Category.MIXER),
          Map.entry("protocol_privacy", Category.MIXER),
          Map.entry("exchange", Category.EXCHANGE),
          Map.entry("no_kyc_exchange", Category.EXCHANGE),
          Map.entry("p2p_exchange", Category.EXCHANGE),
          Map.entry("instant_exchange", Category.EXCHANGE),
          Map.entry("decentralized_exchange", Category.EXCHANGE),
          Map.entry("atm", Category.EXCHANGE),
          Map.entry("gambling", Category.GAMBLING),
          Map.entry("service", Category.SERVICE),
          Map.entry("wallet_service", Category.SERVICE),
          Map.entry("hosted_wallet", Category.SERVICE),
          Map.entry("escrow_wallet", Category.SERVICE),
          Map.entry("ico_wallet", Category.SERVICE),
          Map.entry("cold_wallet", Category.SERVICE),
          Map.entry("hot_wallet", Category.SERVICE),
          Map.entry("warm_wallet", Category.SERVICE),
          Map.entry("payment_processor", Category.SERVICE),
          Map.entry("merchant_services", Category.SERVICE),
          Map.entry("miner", Category.SERVICE),
          Map.entry("mining_service", Category.SERVICE),
          Map.entry("mining_pool", Category.SERVICE),
          Map.entry("shop", Category.SERVICE),
          Map.entry("faucet", Category.SERVICE),
          Map.entry("hosting", Category.SERVICE),
          Map.entry("vpn", Category.SERVICE),
          Map.entry("nameservice", Category.SERVICE),
          Map.entry("filesharing", Category.SERVICE),
          Map.entry("messaging_service", Category.SERVICE),
          Map.entry("search_engine", Category.SERVICE),
          Map.entry("index", Category.SERVICE),
          Map.entry("bridge", Category.SERVICE),
          Map.entry("lending", Category.SERVICE),
          Map.entry("defi", Category.SERVICE),
          Map.entry("defi_token", Category.SERVICE),
          Map.entry("defi_lending", Category.SERVICE),
          Map.entry("defi_dex", Category.SERVICE),
          Map.entry("defi_dex_pair", Category.SERVICE),
          Map.entry("defi_derivatives", Category.SERVICE),
          Map.entry("defi_bridge", Category.SERVICE),
          Map.entry("defi_dao", Category.SERVICE),
          Map.entry("defi_staking", Category.SERVICE),
          Map.entry("defi_custody", Category.SERVICE));

  /**
   * The category for a source's term (a GraphSense concept, a tracer category id, a vendor
   * name). Unknown terms, and terms that carry no risk and are no service ({@code user}, {@code
   * organization}, {@code perpetrator}), give empty: the caller decides (usually {@link
   * Category#OTHER}).
   */
  public static Optional<Category> category(String term) {
    if (term == null || term.isBlank()) {
      return Optional.empty();
    }
    String t = term.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    Category c = CONCEPTS.get(t);
    if (c != null) {
      return Optional.of(c);
    }
    return Category.fromId(t).filter(x -> x != Category.OTHER);
  }

  /**
   * True if a source reference (URL or document name) points at a US Treasury sanctions
   * publication. TagPacks built from OFAC actions (Hydra, Blender.io, Tornado Cash, the INTERPOL
   * OFAC pack with {@code category: user}) cite such URLs; tracer adds {@link
   * Category#SANCTIONS} for them, recorded as inferred in the label's original category.
   */
  public static boolean isOfacSource(String source) {
    if (source == null) {
      return false;
    }
    String s = source.toLowerCase(Locale.ROOT);
    boolean treasury = s.contains("treasury.gov") || s.contains("ofac.treas");
    return treasury
        && (s.contains("sanction")
            || s.contains("ofac")
            || s.contains("sdn")
            || s.contains("recent-actions"));
  }
}
