package io.tracer.bitcoin.script;

/**
 * Base58 and Base58Check encoding, fast enough for the block hot path. bitcoinj's {@code
 * Base58.encode} divides the whole number by 58 once per output digit with a variable divisor (a
 * hardware division per byte per digit, about 850 for an address). Here the number is built byte
 * by byte in int groups of base 58^3 (Bitcoin Core's algorithm with 3 digits per group), and every
 * division is an int division by a constant, which the JIT turns into a multiplication. Tests
 * check it against bitcoinj on random inputs. Stateless.
 */
final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int GROUP = 58 * 58 * 58; // 195,112: GROUP * 256 + 255 fits an int
  private static final int GROUP_DIGITS = 3;

  private Base58() {}

  /** Base58 of {@code data} (leading zero bytes become leading '1's). */
  static String encode(byte[] data) {
    int n = data.length;
    int zeros = 0;
    while (zeros < n && data[zeros] == 0) {
      zeros++;
    }
    // little-endian groups of 3 base-58 digits; log(256)/log(58^3) < 0.46 groups per byte
    int[] g = new int[(n - zeros) / 2 + 2];
    int used = 0;
    for (int i = zeros; i < n; i++) {
      int carry = data[i] & 0xff;
      for (int j = 0; j < used; j++) {
        int x = g[j] * 256 + carry;
        g[j] = x % GROUP;
        carry = x / GROUP;
      }
      while (carry > 0) {
        g[used++] = carry % GROUP;
        carry /= GROUP;
      }
    }
    char[] out = new char[zeros + used * GROUP_DIGITS];
    int p = out.length;
    for (int j = 0; j < used; j++) {
      int v = g[j];
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
    for (int i = 0; i < zeros; i++) {
      out[top - zeros + i] = '1';
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
