package io.tracer.core.intel;

/** The intelligence formats tracer reads. See docs/intel-and-risk.md and INTEL_FORMATS.md. */
public enum IntelFormat {
  /** 0xB10C's {@code sanctioned_addresses_<SYM>.txt}: one address per line. */
  OFAC_TXT,
  /** 0xB10C's {@code sanctioned_addresses_<SYM>.json}: a JSON array of address strings. */
  OFAC_JSON,
  /** OFAC SDN_ADVANCED.XML (FeatureType "Digital Currency Address - SYM"). */
  SDN_ADVANCED_XML,
  /** OFAC legacy sdn.xml ({@code idType}/{@code idNumber}). */
  SDN_XML,
  /** GraphSense TagPack YAML. */
  TAGPACK,
  /** MISP event JSON ({@code btc}/{@code xmr} attributes, {@code coin-address} objects). */
  MISP,
  /** STIX 2.1 bundle ({@code cryptocurrency-wallet} objects and indicator patterns). */
  STIX,
  /** tracer CSV: {@code address,chain,category,label,source,confidence}. */
  CSV
}
