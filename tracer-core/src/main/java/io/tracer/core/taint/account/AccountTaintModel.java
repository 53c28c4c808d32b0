package io.tracer.core.taint.account;

import java.util.Locale;

/**
 * How an address's outflow takes its taint from what the address holds (HEURISTICS.md §4.2).
 * Conserving models satisfy, per asset, {@code seeded = held + fees}.
 */
public enum AccountTaintModel {
  /** Once an address holds any taint, every outflow is fully tainted. Does not conserve taint. */
  POISON("poison"),
  /**
   * The address keeps {@code (balance, taint)}; an outflow of {@code x} carries {@code
   * floor(x·taint/balance)} and the rounding remainder stays with the sender, so nothing is lost.
   */
  HAIRCUT("haircut"),
  /** Lots in arrival order; an outflow takes from the oldest lot. */
  FIFO("fifo"),
  /** Lots in arrival order; an outflow takes from the newest lot. */
  LIFO("lifo"),
  /**
   * An outflow takes tainted value first (the account analogue of TIHO; a tracer design choice,
   * HEURISTICS.md marks it as a guess). The worst case for the holder.
   */
  TAINT_FIRST("taint_first");

  private final String id;

  AccountTaintModel(String id) {
    this.id = id;
  }

  /** Lower-case id for the command line and JSON. */
  public String id() {
    return id;
  }

  public boolean conservesTaint() {
    return this != POISON;
  }

  /**
   * By id ({@code poison}, {@code haircut}, {@code fifo}, {@code lifo}, {@code taint_first}),
   * case-insensitive, {@code -} accepted for {@code _}; {@code tiho} is accepted for taint-first.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static AccountTaintModel byId(String id) {
    String want = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (want.equals("tiho")) {
      return TAINT_FIRST;
    }
    for (AccountTaintModel m : values()) {
      if (m.id.equals(want)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown account taint model '" + id + "'; known: poison, haircut, fifo, lifo, taint_first");
  }
}
