package io.tracer.bitcoin.synth;

/**
 * The network whose encodings a synthetic chain uses: block-file magic, bech32 prefix, Base58
 * version byte. {@link #REGTEST} is the default so that synthetic data can never be mistaken for
 * mainnet money; {@link #MAINNET} exists for readers that only accept mainnet framing (its blocks
 * still carry the easy regtest difficulty, so they would fail a mainnet proof-of-work check).
 */
public enum SynthNetwork {
  MAINNET(0xf9beb4d9, "bc", 0x00),
  REGTEST(0xfabfb5da, "bcrt", 0x6f);

  private final int magic;
  private final String hrp;
  private final int p2pkhVersion;

  SynthNetwork(int magic, String hrp, int p2pkhVersion) {
    this.magic = magic;
    this.hrp = hrp;
    this.p2pkhVersion = p2pkhVersion;
  }

  /** The four bytes that open each blk*.dat record, as a big-endian int. */
  public int magic() {
    return magic;
  }

  /** Human-readable part of bech32 addresses. */
  public String hrp() {
    return hrp;
  }

  /** Base58Check version byte of P2PKH addresses. */
  public int p2pkhVersion() {
    return p2pkhVersion;
  }
}
