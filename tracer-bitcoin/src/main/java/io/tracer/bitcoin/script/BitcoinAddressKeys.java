package io.tracer.bitcoin.script;

import io.tracer.core.index.AddressCodec;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.bitcoinj.base.SegwitAddress;

/**
 * Bitcoin addresses keyed by what the output script commits to, for a {@link
 * io.tracer.core.index.UtxoLedger}: a tag byte and the 20- or 32-byte hash (21–33 bytes instead of
 * 34–75 characters of text). The block decoder writes these keys straight from the script ({@link
 * OutputScripts#classifyKey}), so no address text is rendered while a chain is loaded; the text is
 * made when an address is first shown.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>tag</th><th>bytes</th><th>address</th></tr>
 *   <tr><td>1</td><td>HASH160</td><td>P2PKH (and P2PK, shown as its P2PKH address)</td></tr>
 *   <tr><td>2</td><td>HASH160</td><td>P2SH</td></tr>
 *   <tr><td>3</td><td>20-byte v0 program</td><td>P2WPKH (bech32)</td></tr>
 *   <tr><td>4</td><td>32-byte v0 program</td><td>P2WSH (bech32)</td></tr>
 *   <tr><td>5</td><td>32-byte v1 program</td><td>P2TR (bech32m)</td></tr>
 *   <tr><td>6</td><td>SHA-256 of the script</td><td>{@code ~script:<hex>}</td></tr>
 *   <tr><td>7</td><td>SHA-256 of the script</td><td>{@code ~op_return:<hex>}</td></tr>
 *   <tr><td>0</td><td>the text</td><td>anything else (another network's address, other
 *       pseudo-addresses): stored as text</td></tr>
 * </table>
 *
 * One instance per network (address versions and the segwit prefix differ). Immutable.
 */
public final class BitcoinAddressKeys implements AddressCodec {
  static final int TEXT = 0;
  static final int P2PKH = 1;
  static final int P2SH = 2;
  static final int P2WPKH = 3;
  static final int P2WSH = 4;
  static final int P2TR = 5;
  static final int SCRIPT = 6;
  static final int OP_RETURN = 7;

  /** Longest key {@link OutputScripts#classifyKey} writes: a tag and a 32-byte hash. */
  public static final int MAX_SCRIPT_KEY = 33;

  private static final HexFormat HEX = HexFormat.of();
  private static final String SCRIPT_PREFIX = "~" + OutputScripts.PSEUDO_SCRIPT + ":";
  private static final String OP_RETURN_PREFIX = "~" + OutputScripts.PSEUDO_OP_RETURN + ":";
  private static final Map<BtcNetwork, BitcoinAddressKeys> BY_NETWORK = new EnumMap<>(BtcNetwork.class);

  static {
    for (BtcNetwork n : BtcNetwork.values()) {
      BY_NETWORK.put(n, new BitcoinAddressKeys(n));
    }
  }

  private final BtcNetwork network;

  private BitcoinAddressKeys(BtcNetwork network) {
    this.network = network;
  }

  public static BitcoinAddressKeys of(BtcNetwork network) {
    return BY_NETWORK.get(Objects.requireNonNull(network, "network"));
  }

  public BtcNetwork network() {
    return network;
  }

  @Override
  public byte[] key(Address address) {
    String v = address.value();
    byte[] k = hashKey(v);
    if (k != null) {
      return k;
    }
    byte[] text = v.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[1 + text.length];
    out[0] = TEXT;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  /** The tag-and-hash key of {@code v} if it is one of this network's keyed forms, else null. */
  private byte[] hashKey(String v) {
    if (v.startsWith(SCRIPT_PREFIX)) {
      return hexKey(SCRIPT, v.substring(SCRIPT_PREFIX.length()));
    }
    if (v.startsWith(OP_RETURN_PREFIX)) {
      return hexKey(OP_RETURN, v.substring(OP_RETURN_PREFIX.length()));
    }
    if (v.startsWith(network.segwitHrp() + "1")) {
      try {
        SegwitAddress s = SegwitAddress.fromBech32(v, network.bitcoinj());
        byte[] p = s.getWitnessProgram();
        int tag = s.getWitnessVersion() == 0 && p.length == 20 ? P2WPKH
            : s.getWitnessVersion() == 0 && p.length == 32 ? P2WSH
            : s.getWitnessVersion() == 1 && p.length == 32 ? P2TR
            : -1;
        return tag < 0 || !render(tag, p, 0, p.length).equals(v) ? null : tagged(tag, p);
      } catch (RuntimeException e) {
        return null; // not a valid segwit address of this network: keep the text
      }
    }
    try {
      byte[] d = org.bitcoinj.base.Base58.decodeChecked(v);
      if (d.length != 21) {
        return null;
      }
      int version = d[0] & 0xff;
      int tag = version == network.p2pkhHeader() ? P2PKH : version == network.p2shHeader() ? P2SH : -1;
      byte[] hash = Arrays.copyOfRange(d, 1, 21);
      return tag < 0 || !render(tag, hash, 0, 20).equals(v) ? null : tagged(tag, hash);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] hexKey(int tag, String hex) {
    if (hex.length() != 64 || !hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
      return null;
    }
    try {
      return tagged(tag, HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] tagged(int tag, byte[] hash) {
    byte[] k = new byte[1 + hash.length];
    k[0] = (byte) tag;
    System.arraycopy(hash, 0, k, 1, hash.length);
    return k;
  }

  @Override
  public Address address(Chain chain, byte[] key, int off, int len) {
    int tag = key[off];
    if (tag == TEXT) {
      return Address.ofValue(chain, new String(key, off + 1, len - 1, StandardCharsets.ISO_8859_1));
    }
    String text = render(tag, key, off + 1, len - 1);
    return tag == SCRIPT || tag == OP_RETURN ? Address.ofValue(chain, text) : Address.of(chain, text);
  }

  private String render(int tag, byte[] h, int off, int len) {
    switch (tag) {
      case P2PKH:
        return Base58.encodeChecked(network.p2pkhHeader(), h, off, len);
      case P2SH:
        return Base58.encodeChecked(network.p2shHeader(), h, off, len);
      case P2WPKH:
      case P2WSH:
        return SegwitAddress.fromProgram(network.bitcoinj(), 0, Arrays.copyOfRange(h, off, off + len)).toBech32();
      case P2TR:
        return SegwitAddress.fromProgram(network.bitcoinj(), 1, Arrays.copyOfRange(h, off, off + len)).toBech32();
      case SCRIPT:
        return SCRIPT_PREFIX + HEX.formatHex(h, off, off + len);
      case OP_RETURN:
        return OP_RETURN_PREFIX + HEX.formatHex(h, off, off + len);
      default:
        throw new IllegalArgumentException("not a Bitcoin address key (tag " + tag + ")");
    }
  }

  @Override
  public String toString() {
    return "bitcoin-keys(" + network.id() + ")";
  }
}
