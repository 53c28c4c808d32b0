package io.tracer.ethereum.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): either delay-seconds or an
 * HTTP-date. The wait is capped, so a hostile server cannot park the scan for hours.
 */
public final class RetryAfter {
  /** Longest wait a server can ask for. */
  public static final Duration MAX = Duration.ofSeconds(60);

  private RetryAfter() {}

  /**
   * The wait in milliseconds (0..{@link #MAX}), or -1 when the value is absent or unreadable.
   *
   * @param now the current time, for an HTTP-date
   */
  public static long millis(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    long ms;
    if (v.chars().allMatch(Character::isDigit)) {
      if (v.length() > 9) {
        return MAX.toMillis();
      }
      ms = Long.parseLong(v) * 1000L;
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        ms = Math.max(0, Duration.between(now, at).toMillis());
      } catch (DateTimeParseException e) {
        return -1;
      }
    }
    return Math.min(ms, MAX.toMillis());
  }
}
