package io.tracer.ethereum.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Decodes the answers of {@code symbol()} and {@code decimals()} calls. Token contracts are
 * written by anyone: symbols come as ABI strings or as {@code bytes32} (MKR, SAI), and may carry
 * markup or control characters meant for a report. Only a short, plain symbol survives.
 */
public final class TokenMetadata {
  /** {@code symbol()}: the first 4 bytes of keccak256("symbol()"). */
  public static final String SYMBOL_SELECTOR = "0x95d89b41";
  /** {@code decimals()}: the first 4 bytes of keccak256("decimals()"). */
  public static final String DECIMALS_SELECTOR = "0x313ce567";
  /** Symbols longer than this are cut: none of the real ones is. */
  public static final int MAX_SYMBOL = 32;
  /** Used when a contract has no readable symbol. */
  public static final String UNKNOWN_SYMBOL = "TOKEN";

  private TokenMetadata() {}

  /** The symbol in an eth_call answer, sanitized; {@link #UNKNOWN_SYMBOL} when unreadable. */
  public static String symbol(String hex0x) {
    byte[] d = bytes(hex0x);
    if (d == null || d.length == 0) {
      return UNKNOWN_SYMBOL;
    }
    String raw;
    if (d.length == 32) {
      int n = 0;
      while (n < 32 && d[n] != 0) {
        n++;
      }
      raw = new String(d, 0, n, StandardCharsets.UTF_8);
    } else {
      if (d.length < 64) {
        return UNKNOWN_SYMBOL;
      }
      BigInteger off = new BigInteger(1, java.util.Arrays.copyOfRange(d, 0, 32));
      if (off.bitLength() > 16 || off.intValue() + 32 > d.length) {
        return UNKNOWN_SYMBOL;
      }
      int o = off.intValue();
      BigInteger len = new BigInteger(1, java.util.Arrays.copyOfRange(d, o, o + 32));
      if (len.bitLength() > 16 || o + 32 + len.intValue() > d.length) {
        return UNKNOWN_SYMBOL;
      }
      raw = new String(d, o + 32, len.intValue(), StandardCharsets.UTF_8);
    }
    return sanitize(raw);
  }

  /** Keeps letters, digits and {@code . _ - + $}; anything else makes the symbol unknown. */
  public static String sanitize(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return UNKNOWN_SYMBOL;
    }
    if (s.length() > MAX_SYMBOL) {
      s = s.substring(0, MAX_SYMBOL);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '$';
      if (!ok) {
        return UNKNOWN_SYMBOL;
      }
    }
    return s;
  }

  /** The decimals in an eth_call answer; -1 when absent or outside 0..77 (Asset's range). */
  public static int decimals(String hex0x) {
    byte[] d = bytes(hex0x);
    if (d == null || d.length != 32) {
      return -1;
    }
    BigInteger v = new BigInteger(1, d);
    return v.compareTo(BigInteger.valueOf(77)) > 0 ? -1 : v.intValue();
  }

  private static byte[] bytes(String hex0x) {
    if (hex0x == null) {
      return null;
    }
    String h = hex0x.startsWith("0x") ? hex0x.substring(2) : hex0x;
    if (h.length() % 2 != 0 || h.length() > 2048) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
