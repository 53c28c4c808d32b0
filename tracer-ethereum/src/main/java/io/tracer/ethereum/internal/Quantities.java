package io.tracer.ethereum.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;

/**
 * Strict parsing of the numbers that Ethereum services send. Every EVM quantity fits in 256 bits;
 * anything larger (or negative, or not a number) comes from a broken or hostile server and is
 * rejected with {@link BadValueException} instead of being carried into balances and taint.
 */
public final class Quantities {
  /** 2^256: no EVM word, balance or token amount can reach it. */
  public static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /**
   * Highest block number accepted: 2^53 − 1, the largest integer a JSON number holds exactly. Real
   * chains are many orders of magnitude below it, and block arithmetic (a range's end plus a
   * window) stays far from overflowing a long.
   */
  public static final long MAX_BLOCK_NUMBER = (1L << 53) - 1;

  /** Latest block time accepted, in seconds: 2^32 − 1 (year 2106), as the ledgers store times. */
  public static final long MAX_BLOCK_TIME = 0xFFFF_FFFFL;

  /** Enough digits for 2^256 − 1 in decimal (78) and hex (64), with room for leading zeros. */
  private static final int MAX_DIGITS = 100;

  private Quantities() {}

  /** A quantity that breaks the EVM's rules: too large, negative, or not a number. */
  public static final class BadValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadValueException(String message) {
      super(message);
    }
  }

  /**
   * Parses a JSON-RPC quantity ({@code "0x1b4"}); {@code "0x"} alone is zero (some nodes send it).
   *
   * @param what names the field in the error message (e.g. {@code "value of tx 0xab…"})
   * @throws BadValueException if not hex or not below 2^256
   */
  public static BigInteger hex(String text, String what) {
    if (text == null) {
      throw new BadValueException(what + ": missing");
    }
    String t = text.trim();
    if (!(t.startsWith("0x") || t.startsWith("0X"))) {
      throw new BadValueException(what + ": not a 0x quantity: '" + clip(t) + "'");
    }
    String digits = t.substring(2);
    if (digits.isEmpty()) {
      return BigInteger.ZERO;
    }
    if (digits.length() > MAX_DIGITS) {
      throw new BadValueException(what + ": " + digits.length() + " hex digits, beyond 256 bits");
    }
    // Checked here: new BigInteger(…, 16) also takes a sign ("0x+1", "0x-0") and non-ASCII digits.
    if (!isHexDigits(digits)) {
      throw new BadValueException(what + ": not hex: '" + clip(t) + "'");
    }
    return requireWord(new BigInteger(digits, 16), what);
  }

  private static boolean isHexDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** Parses a hex quantity that must fit a {@code long} (block numbers, indexes, timestamps). */
  public static long hexLong(String text, String what) {
    BigInteger v = hex(text, what);
    if (v.bitLength() > 63) {
      throw new BadValueException(what + ": " + v + " does not fit a block number or index");
    }
    return v.longValue();
  }

  /** Parses a decimal integer string (Etherscan, ethereum-etl). */
  public static BigInteger decimal(String text, String what) {
    if (text == null) {
      throw new BadValueException(what + ": missing");
    }
    String t = text.trim();
    if (t.isEmpty() || t.length() > MAX_DIGITS) {
      throw new BadValueException(what + ": not a decimal integer: '" + clip(t) + "'");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new BadValueException(what + ": not a decimal integer: '" + clip(t) + "'");
      }
    }
    return requireWord(new BigInteger(t), what);
  }

  /** Parses a decimal integer that must fit a {@code long}. */
  public static long decimalLong(String text, String what) {
    BigInteger v = decimal(text, what);
    if (v.bitLength() > 63) {
      throw new BadValueException(what + ": " + v + " does not fit a block number or index");
    }
    return v.longValue();
  }

  /** Parses a hex quantity that must fit an {@code int} (transaction and log indexes). */
  public static int hexInt(String text, String what) {
    return requireInt(hex(text, what), what);
  }

  /** Parses a decimal integer that must fit an {@code int} (transaction and log indexes). */
  public static int decimalInt(String text, String what) {
    return requireInt(decimal(text, what), what);
  }

  /** Parses a hex block number, at most {@link #MAX_BLOCK_NUMBER}. */
  public static long hexBlockNumber(String text, String what) {
    long n = hexLong(text, what);
    if (n > MAX_BLOCK_NUMBER) {
      throw new BadValueException(
          what + ": " + n + " is beyond any block number (2^53 - 1 at most)");
    }
    return n;
  }

  /**
   * A block time in seconds since 1970, as an instant.
   *
   * @throws BadValueException outside 0 … {@link #MAX_BLOCK_TIME} (1970 … 2106)
   */
  public static Instant blockTime(long seconds, String what) {
    if (seconds < 0 || seconds > MAX_BLOCK_TIME) {
      throw new BadValueException(what + ": " + seconds + " is not a block time (0.."
          + MAX_BLOCK_TIME + " seconds, 1970..2106)");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static int requireInt(BigInteger v, String what) {
    if (v.bitLength() > 31) {
      throw new BadValueException(
          what + ": " + clip(v.toString()) + " does not fit an index (2^31 - 1 at most)");
    }
    return v.intValue();
  }

  /** Parses 32-byte hex data (log data word) as an unsigned 256-bit number. */
  public static BigInteger word(String hex0x, String what) {
    return hex(hex0x, what);
  }

  /** Rejects values at or beyond 2^256 and negatives. */
  public static BigInteger requireWord(BigInteger v, String what) {
    if (v.signum() < 0) {
      throw new BadValueException(what + ": negative value " + v);
    }
    if (v.compareTo(TWO_256) >= 0) {
      throw new BadValueException(what + ": value " + clip(v.toString()) + " is 2^256 or more");
    }
    return v;
  }

  /** Lower-case hex of a number with the 0x prefix, as JSON-RPC wants block numbers. */
  public static String toHex(long n) {
    return "0x" + Long.toHexString(n).toLowerCase(Locale.ROOT);
  }

  /** Cuts hostile strings short before they reach an error message or a log. */
  public static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
