package io.tracer.bitcoin.script;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutputType;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Classifies an output script (scriptPubKey) and gives the address it pays to. Matching follows
 * Bitcoin Core's {@code Solver} ({@code script/solver.cpp}) byte for byte, without parsing the
 * script into opcodes, so it is cheap and cannot fail on malformed scripts:
 *
 * <table>
 *   <caption>script templates</caption>
 *   <tr><th>template</th><th>type</th><th>address</th></tr>
 *   <tr><td>{@code <33|65-byte pubkey> OP_CHECKSIG}</td><td>P2PK</td><td>P2PKH address of the
 *       key's HASH160 (as block explorers and old Core RPC show it)</td></tr>
 *   <tr><td>{@code OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG}</td><td>P2PKH</td><td>Base58
 *       </td></tr>
 *   <tr><td>{@code OP_HASH160 <20> OP_EQUAL}</td><td>P2SH</td><td>Base58</td></tr>
 *   <tr><td>{@code OP_0 <20>}</td><td>P2WPKH</td><td>bech32</td></tr>
 *   <tr><td>{@code OP_0 <32>}</td><td>P2WSH</td><td>bech32</td></tr>
 *   <tr><td>{@code OP_1 <32>}</td><td>P2TR</td><td>bech32m</td></tr>
 *   <tr><td>{@code OP_m <pubkeys> OP_n OP_CHECKMULTISIG}</td><td>MULTISIG</td><td>{@code
 *       ~script:<sha256>}</td></tr>
 *   <tr><td>other witness programs (v1 not 32 bytes, v2..v16)</td><td>WITNESS_UNKNOWN</td><td>
 *       {@code ~script:<sha256>}</td></tr>
 *   <tr><td>{@code OP_RETURN …}</td><td>OP_RETURN</td><td>{@code ~op_return:<sha256>}</td></tr>
 *   <tr><td>anything else, including the empty script and v0 programs of other lengths</td><td>
 *       NONSTANDARD</td><td>{@code ~script:<sha256>}</td></tr>
 * </table>
 *
 * <p>{@code <sha256>} is the lower-case hex SHA-256 of the raw script bytes, so the same script
 * always gets the same pseudo-address, in every source and every run. Thread-safe (stateless).
 */
public final class OutputScripts {
  /** Pseudo-address kind for scripts that pay to no address (multisig, non-standard). */
  public static final String PSEUDO_SCRIPT = "script";

  /** Pseudo-address kind for OP_RETURN data carriers. */
  public static final String PSEUDO_OP_RETURN = "op_return";

  private static final HexFormat HEX = HexFormat.of();

  private static final int OP_0 = 0x00;
  private static final int OP_1 = 0x51;
  private static final int OP_16 = 0x60;
  private static final int OP_RETURN = 0x6a;
  private static final int OP_DUP = 0x76;
  private static final int OP_EQUAL = 0x87;
  private static final int OP_EQUALVERIFY = 0x88;
  private static final int OP_HASH160 = 0xa9;
  private static final int OP_CHECKSIG = 0xac;
  private static final int OP_CHECKMULTISIG = 0xae;

  private OutputScripts() {}

  /** Classifies a whole script. */
  public static ScriptAddress classify(byte[] script, BtcNetwork network) {
    return classify(script, 0, script.length, network);
  }

  /**
   * Classifies {@code script[off, off+len)} without copying it (the block decoder passes slices of
   * the block buffer).
   *
   * @throws IndexOutOfBoundsException only if the slice lies outside the array (a caller bug); no
   *     script content makes it throw
   */
  public static ScriptAddress classify(byte[] script, int off, int len, BtcNetwork network) {
    Objects.requireNonNull(network, "network");
    byte[] key = new byte[BitcoinAddressKeys.MAX_SCRIPT_KEY];
    int r = classifyKey(script, off, len, key);
    Address a = BitcoinAddressKeys.of(network).address(Chain.BITCOIN, key, 0, r & 0xff);
    return new ScriptAddress(a, TYPES[r >>> 8]);
  }

  /** The pseudo-address a script without address gets: {@code ~kind:<sha256 of script>}. */
  public static Address pseudoAddress(String kind, byte[] script) {
    return Address.pseudo(Chain.BITCOIN, kind, HEX.formatHex(Hashes.sha256(script, 0, script.length)));
  }

  /**
   * Classifies {@code script[off, off+len)} and writes the address's {@link BitcoinAddressKeys} key
   * into {@code dst[0, BitcoinAddressKeys.MAX_SCRIPT_KEY)}: no text is rendered (only P2PK and
   * scripts without address cost a hash), which is what the block hot path wants; {@link #classify}
   * renders the key. Returns {@code (type.ordinal() << 8) | keyLength}.
   */
  public static int classifyKey(byte[] script, int off, int len, byte[] dst) {
    Objects.checkFromIndexSize(off, len, script.length);
    int kind = match(script, off, len);
    int n;
    switch (kind) {
      case K_P2PKH:
        n = key(BitcoinAddressKeys.P2PKH, script, off + 3, 20, dst);
        break;
      case K_P2SH:
        n = key(BitcoinAddressKeys.P2SH, script, off + 2, 20, dst);
        break;
      case K_P2WPKH:
        n = key(BitcoinAddressKeys.P2WPKH, script, off + 2, 20, dst);
        break;
      case K_P2WSH:
        n = key(BitcoinAddressKeys.P2WSH, script, off + 2, 32, dst);
        break;
      case K_P2TR:
        n = key(BitcoinAddressKeys.P2TR, script, off + 2, 32, dst);
        break;
      case K_P2PK:
        n = key(BitcoinAddressKeys.P2PKH, Hashes.hash160(script, off + 1, len - 2), 0, 20, dst);
        break;
      case K_OP_RETURN:
        n = key(BitcoinAddressKeys.OP_RETURN, Hashes.sha256(script, off, len), 0, 32, dst);
        break;
      default:
        n = key(BitcoinAddressKeys.SCRIPT, Hashes.sha256(script, off, len), 0, 32, dst);
        break;
    }
    return (TYPE_OF[kind].ordinal() << 8) | n;
  }

  private static int key(int tag, byte[] h, int off, int len, byte[] dst) {
    dst[0] = (byte) tag;
    System.arraycopy(h, off, dst, 1, len);
    return 1 + len;
  }

  // template kinds found by match(); TYPE_OF maps each to its OutputType
  private static final int K_P2PKH = 0;
  private static final int K_P2SH = 1;
  private static final int K_P2WPKH = 2;
  private static final int K_P2WSH = 3;
  private static final int K_P2TR = 4;
  private static final int K_WITNESS_UNKNOWN = 5;
  private static final int K_V0_OTHER = 6;
  private static final int K_P2PK = 7;
  private static final int K_OP_RETURN = 8;
  private static final int K_MULTISIG = 9;
  private static final int K_NONSTANDARD = 10;
  private static final OutputType[] TYPES = OutputType.values();
  private static final OutputType[] TYPE_OF = {
    OutputType.P2PKH, OutputType.P2SH, OutputType.P2WPKH, OutputType.P2WSH, OutputType.P2TR,
    OutputType.WITNESS_UNKNOWN, OutputType.NONSTANDARD, OutputType.P2PK, OutputType.OP_RETURN,
    OutputType.MULTISIG, OutputType.NONSTANDARD
  };

  /** Which template {@code script[off, off+len)} matches, in Core's {@code Solver} order. */
  private static int match(byte[] script, int off, int len) {
    int b0 = len > 0 ? script[off] & 0xff : -1;
    if (len == 25
        && b0 == OP_DUP
        && (script[off + 1] & 0xff) == OP_HASH160
        && script[off + 2] == 20
        && (script[off + 23] & 0xff) == OP_EQUALVERIFY
        && (script[off + 24] & 0xff) == OP_CHECKSIG) {
      return K_P2PKH;
    }
    if (len == 23
        && b0 == OP_HASH160
        && script[off + 1] == 20
        && (script[off + 22] & 0xff) == OP_EQUAL) {
      return K_P2SH;
    }
    if (isWitnessProgram(script, off, len)) {
      int version = b0 == OP_0 ? 0 : b0 - OP_1 + 1;
      int programLength = len - 2;
      if (version == 0 && programLength == 20) {
        return K_P2WPKH;
      }
      if (version == 0 && programLength == 32) {
        return K_P2WSH;
      }
      if (version == 1 && programLength == 32) {
        return K_P2TR;
      }
      // v0 with another length can never be spent; Core calls it NONSTANDARD too.
      return version != 0 ? K_WITNESS_UNKNOWN : K_V0_OTHER;
    }
    if (isPayToPubKey(script, off, len)) {
      return K_P2PK;
    }
    if (b0 == OP_RETURN) {
      return K_OP_RETURN;
    }
    if (isMultisig(script, off, len)) {
      return K_MULTISIG;
    }
    return K_NONSTANDARD;
  }

  /** BIP141: a 1-byte version push (OP_0, OP_1..OP_16) then one direct push of 2..40 bytes. */
  private static boolean isWitnessProgram(byte[] s, int off, int len) {
    if (len < 4 || len > 42) {
      return false;
    }
    int v = s[off] & 0xff;
    if (v != OP_0 && (v < OP_1 || v > OP_16)) {
      return false;
    }
    return (s[off + 1] & 0xff) + 2 == len;
  }

  /** Core's {@code MatchPayToPubkey}: a 33- or 65-byte key with a valid leading byte. */
  private static boolean isPayToPubKey(byte[] s, int off, int len) {
    if (len == 35 && s[off] == 33 && (s[off + 34] & 0xff) == OP_CHECKSIG) {
      int h = s[off + 1] & 0xff;
      return h == 0x02 || h == 0x03;
    }
    if (len == 67 && s[off] == 65 && (s[off + 66] & 0xff) == OP_CHECKSIG) {
      int h = s[off + 1] & 0xff;
      return h == 0x04 || h == 0x06 || h == 0x07;
    }
    return false;
  }

  /** Core's {@code MatchMultisig}: OP_m, n keys of 33/65 bytes, OP_n, OP_CHECKMULTISIG, m ≤ n. */
  private static boolean isMultisig(byte[] s, int off, int len) {
    if (len < 3 || (s[off + len - 1] & 0xff) != OP_CHECKMULTISIG) {
      return false;
    }
    int m = s[off] & 0xff;
    int n = s[off + len - 2] & 0xff;
    if (m < OP_1 || m > OP_16 || n < OP_1 || n > OP_16) {
      return false;
    }
    int keys = 0;
    int p = off + 1;
    int end = off + len - 2;
    while (p < end) {
      int push = s[p] & 0xff;
      if (push != 33 && push != 65) {
        return false;
      }
      p += 1 + push;
      keys++;
    }
    return p == end && keys == n - OP_1 + 1 && m <= n;
  }
}
