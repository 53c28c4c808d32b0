package io.tracer.core.risk;

import java.util.Locale;

/** Which way money flows relative to the screened subject. */
public enum Direction {
  /** Money the subject received: where did it come from (source of funds)? */
  INCOMING,
  /** Money the subject sent: where did it go (destination of funds)? */
  OUTGOING;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
