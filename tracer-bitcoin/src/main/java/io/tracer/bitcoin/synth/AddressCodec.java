package io.tracer.bitcoin.synth;

import java.security.MessageDigest;

/**
 * Hand-written address encoders (segwit v0 bech32 per BIP-173, Base58Check), so the generator
 * needs no bitcoinj objects on its hot path. Cross-checked against bitcoinj in the tests. Not
 * thread-safe: it reuses one digest.
 */
final class AddressCodec {
  private static final char[] BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".toCharArray();
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  private static final char[] BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  private final MessageDigest sha;

  AddressCodec(MessageDigest sha256) {
    this.sha = sha256;
  }

  /**
   * bech32 (not bech32m) address of a version-0 witness program, checksummed as it is written
   * (BIP-173 polymod over the expanded hrp, the data and six zeros).
   */
  static String segwitV0(String hrp, byte[] program) {
    int n = 1 + (program.length * 8 + 4) / 5;
    char[] out = new char[hrp.length() + 1 + n + 6];
    int o = 0;
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      char c = hrp.charAt(i);
      chk = step(chk, c & 31);
      out[o++] = c;
    }
    out[o++] = '1';
    chk = step(chk, 0); // witness version 0
    out[o++] = BECH32[0];
    int acc = 0;
    int bits = 0;
    for (byte b : program) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        int d = (acc >>> bits) & 31;
        chk = step(chk, d);
        out[o++] = BECH32[d];
      }
    }
    if (bits > 0) {
      int d = (acc << (5 - bits)) & 31;
      chk = step(chk, d);
      out[o++] = BECH32[d];
    }
    for (int i = 0; i < 6; i++) {
      chk = step(chk, 0);
    }
    chk ^= 1;
    for (int i = 0; i < 6; i++) {
      out[o++] = BECH32[(chk >>> (5 * (5 - i))) & 31];
    }
    return new String(out, 0, o);
  }

  private static int step(int chk, int v) {
    int top = chk >>> 25;
    int c = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        c ^= GEN[i];
      }
    }
    return c;
  }

  /** Base58Check of {@code version ‖ payload}. */
  String base58Check(int version, byte[] payload) {
    byte[] full = new byte[1 + payload.length + 4];
    full[0] = (byte) version;
    System.arraycopy(payload, 0, full, 1, payload.length);
    sha.update(full, 0, 1 + payload.length);
    byte[] h = sha.digest(sha.digest());
    System.arraycopy(h, 0, full, 1 + payload.length, 4);
    return base58(full);
  }

  /** 58^5: the largest power of 58 below 2^30, so (remainder << 32 | limb) fits in a long. */
  private static final long B58_5 = 58L * 58 * 58 * 58 * 58;

  /**
   * Base58 of a big-endian number. Divides 32-bit limbs by 58^5 and emits five digits per pass:
   * about 50 long divisions for a 25-byte address instead of about 850 byte divisions.
   */
  static String base58(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    int nLimbs = (input.length + 3) / 4;
    long[] limbs = new long[nLimbs];
    int shift = nLimbs * 4 - input.length; // leading pad bytes in the first limb
    for (int i = 0; i < input.length; i++) {
      int j = i + shift;
      limbs[j / 4] |= (input[i] & 0xffL) << (8 * (3 - j % 4));
    }
    char[] out = new char[input.length * 2 + 5];
    int o = out.length;
    int first = 0;
    while (first < nLimbs) {
      long rem = 0;
      for (int i = first; i < nLimbs; i++) {
        long cur = (rem << 32) | limbs[i];
        limbs[i] = cur / B58_5;
        rem = cur % B58_5;
      }
      while (first < nLimbs && limbs[first] == 0) {
        first++;
      }
      for (int d = 0; d < 5; d++) {
        out[--o] = BASE58[(int) (rem % 58)];
        rem /= 58;
        if (first == nLimbs && rem == 0) {
          break; // the last pass: no leading zero digits
        }
      }
    }
    while (o < out.length && out[o] == '1') {
      o++; // zero digits of the number itself are not leading-zero bytes
    }
    for (int i = 0; i < zeros; i++) {
      out[--o] = '1';
    }
    return new String(out, o, out.length - o);
  }

}
