package io.tracer.core.risk;

import java.util.Locale;

/** How the subject is connected to a labelled wallet. */
public enum ExposureKind {
  /** The subject itself carries the label. */
  OWNERSHIP,
  /** The labelled wallet is a direct counterparty (one hop). */
  DIRECT,
  /** Reached through unattributed intermediaries (two hops or more). */
  INDIRECT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
