package io.tracer.bitcoin.script;

import java.util.Locale;
import java.util.Optional;
import org.bitcoinj.base.BitcoinNetwork;

/**
 * The Bitcoin networks tracer reads, with the facts the readers need: the 4-byte message start
 * ("magic") that frames blocks in {@code blk*.dat} files, the genesis block hash (heights are
 * counted from it), the height from which BIP34 puts the height in the coinbase, and the bitcoinj
 * network that encodes addresses (testnet4 and signet share testnet3's address prefixes).
 */
public enum BtcNetwork {
  MAINNET(
      "mainnet",
      0xf9beb4d9,
      "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
      227_931,
      BitcoinNetwork.MAINNET),
  TESTNET3(
      "testnet3",
      0x0b110907,
      "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943",
      21_111,
      BitcoinNetwork.TESTNET),
  TESTNET4(
      "testnet4",
      0x1c163f28,
      "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
      1,
      BitcoinNetwork.TESTNET),
  SIGNET(
      "signet",
      0x0a03cf40,
      "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6",
      1,
      BitcoinNetwork.SIGNET),
  REGTEST(
      "regtest",
      0xfabfb5da,
      "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
      1,
      BitcoinNetwork.REGTEST);

  private final String id;
  private final int magic;
  private final String genesisHash;
  private final long bip34Height;
  private final BitcoinNetwork bitcoinj;
  // cached: bitcoinj looks these up with a stream on every call, too slow for the block hot path
  private final int p2pkhHeader;
  private final int p2shHeader;
  private final String hrp;

  BtcNetwork(String id, int magic, String genesisHash, long bip34Height, BitcoinNetwork bitcoinj) {
    this.id = id;
    this.magic = magic;
    this.genesisHash = genesisHash;
    this.bip34Height = bip34Height;
    this.bitcoinj = bitcoinj;
    this.p2pkhHeader = bitcoinj.legacyAddressHeader();
    this.p2shHeader = bitcoinj.legacyP2SHHeader();
    this.hrp = bitcoinj.segwitAddressHrp();
  }

  /** Version byte of P2PKH addresses (0 on mainnet, 111 on test networks and regtest). */
  public int p2pkhHeader() {
    return p2pkhHeader;
  }

  /** Version byte of P2SH addresses (5 on mainnet, 196 on test networks and regtest). */
  public int p2shHeader() {
    return p2shHeader;
  }

  /** Human-readable part of segwit addresses: bc, tb, bcrt. */
  public String segwitHrp() {
    return hrp;
  }

  /** Lower-case name used in source specs ({@code ?network=testnet3}) and messages. */
  public String id() {
    return id;
  }

  /** The message start as a big-endian int of the bytes on disk (mainnet: {@code f9beb4d9}). */
  public int magic() {
    return magic;
  }

  /** The magic as 8 hex digits in on-disk byte order. */
  public String magicHex() {
    return String.format(Locale.ROOT, "%08x", magic);
  }

  /** Hash of the genesis block, in display order (lower-case hex). */
  public String genesisHash() {
    return genesisHash;
  }

  /**
   * First height whose coinbase is guaranteed (by consensus) to start with its height. A coinbase
   * "height" below it is not trusted: before BIP34 miners put arbitrary bytes there.
   */
  public long bip34Height() {
    return bip34Height;
  }

  /** The bitcoinj network that encodes this network's addresses. */
  public BitcoinNetwork bitcoinj() {
    return bitcoinj;
  }

  /** The network whose magic is {@code magic} (big-endian int of the on-disk bytes). */
  public static Optional<BtcNetwork> fromMagic(int magic) {
    for (BtcNetwork n : values()) {
      if (n.magic == magic) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a network name: {@code mainnet}/{@code main}/{@code bitcoin}, {@code testnet3}/{@code
   * testnet}/{@code test}, {@code testnet4}, {@code signet}, {@code regtest}.
   *
   * @throws IllegalArgumentException for anything else (the message lists the names)
   */
  public static BtcNetwork parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "mainnet":
      case "main":
      case "bitcoin":
        return MAINNET;
      case "testnet3":
      case "testnet":
      case "test":
        return TESTNET3;
      case "testnet4":
        return TESTNET4;
      case "signet":
        return SIGNET;
      case "regtest":
        return REGTEST;
      default:
        throw new IllegalArgumentException(
            "unknown Bitcoin network '"
                + name
                + "'; known: mainnet, testnet3, testnet4, signet, regtest");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
