package io.tracer.core.risk;

import java.util.Locale;
import java.util.Optional;

/**
 * Alert severity, in increasing order (the levels KYT/TRM-style tools use). {@link #NONE} means
 * no alert.
 */
public enum Severity {
  NONE,
  LOW,
  MEDIUM,
  HIGH,
  SEVERE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static Severity min(Severity a, Severity b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Parses {@code low}, {@code HIGH}, … */
  public static Optional<Severity> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Severity v : values()) {
      if (v.name().equalsIgnoreCase(s.trim())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
