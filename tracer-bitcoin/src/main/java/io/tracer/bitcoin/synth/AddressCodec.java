package io.tracer.bitcoin.synth;

import java.security.MessageDigest;

/**
 * Hand-written address encoders (segwit v0 bech32 per BIP-173, Base58Check), so the generator
 * needs no bitcoinj objects on its hot path. Cross-checked against bitcoinj in the tests. Not
 * thread-safe: it reuses one digest.
 */
final class AddressCodec {
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  private static final char[] BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  private final MessageDigest sha;

  AddressCodec(MessageDigest sha256) {
    this.sha = sha256;
  }

  /** bech32 (not bech32m) address of a version-0 witness program. */
  static String segwitV0(String hrp, byte[] program) {
    // 5-bit groups: witness version, then the program regrouped from 8 to 5 bits.
    int[] data = new int[1 + (program.length * 8 + 4) / 5];
    data[0] = 0;
    int acc = 0;
    int bits = 0;
    int j = 1;
    for (byte b : program) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        data[j++] = (acc >>> bits) & 31;
      }
    }
    if (bits > 0) {
      data[j++] = (acc << (5 - bits)) & 31;
    }
    int[] values = new int[hrp.length() * 2 + 1 + j + 6];
    int k = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) >> 5;
    }
    values[k++] = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) & 31;
    }
    System.arraycopy(data, 0, values, k, j);
    int polymod = polymod(values) ^ 1;
    StringBuilder sb = new StringBuilder(hrp.length() + 1 + j + 6).append(hrp).append('1');
    for (int i = 0; i < j; i++) {
      sb.append(BECH32.charAt(data[i]));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(BECH32.charAt((polymod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString();
  }

  private static int polymod(int[] values) {
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GEN[i];
        }
      }
    }
    return chk;
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

  private static String base58(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] num = input.clone();
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    int start = zeros;
    while (start < num.length) {
      int rem = 0;
      for (int i = start; i < num.length; i++) {
        int v = (rem << 8) | (num[i] & 0xff);
        num[i] = (byte) (v / 58);
        rem = v % 58;
      }
      out[--outStart] = BASE58[rem];
      while (start < num.length && num[start] == 0) {
        start++;
      }
    }
    for (int i = 0; i < zeros; i++) {
      out[--outStart] = '1';
    }
    return new String(out, outStart, out.length - outStart);
  }
}
