package io.tracer.bitcoin.script;

/**
 * Base58 and Base58Check encoding, fast enough for the block hot path. bitcoinj's {@code
 * Base58.encode} divides the whole number by 58 once per output digit with a variable divisor: a
 * hardware division per byte per digit, about 850 for an address. Here the number is built 4 input
 * bytes at a time in groups of 5 base-58 digits (base 58^5 < 2^30), so an address takes about 25
 * group steps, and each step divides by the constant 58^5 with a multiply-high by a precomputed
 * reciprocal (exact for dividends below 2^62, see {@link #div}). Tests check it against bitcoinj on
 * random inputs. Stateless.
 */
final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  static final long GROUP = 58L * 58 * 58 * 58 * 58; // 656,356,768 < 2^30
  private static final int GROUP_DIGITS = 5;
  /**
   * Granlund-Montgomery reciprocal: m = ceil(2^92 / GROUP) < 2^63, so for 0 <= x < 2^62,
   * floor(x / GROUP) = floor(x * m / 2^92) = multiplyHigh(x, m) >> 28.
   */
  private static final long RECIPROCAL =
      java.math.BigInteger.ONE.shiftLeft(92).divide(java.math.BigInteger.valueOf(GROUP)).longValueExact() + 1;

  private Base58() {}

  /** floor(x / 58^5) for 0 <= x < 2^62, without a hardware division. */
  static long div(long x) {
    return Math.multiplyHigh(x, RECIPROCAL) >>> 28;
  }

  /** Base58 of {@code data} (leading zero bytes become leading '1's). */
  static String encode(byte[] data) {
    int n = data.length;
    int zeros = 0;
    while (zeros < n && data[zeros] == 0) {
      zeros++;
    }
    // little-endian groups of 5 base-58 digits; log(256)/log(58^5) < 0.28 groups per byte
    long[] g = new long[(n - zeros) * 28 / 100 + 2];
    int used = 0;
    int i = zeros;
    int head = (n - zeros) % 4; // first chunk takes the odd bytes, the rest 4 at a time
    int chunk = head == 0 ? 4 : head;
    while (i < n) {
      long carry = 0;
      for (int k = 0; k < chunk; k++) {
        carry = (carry << 8) | (data[i++] & 0xff);
      }
      int shift = 8 * chunk;
      for (int j = 0; j < used; j++) {
        long x = (g[j] << shift) | carry; // g < 2^30, so x < 2^62
        long q = div(x);
        g[j] = x - q * GROUP;
        carry = q;
      }
      while (carry > 0) {
        long q = div(carry);
        g[used++] = carry - q * GROUP;
        carry = q;
      }
      chunk = 4;
    }
    char[] out = new char[zeros + used * GROUP_DIGITS];
    int p = out.length;
    for (int j = 0; j < used; j++) {
      int v = (int) g[j];
      for (int k = 0; k < GROUP_DIGITS; k++) {
        out[--p] = ALPHABET[v % 58];
        v /= 58;
      }
    }
    // the top group may have produced zero digits above the number: drop them
    int top = zeros;
    while (top < out.length && out[top] == '1') {
      top++;
    }
    for (int z = 0; z < zeros; z++) {
      out[top - zeros + z] = '1';
    }
    return new String(out, top - zeros, out.length - (top - zeros));
  }

  /** Base58Check: {@code version || payload || first 4 bytes of SHA-256d(version || payload)}. */
  static String encodeChecked(int version, byte[] payload, int off, int len) {
    byte[] buf = new byte[1 + len + 4];
    buf[0] = (byte) version;
    System.arraycopy(payload, off, buf, 1, len);
    byte[] check = Hashes.sha256d(buf, 0, 1 + len);
    System.arraycopy(check, 0, buf, 1 + len, 4);
    return encode(buf);
  }
}
