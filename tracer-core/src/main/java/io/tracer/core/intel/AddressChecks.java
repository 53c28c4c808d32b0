package io.tracer.core.intel;

import io.tracer.core.internal.Keccak256;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Checksum validation of addresses found in intelligence files, which do contain typos and
 * garbage. Stateless and thread-safe.
 *
 * <ul>
 *   <li>Bitcoin: Base58Check (version 0x00 P2PKH, 0x05 P2SH; 0x6f/0xc4 on test networks) and
 *       BIP-173 Bech32 / BIP-350 Bech32m ({@code bc1}, {@code tb1}, {@code bcrt1}; witness v0 must
 *       be Bech32 with a 20- or 32-byte program, v1+ Bech32m).
 *   <li>Litecoin: Base58Check (0x30, 0x32, 0x05) and Bech32 {@code ltc1}.
 *   <li>Bitcoin Cash: CashAddr checksum ({@code bitcoincash:} prefix optional) or legacy Base58Check.
 *   <li>Bitcoin SV, Bitcoin Gold, Dash, Verge: Base58Check of 21 bytes.
 *   <li>Zcash: transparent t1/t3 and Sprout zc (Base58Check, 2-byte versions), Sapling zs1
 *       (Bech32) and unified u1 (Bech32m, checksum and size).
 *   <li>Tron: Base58Check of 21 bytes starting 0x41. Ripple: Base58Check in Ripple's alphabet.
 *   <li>Monero: Monero's block Base58 with a Keccak-256 checksum (standard, sub- and integrated).
 *   <li>EVM chains: {@code 0x} + 40 hex digits; if the text mixes cases it must be valid EIP-55.
 * </ul>
 */
public final class AddressChecks {
  private AddressChecks() {}

  private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String B58_RIPPLE =
      "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;

  /**
   * Why {@code text} is not a valid address on {@code chain}, or empty if it is.
   *
   * @return a short reason such as "bad Base58Check checksum"
   */
  public static Optional<String> problem(Chain chain, String text) {
    if (text == null || text.isBlank()) {
      return Optional.of("empty address");
    }
    String t = text.trim();
    if (t.length() > Address.MAX_LENGTH) {
      return Optional.of("longer than " + Address.MAX_LENGTH + " characters");
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.of("contains spaces, control or non-ASCII characters");
      }
    }
    if (chain.isEvm()) {
      return evm(t);
    }
    switch (chain) {
      case BITCOIN:
        // Chain does not distinguish networks: mainnet, testnet/signet (tb) and regtest (bcrt)
        // forms are all accepted. The hrp and version byte still have to be Bitcoin's.
        for (String hrp : new String[] {"bcrt", "bc", "tb"}) {
          if (isBech32Like(t, hrp)) {
            return segwit(t, hrp);
          }
        }
        return base58Check(t, B58, new int[] {0x00, 0x05, 0x6f, 0xc4}, 21);
      case LITECOIN:
        return isBech32Like(t, "ltc")
            ? segwit(t, "ltc")
            : base58Check(t, B58, new int[] {0x30, 0x32, 0x05}, 21);
      case BITCOIN_CASH:
        return Address.isCashAddr(t)
            ? cashAddr(t)
            : base58Check(t, B58, new int[] {0x00, 0x05}, 21);
      case BITCOIN_SV:
      case BITCOIN_GOLD:
      case DASH:
      case VERGE:
        return base58Check(t, B58, null, 21);
      case ZCASH:
        return zcash(t);
      case TRON:
        return base58Check(t, B58, new int[] {0x41}, 21);
      case RIPPLE:
        return base58Check(t, B58_RIPPLE, new int[] {0x00}, 21);
      case MONERO:
        return monero(t);
      default:
        return Optional.empty();
    }
  }

  /** True if {@link #problem} finds nothing wrong. */
  public static boolean isValid(Chain chain, String text) {
    return problem(chain, text).isEmpty();
  }

  /**
   * The chain a token address lives on, from its shape: OFAC lists USDT and USDC addresses
   * without a chain, and they are {@code 0x…} (Ethereum), Base58 {@code T…} (Tron) or Bitcoin
   * (Omni layer) addresses.
   */
  public static Optional<Chain> chainOfTokenAddress(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Optional.of(Chain.ETHEREUM);
    }
    if (t.startsWith("T") && isValid(Chain.TRON, t)) {
      return Optional.of(Chain.TRON);
    }
    if (isValid(Chain.BITCOIN, t)) {
      return Optional.of(Chain.BITCOIN);
    }
    return Optional.empty();
  }

  /**
   * The chain an address most likely belongs to when nobody says: {@code 0x…} is Ethereum, then
   * the first of Bitcoin, Tron, Litecoin, Monero whose checksum it passes. For command lines and
   * files without a chain column; callers that know the chain should say so.
   */
  public static Optional<Chain> likelyChain(String text) {
    String a = text.trim();
    if (a.startsWith("0x") || a.startsWith("0X")) {
      return Optional.of(Chain.ETHEREUM);
    }
    for (Chain c : new Chain[] {Chain.BITCOIN, Chain.TRON, Chain.LITECOIN, Chain.MONERO}) {
      if (isValid(c, a)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- EVM

  private static Optional<String> evm(String t) {
    if (!(t.startsWith("0x") || t.startsWith("0X")) || t.length() != 42) {
      return Optional.of("not 0x followed by 40 hex digits");
    }
    String hex = t.substring(2);
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'a' && c <= 'f') {
        lower = true;
      } else if (c >= 'A' && c <= 'F') {
        upper = true;
      } else if (c < '0' || c > '9') {
        return Optional.of("not 0x followed by 40 hex digits");
      }
    }
    if (upper && lower) {
      String expected = Address.of(Chain.ETHEREUM, t).display();
      if (!expected.substring(2).equals(hex)) {
        return Optional.of("bad EIP-55 checksum (mixed case does not match)");
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- Base58Check

  private static Optional<String> base58Check(
      String t, String alphabet, int[] versions, int payloadLen) {
    return base58Check(t, alphabet, versions, 1, payloadLen);
  }

  /**
   * Base58Check of {@code payloadLen} bytes whose first {@code versionLen} bytes (big-endian) are
   * one of {@code versions} (any if null).
   */
  private static Optional<String> base58Check(
      String t, String alphabet, int[] versions, int versionLen, int payloadLen) {
    byte[] raw = base58Decode(t, alphabet);
    if (raw == null) {
      return Optional.of("not Base58");
    }
    if (raw.length != payloadLen + 4) {
      return Optional.of("Base58 payload has " + Math.max(0, raw.length - 4) + " bytes, not " + payloadLen);
    }
    byte[] check = doubleSha256(raw, raw.length - 4);
    for (int i = 0; i < 4; i++) {
      if (check[i] != raw[raw.length - 4 + i]) {
        return Optional.of("bad Base58Check checksum");
      }
    }
    if (versions != null) {
      int v = 0;
      for (int i = 0; i < versionLen; i++) {
        v = v << 8 | raw[i] & 0xff;
      }
      for (int ok : versions) {
        if (ok == v) {
          return Optional.empty();
        }
      }
      return Optional.of(
          String.format(
              Locale.ROOT,
              versionLen == 1 ? "version byte 0x%02x not valid here" : "version 0x%04x not valid here",
              v));
    }
    return Optional.empty();
  }

  /**
   * Decodes Base58 (leading zero characters become zero bytes); null if a character is foreign.
   * Limb arithmetic (no BigInteger, no division): a few hundred nanoseconds
   * for an address, which matters when loading millions of rows.
   */
  static byte[] base58Decode(String s, String alphabet) {
    int len = s.length();
    if (len == 0 || len > 128) {
      return null;
    }
    byte[] in = new byte[len];
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      int d = c < 128 ? index(alphabet, c) : -1;
      if (d < 0) {
        return null;
      }
      in[i] = (byte) d;
    }
    int zeros = 0;
    while (zeros < len && in[zeros] == 0) {
      zeros++;
    }
    // Accumulate value = value·58 + digit in 32-bit limbs (little-endian): multiply-adds only, no
    // division, about 40 limb operations per character for an address.
    int words = (len * 733 / 1000 + 1 + 3) / 4 + 1;
    int[] w = new int[words];
    int used = 0;
    for (int i = zeros; i < len; i++) {
      long carry = in[i];
      for (int j = 0; j < used; j++) {
        long x = (w[j] & 0xffffffffL) * 58 + carry;
        w[j] = (int) x;
        carry = x >>> 32;
      }
      if (carry != 0) {
        w[used++] = (int) carry;
      }
    }
    byte[] mag = new byte[used * 4];
    for (int j = 0; j < used; j++) {
      int v = w[j];
      int k = mag.length - 1 - 4 * j;
      mag[k] = (byte) v;
      mag[k - 1] = (byte) (v >>> 8);
      mag[k - 2] = (byte) (v >>> 16);
      mag[k - 3] = (byte) (v >>> 24);
    }
    int skip = 0;
    while (skip < mag.length && mag[skip] == 0) {
      skip++;
    }
    byte[] res = new byte[zeros + mag.length - skip];
    System.arraycopy(mag, skip, res, zeros, mag.length - skip);
    return res;
  }

  private static final int[] B58_INDEX = table(B58);
  private static final int[] B58_RIPPLE_INDEX = table(B58_RIPPLE);

  private static int[] table(String alphabet) {
    int[] t = new int[128];
    java.util.Arrays.fill(t, -1);
    for (int i = 0; i < alphabet.length(); i++) {
      t[alphabet.charAt(i)] = i;
    }
    return t;
  }

  private static int index(String alphabet, char c) {
    return (alphabet == B58 ? B58_INDEX : alphabet == B58_RIPPLE ? B58_RIPPLE_INDEX : table(alphabet))[c];
  }

  /** Never updated, only cloned: a clone is much cheaper than a provider lookup per address. */
  private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();

  private static MessageDigest sha256Prototype() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static byte[] doubleSha256(byte[] b, int len) {
    MessageDigest md;
    try {
      md = (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      md = sha256Prototype();
    }
    md.update(b, 0, len);
    return md.digest(md.digest());
  }

  // ---------------------------------------------------------------- Bech32 / Bech32m

  private static boolean isBech32Like(String t, String hrp) {
    return t.toLowerCase(Locale.ROOT).startsWith(hrp + "1");
  }

  private static Optional<String> segwit(String t, String hrp) {
    if (!t.equals(t.toLowerCase(Locale.ROOT)) && !t.equals(t.toUpperCase(Locale.ROOT))) {
      return Optional.of("Bech32 with mixed case");
    }
    String s = t.toLowerCase(Locale.ROOT);
    if (s.length() > 90) {
      return Optional.of("Bech32 longer than 90 characters");
    }
    int sep = s.lastIndexOf('1');
    if (!s.substring(0, sep).equals(hrp) || s.length() - sep - 1 < 7) {
      return Optional.of("bad Bech32 human-readable part or too short");
    }
    int[] data = new int[s.length() - sep - 1];
    for (int i = 0; i < data.length; i++) {
      int d = BECH32.indexOf(s.charAt(sep + 1 + i));
      if (d < 0) {
        return Optional.of("character not in the Bech32 alphabet");
      }
      data[i] = d;
    }
    int constant = bech32Polymod(hrp, data);
    int version = data[0];
    if (version > 16) {
      return Optional.of("witness version above 16");
    }
    int expected = version == 0 ? BECH32_CONST : BECH32M_CONST;
    if (constant != expected) {
      return Optional.of(
          constant == BECH32_CONST || constant == BECH32M_CONST
              ? "wrong checksum variant for witness version " + version + " (BIP-350)"
              : "bad Bech32 checksum");
    }
    byte[] program = convertBits(Arrays.copyOfRange(data, 1, data.length - 6), 5, 8, false);
    if (program == null || program.length < 2 || program.length > 40) {
      return Optional.of("bad witness program length");
    }
    if (version == 0 && program.length != 20 && program.length != 32) {
      return Optional.of("witness v0 program must be 20 or 32 bytes");
    }
    return Optional.empty();
  }

  private static int bech32Polymod(String hrp, int[] data) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    int[] values = new int[hrp.length() * 2 + 1 + data.length];
    int k = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) >> 5;
    }
    values[k++] = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) & 31;
    }
    for (int d : data) {
      values[k++] = d;
    }
    for (int v : values) {
      int b = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((b >> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(int[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    byte[] out = new byte[in.length * from / to + 1];
    int n = 0;
    for (int value : in) {
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out[n++] = (byte) ((acc >> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out[n++] = (byte) ((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      return null;
    }
    return Arrays.copyOf(out, n);
  }

  // ---------------------------------------------------------------- CashAddr

  private static Optional<String> cashAddr(String t) {
    String s = t.toLowerCase(Locale.ROOT);
    if (!t.equals(s) && !t.equals(t.toUpperCase(Locale.ROOT))) {
      return Optional.of("CashAddr with mixed case");
    }
    String prefix = "bitcoincash";
    int colon = s.indexOf(':');
    if (colon >= 0) {
      prefix = s.substring(0, colon);
      s = s.substring(colon + 1);
    }
    if (s.length() != 42 && s.length() != 54) {
      return Optional.of("CashAddr payload has the wrong length");
    }
    long c = 1;
    long[] values = new long[prefix.length() + 1 + s.length()];
    int k = 0;
    for (int i = 0; i < prefix.length(); i++) {
      values[k++] = prefix.charAt(i) & 31;
    }
    values[k++] = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = BECH32.indexOf(s.charAt(i));
      if (d < 0) {
        return Optional.of("character not in the CashAddr alphabet");
      }
      values[k++] = d;
    }
    for (long d : values) {
      long c0 = c >>> 35;
      c = ((c & 0x07ffffffffL) << 5) ^ d;
      if ((c0 & 0x01) != 0) c ^= 0x98f2bc8e61L;
      if ((c0 & 0x02) != 0) c ^= 0x79b76d99e2L;
      if ((c0 & 0x04) != 0) c ^= 0xf33e5fb3c4L;
      if ((c0 & 0x08) != 0) c ^= 0xae2eabe2a8L;
      if ((c0 & 0x10) != 0) c ^= 0x1e4f43e470L;
    }
    return (c ^ 1) == 0 ? Optional.empty() : Optional.of("bad CashAddr checksum");
  }

  // ---------------------------------------------------------------- Zcash

  /** Transparent P2PKH and P2SH version prefixes: mainnet t1, t3; testnet tm, t2. */
  private static final int[] ZEC_TRANSPARENT = {0x1cb8, 0x1cbd, 0x1d25, 0x1cba};
  /** Sprout payment address prefixes: mainnet zc, testnet zt. */
  private static final int[] ZEC_SPROUT = {0x169a, 0x16b6};

  /**
   * Zcash: transparent (Base58Check, 2-byte version, 20-byte hash), Sprout (Base58Check, 2-byte
   * version, 64 bytes of keys), Sapling (Bech32 {@code zs}, 43 bytes) and unified addresses
   * (Bech32m {@code u}, ZIP 316, without Bech32's 90-character limit). The receivers inside a
   * unified address are F4Jumbled and not checked here; its checksum and size are.
   */
  private static Optional<String> zcash(String t) {
    for (String hrp : new String[] {"zs", "ztestsapling"}) {
      if (isBech32Like(t, hrp)) {
        return bech32Payload(t, hrp, BECH32_CONST, 90, 43, 43, "Sapling");
      }
    }
    for (String hrp : new String[] {"u", "utest"}) {
      if (isBech32Like(t, hrp)) {
        // 48 bytes: the 16-byte padding and one receiver at the least (ZIP 316)
        return bech32Payload(t, hrp, BECH32M_CONST, Address.MAX_LENGTH, 48, Integer.MAX_VALUE,
            "unified");
      }
    }
    if (t.startsWith("zc") || t.startsWith("zt")) {
      return base58Check(t, B58, ZEC_SPROUT, 2, 66);
    }
    return base58Check(t, B58, ZEC_TRANSPARENT, 2, 22);
  }

  /**
   * Checks a Bech32 ({@code constant} 1) or Bech32m string of at most {@code maxChars} whose
   * payload, in bytes, is {@code minBytes}..{@code maxBytes} long; {@code kind} names it in
   * problems.
   */
  private static Optional<String> bech32Payload(
      String t, String hrp, int constant, int maxChars, int minBytes, int maxBytes, String kind) {
    if (!t.equals(t.toLowerCase(Locale.ROOT)) && !t.equals(t.toUpperCase(Locale.ROOT))) {
      return Optional.of(kind + " address with mixed case");
    }
    String s = t.toLowerCase(Locale.ROOT);
    if (s.length() > maxChars) {
      return Optional.of(kind + " address longer than " + maxChars + " characters");
    }
    int[] data = new int[s.length() - hrp.length() - 1];
    if (data.length < 6) {
      return Optional.of(kind + " address too short");
    }
    for (int i = 0; i < data.length; i++) {
      int d = BECH32.indexOf(s.charAt(hrp.length() + 1 + i));
      if (d < 0) {
        return Optional.of("character not in the Bech32 alphabet");
      }
      data[i] = d;
    }
    if (bech32Polymod(hrp, data) != constant) {
      return Optional.of("bad " + (constant == BECH32_CONST ? "Bech32" : "Bech32m") + " checksum");
    }
    byte[] payload = convertBits(Arrays.copyOfRange(data, 0, data.length - 6), 5, 8, false);
    if (payload == null || payload.length < minBytes || payload.length > maxBytes) {
      return Optional.of(kind + " address payload has the wrong length");
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- Monero

  private static final int[] XMR_BLOCK_BYTES = {0, -1, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8};

  private static Optional<String> monero(String t) {
    if (t.length() != 95 && t.length() != 106) {
      return Optional.of("Monero addresses have 95 or 106 characters");
    }
    int full = t.length() / 11;
    int rest = t.length() % 11;
    int restBytes = XMR_BLOCK_BYTES[rest];
    if (restBytes < 0) {
      return Optional.of("bad Monero Base58 length");
    }
    byte[] out = new byte[full * 8 + restBytes];
    for (int b = 0; b <= full; b++) {
      int len = b < full ? 11 : rest;
      if (len == 0) {
        break;
      }
      int nBytes = b < full ? 8 : restBytes;
      byte[] block = base58Decode(t.substring(b * 11, b * 11 + len), B58);
      if (block == null) {
        return Optional.of("not Base58");
      }
      // Monero blocks are fixed-width: left-pad (or reject an overflowing block).
      int significant = block.length;
      int lead = 0;
      while (lead < significant - 1 && block[lead] == 0 && significant - lead > nBytes) {
        lead++;
      }
      if (significant - lead > nBytes) {
        return Optional.of("Monero Base58 block overflows");
      }
      System.arraycopy(block, lead, out, b * 8 + nBytes - (significant - lead), significant - lead);
    }
    byte[] body = Arrays.copyOf(out, out.length - 4);
    byte[] hash = Keccak256.hash(body);
    for (int i = 0; i < 4; i++) {
      if (hash[i] != out[out.length - 4 + i]) {
        return Optional.of("bad Monero checksum");
      }
    }
    return Optional.empty();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
