package io.tracer.bitcoin.synth;

import io.tracer.core.model.UtxoTx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded, deterministic synthetic Bitcoin chain of any length. The same configuration always
 * yields the same transactions, byte for byte and txid for txid, in the stream and in the files.
 *
 * <pre>{@code
 * SyntheticChain chain = SyntheticChain.builder().seed(42).transactions(10_000_000).build();
 * try (Stream<UtxoTx> txs = chain.stream()) { ... }          // in chain order, inputs resolved
 * BlkFileWriter.write(chain, Path.of("out/blocks"));           // blk*.dat, real serialization
 * EtlWriter.write(chain, Path.of("out/etl"));                  // bitcoin-etl JSON lines
 * }</pre>
 *
 * <p><b>Shape.</b> The first block (height {@link #startHeight()}, 0 by default) is a bootstrap block whose coinbase funds the generated economy. Each
 * later block holds a coinbase (paying one of {@value #MINING_POOLS} reused pool addresses the
 * subsidy plus the fees; spendable after {@value #COINBASE_MATURITY} blocks) and then transactions
 * drawn as follows (probabilities in parts per million of the non-coinbase transactions):
 *
 * <ul>
 *   <li>ordinary payments (the rest): inputs 1/2/3 with cumulative probability 60/82/90 %, then a
 *       Pareto tail (α = {@value #INPUT_TAIL_ALPHA}) up to {@value #MAX_INPUTS}; outputs 1/2/3
 *       with cumulative 12/85/91 %, then a Pareto tail (α = {@value #OUTPUT_TAIL_ALPHA}) up to
 *       {@value #MAX_OUTPUTS}; one output of a multi-output payment is change at a random position
 *       ({@value #SELF_CHANGE_PERCENT} % back to an input address); recipients reuse a recent
 *       address {@value #REUSE_PERCENT} % of the time; {@value #ROUND_PAYMENT_PERCENT} % of
 *       payments are round (two significant digits); {@value #PPM_DEPOSIT} ppm pay an exchange
 *       deposit address; {@value #PPM_PEEL_START} ppm start a peel chain with their change;
 *   <li>peel-chain hops ({@value #PPM_PEEL_HOP} ppm): 1 input, a 1–15 % payment and the rest to
 *       a fresh change address, {@value #MIN_PEEL_HOPS}–{@value #MAX_PEEL_HOPS} hops per chain;
 *   <li>exchange withdrawal batches ({@value #PPM_EXCHANGE_WITHDRAWAL} ppm): 1–3 inputs from
 *       {@value #HOT_WALLET_ADDRESSES} heavily reused hot-wallet addresses, 10 + Pareto (α =
 *       {@value #WITHDRAWAL_TAIL_ALPHA}) payouts up to {@value #MAX_WITHDRAWAL_OUTPUTS}, change
 *       back to the hot wallet;
 *   <li>exchange sweeps ({@value #PPM_EXCHANGE_SWEEP} ppm): {@value #MIN_SWEEP_INPUTS} + Pareto
 *       (α = {@value #SWEEP_TAIL_ALPHA}) deposit-address inputs up to {@value #MAX_SWEEP_INPUTS}
 *       into one hot-wallet output;
 *   <li>CoinJoins ({@value #PPM_COINJOIN} ppm): {@value #MIN_COINJOIN_PARTICIPANTS}–{@value
 *       #MAX_COINJOIN_PARTICIPANTS} peers with distinct input addresses, equal outputs of 0.001,
 *       0.01, 0.05 or 0.1 BTC, change outputs; each satisfies BlockSci's isCoinjoin.
 * </ul>
 *
 * <p><b>Scripts and signatures.</b> Outputs are P2WPKH ({@value #SEGWIT_PERCENT} % of fresh
 * addresses) or P2PKH. Address hashes are SHA-256 of the seed and a counter, not of real keys, and
 * every signature and public key is a fixed well-formed placeholder: the transactions serialize
 * and hash exactly like real ones, but their scripts do not validate. Blocks meet the regtest
 * proof-of-work target and carry BIP34 heights but no segwit witness commitment.
 *
 * <p><b>Memory.</b> Only the current block and bounded pools are kept: at most {@link
 * #poolCapacity()} spendable outputs (plus 1/16 and 1/64 of that for exchange deposits and hot
 * wallet, {@value #MAX_ACTIVE_PEEL_CHAINS} peel chains, {@value #RECENT_ADDRESSES} recent
 * addresses). When a pool is full, a random output is dropped from it and stays unspent forever,
 * like lost coins; so any length streams in constant memory.
 *
 * <p>Instances are immutable and thread-safe; each {@link #stream()} call runs its own generator.
 */
public final class SyntheticChain {
  /** Mining pools that receive the coinbases (their addresses are reused, as real pools do). */
  public static final int MINING_POOLS = 6;
  public static final int COINBASE_MATURITY = 100;
  public static final long BLOCK_INTERVAL_SECONDS = 600;
  /** Regtest compact difficulty target: about one hash in two meets it. */
  public static final int REGTEST_BITS = 0x207fffff;
  /** Smallest output value generated (Bitcoin Core's P2PKH dust limit). */
  public static final int MIN_OUTPUT = 546;

  static final int[] INPUT_COUNT_CDF = {600_000, 820_000, 900_000};
  public static final double INPUT_TAIL_ALPHA = 1.3;
  public static final int MAX_INPUTS = 200;
  static final int[] OUTPUT_COUNT_CDF = {120_000, 850_000, 910_000};
  public static final double OUTPUT_TAIL_ALPHA = 1.2;
  public static final int MAX_OUTPUTS = 300;

  public static final int REUSE_PERCENT = 25;
  public static final int SELF_CHANGE_PERCENT = 10;
  public static final int ROUND_PAYMENT_PERCENT = 35;
  public static final int SEGWIT_PERCENT = 70;
  public static final int LOCKTIME_PERCENT = 60;
  public static final int RECENT_ADDRESSES = 8_192;

  public static final int PPM_DEPOSIT = 80_000;
  public static final int PPM_PEEL_START = 10_000;
  public static final int PPM_PEEL_HOP = 50_000;
  public static final int MIN_PEEL_HOPS = 4;
  public static final int MAX_PEEL_HOPS = 30;
  public static final long MIN_PEEL_VALUE = 100_000;
  public static final int PEEL_DEPOSIT_PERCENT = 15;
  public static final int MAX_ACTIVE_PEEL_CHAINS = 1_024;

  public static final int PPM_EXCHANGE_WITHDRAWAL = 8_000;
  public static final int HOT_WALLET_ADDRESSES = 3;
  public static final int HOT_BOOTSTRAP_OUTPUTS = 64;
  public static final double WITHDRAWAL_TAIL_ALPHA = 1.1;
  public static final int MAX_WITHDRAWAL_OUTPUTS = 2_000;
  public static final int PPM_EXCHANGE_SWEEP = 3_000;
  public static final int MIN_SWEEP_INPUTS = 10;
  public static final double SWEEP_TAIL_ALPHA = 1.2;
  public static final int MAX_SWEEP_INPUTS = 1_000;

  public static final int PPM_COINJOIN = 2_000;
  public static final int MIN_COINJOIN_PARTICIPANTS = 5;
  public static final int MAX_COINJOIN_PARTICIPANTS = 20;
  static final long[] COINJOIN_DENOMINATIONS = {100_000, 1_000_000, 5_000_000, 10_000_000};

  private final long seed;
  private final long transactions;
  private final int txsPerBlock;
  private final int poolCapacity;
  private final SynthNetwork network;
  private final Instant startTime;
  private final long startHeight;

  private SyntheticChain(Builder b) {
    this.seed = b.seed;
    this.transactions = b.transactions;
    this.txsPerBlock = b.txsPerBlock;
    this.poolCapacity = b.poolCapacity;
    this.network = b.network;
    this.startTime = b.startTime;
    this.startHeight = b.startHeight;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long seed() {
    return seed;
  }

  /** Total transactions, coinbases and the bootstrap transaction included. */
  public long transactions() {
    return transactions;
  }

  /** Transactions per block, coinbase included (the last block may hold fewer). */
  public int txsPerBlock() {
    return txsPerBlock;
  }

  /** Capacity of the pool of spendable outputs the generator draws inputs from. */
  public int poolCapacity() {
    return poolCapacity;
  }

  public SynthNetwork network() {
    return network;
  }

  /** Time of the bootstrap block; later blocks follow about every ten minutes. */
  public Instant startTime() {
    return startTime;
  }

  /**
   * Height of the bootstrap block (default 0). Heights above a network's BIP34 activation let a
   * block reader place mainnet-framed synthetic blocks (mainnet: 227,931), and set the subsidy
   * era (50 BTC halved every 210,000 blocks).
   */
  public long startHeight() {
    return startHeight;
  }

  /** The transactions in chain order (height, then position), inputs resolved. */
  public Stream<UtxoTx> stream() {
    return blocks(false).flatMap(b -> b.txs().stream());
  }

  /** The blocks in order, without raw bytes (header, hash and raw are absent). */
  public Stream<SyntheticBlock> blocks() {
    return blocks(false);
  }

  /** The blocks in order with header, hash and every transaction's serialization. */
  public Stream<SyntheticBlock> blocksWithBytes() {
    return blocks(true);
  }

  private Stream<SyntheticBlock> blocks(boolean raw) {
    Iterator<SyntheticBlock> it = new Generator(this, raw);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Writes a chain to a directory: {@code SyntheticChain N DIR [SEED] [blk|etl|both]}. Blocks go
   * to {@code DIR/blocks/blk*.dat}, bitcoin-etl lines to {@code DIR/etl/}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SyntheticChain N DIR [SEED] [blk|etl|both]");
      System.exit(2);
    }
    long n = Long.parseLong(args[0].replace("_", ""));
    Path dir = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
    String what = args.length > 3 ? args[3] : "both";
    SyntheticChain chain = builder().seed(seed).transactions(n).build();
    long t0 = System.nanoTime();
    if (!what.equals("etl")) {
      BlkFileWriter.Summary s = BlkFileWriter.write(chain, dir.resolve("blocks"));
      System.out.println("blk: " + s);
    }
    if (!what.equals("blk")) {
      EtlWriter.Summary s = EtlWriter.write(chain, dir.resolve("etl"));
      System.out.println("etl: " + s);
    }
    System.out.printf("%d transactions, seed %d, %.1f s%n", n, seed, (System.nanoTime() - t0) / 1e9);
  }

  /** Configures a chain; {@link #build()} rejects impossible settings. Not thread-safe. */
  public static final class Builder {
    private long seed = 1;
    private long transactions = 10_000;
    private int txsPerBlock = 2_000;
    private int poolCapacity = 1 << 18;
    private SynthNetwork network = SynthNetwork.REGTEST;
    private Instant startTime = Instant.parse("2020-01-01T00:00:00Z");
    private long startHeight;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Total transactions to generate (≥ 1), coinbases included. */
    public Builder transactions(long n) {
      this.transactions = n;
      return this;
    }

    /** Transactions per block including the coinbase (2 to 100,000; default 2,000). */
    public Builder txsPerBlock(int n) {
      this.txsPerBlock = n;
      return this;
    }

    /** Spendable outputs kept (1,024 to 2^26; default 2^18, about 40 MB of heap). */
    public Builder poolCapacity(int n) {
      this.poolCapacity = n;
      return this;
    }

    public Builder network(SynthNetwork network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    public Builder startTime(Instant t) {
      this.startTime = Objects.requireNonNull(t, "startTime");
      return this;
    }

    /** Height of the bootstrap block, 0 to 100,000,000 (default 0). */
    public Builder startHeight(long h) {
      this.startHeight = h;
      return this;
    }

    public SyntheticChain build() {
      if (startHeight < 0 || startHeight > 100_000_000) {
        throw new IllegalArgumentException("startHeight must be in 0..100000000: " + startHeight);
      }
      if (transactions < 1) {
        throw new IllegalArgumentException("transactions must be at least 1: " + transactions);
      }
      if (txsPerBlock < 2 || txsPerBlock > 100_000) {
        throw new IllegalArgumentException("txsPerBlock must be in 2..100000: " + txsPerBlock);
      }
      if (poolCapacity < 1_024 || poolCapacity > (1 << 26)) {
        throw new IllegalArgumentException("poolCapacity must be in 1024..2^26: " + poolCapacity);
      }
      // Block times are 32-bit in the header; blocks advance at most 1.5 intervals each.
      long blocks = transactions / (txsPerBlock - 1) + 2;
      if (startTime.getEpochSecond() < 0
          || startTime.getEpochSecond() + blocks * (BLOCK_INTERVAL_SECONDS * 3 / 2) > 0xffffffffL) {
        throw new IllegalArgumentException(
            "block times would leave the 32-bit range of the block header: " + startTime);
      }
      return new SyntheticChain(this);
    }
  }
}
