package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Nested
  class HappyPath {
    @Test
    void millis_delaySeconds_inMillis() {
      assertEquals(7000, RetryAfter.millis("7", NOW));
      assertEquals(0, RetryAfter.millis(" 0 ", NOW));
    }

    @Test
    void millis_httpDate_timeUntilThen() {
      assertEquals(12_000, RetryAfter.millis("Sun, 01 Mar 2026 12:00:12 GMT", NOW));
    }

    @Test
    void millis_httpDateInThePast_zero() {
      assertEquals(0, RetryAfter.millis("Sun, 01 Mar 2026 11:00:00 GMT", NOW));
    }
  }

  @Nested
  class Rejection {
    @Test
    void millis_hostileHugeValues_cappedAtOneMinute() {
      assertEquals(60_000, RetryAfter.millis("86400", NOW));
      assertEquals(60_000, RetryAfter.millis("9".repeat(40), NOW));
      assertEquals(60_000, RetryAfter.millis("Fri, 01 Jan 2100 00:00:00 GMT", NOW));
    }

    @Test
    void millis_absentOrGarbage_minusOne() {
      assertEquals(-1, RetryAfter.millis(null, NOW));
      assertEquals(-1, RetryAfter.millis("", NOW));
      assertEquals(-1, RetryAfter.millis("-5", NOW));
      assertEquals(-1, RetryAfter.millis("soon", NOW));
    }
  }
}
