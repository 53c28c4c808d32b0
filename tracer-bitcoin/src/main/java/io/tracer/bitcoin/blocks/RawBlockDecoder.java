package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.bitcoin.script.OutputScripts;
import io.tracer.bitcoin.script.ScriptAddress;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decodes serialized blocks straight into {@link UtxoTx}, reading the bytes in place: no
 * intermediate object model, and txids hashed over slices of the block buffer (the non-witness
 * serialization is three slices: version, inputs+outputs, lock time). This is the hot path; tests
 * check it against bitcoinj's {@code Block.read} on every real block.
 *
 * <p>Every length and count is checked against the bytes left before it is used, so garbage can
 * neither overrun the buffer nor make it allocate much: a count is only believed if the remaining
 * bytes could hold that many items.
 *
 * <p>Not thread-safe (it reuses one SHA-256 digest and a cursor); use one per thread.
 */
public final class RawBlockDecoder {
  /** Bitcoin Core's MAX_BLOCK_SERIALIZED_SIZE: no valid block is larger. */
  public static final int MAX_BLOCK_SIZE = 4_000_000;

  /**
   * Bitcoin Core's MAX_MONEY, 21 million BTC in satoshi: no output, and no transaction's outputs
   * together, may hold more (a consensus rule). Checked so that no sum of amounts can overflow.
   */
  public static final long MAX_MONEY = 2_100_000_000_000_000L;

  /** Serialized size of a block header. */
  public static final int HEADER_SIZE = 80;

  private static final HexFormat HEX = HexFormat.of();
  private static final int MIN_INPUT_SIZE = 41; // 32 hash + 4 index + 1 script length + 4 sequence
  private static final int MIN_OUTPUT_SIZE = 9; // 8 value + 1 script length
  private static final long COINBASE_INDEX = 0xffffffffL;

  private final BtcNetwork network;
  private final MessageDigest sha256;

  // cursor over the block being decoded
  private byte[] b;
  private int pos;
  private int end;
  private int start;
  private Path file;
  private long fileOffset;

  public RawBlockDecoder(BtcNetwork network) {
    this.network = Objects.requireNonNull(network, "network");
    this.sha256 = newSha256();
  }

  public BtcNetwork network() {
    return network;
  }

  /**
   * Decodes the block in {@code buf[off, off+len)}, which must hold exactly one block.
   *
   * @param height the height to stamp on the transactions ({@link BlockRef#UNKNOWN_HEIGHT} if not
   *     known)
   * @param file the file for error messages (may be null)
   * @param fileOffset the file offset of {@code buf[off]}, for error messages
   * @throws BlockFileException.Malformed if the bytes are not exactly one well-formed block
   */
  public DecodedBlock decode(
      byte[] buf, int off, int len, long height, Path file, long fileOffset) {
    List<UtxoTx> txs = new ArrayList<>();
    BlockInfo info = walkBlock(buf, off, len, height, file, fileOffset,
        (position, time) -> txs.add(transaction(BlockRef.of(height, position, Instant.ofEpochSecond(time)))));
    return new DecodedBlock(info, txs);
  }

  /**
   * Decodes the block in {@code buf[off, off+len)} straight into {@code ledger}'s columns: the same
   * checks and the same transactions as {@link #decode}, but no {@link UtxoTx}, {@link TxIn},
   * {@link TxOut}, {@link TxId} or address object is built (the ingest hot path). If the builder
   * stores this network's {@link BitcoinAddressKeys}, outputs are keyed by script type and hash and
   * no address text is rendered at all; otherwise the address text is written. If the block is
   * malformed, nothing of it stays in the builder.
   *
   * @return the block's facts
   * @throws BlockFileException.Malformed if the bytes are not exactly one well-formed block
   */
  public BlockInfo decodeInto(UtxoLedger.Builder ledger,
      byte[] buf, int off, int len, long height, Path file, long fileOffset) {
    Objects.requireNonNull(ledger, "ledger");
    long mark = ledger.mark();
    // keys straight from the scripts when the ledger stores this network's keys, else address text
    boolean keyed = ledger.addressCodec() == BitcoinAddressKeys.of(network);
    boolean done = false;
    try {
      BlockInfo info = walkBlock(buf, off, len, height, file, fileOffset,
          (position, time) -> transactionInto(ledger, keyed, height, position, time));
      done = true;
      return info;
    } finally {
      if (!done) {
        ledger.rollback(mark);
      }
    }
  }

  /** What to do with each transaction the walk has checked ({@link #walkTx} fields are set). */
  @FunctionalInterface
  private interface TxEmitter {
    void emit(int position, long blockTime);
  }

  /** Header, every transaction (checked by {@link #walkTx}, then emitted), nothing left over. */
  private BlockInfo walkBlock(byte[] buf, int off, int len, long height, Path file, long fileOffset,
      TxEmitter emitter) {
    Objects.checkFromIndexSize(off, len, buf.length);
    this.b = buf;
    this.pos = off;
    this.start = off;
    this.end = off + len;
    this.file = file;
    this.fileOffset = fileOffset;
    try {
      need(HEADER_SIZE, "block header");
      long version = i32(off);
      String prevHash = hashHex(off + 4);
      long time = u32(off + 68);
      String hash = HEX.formatHex(reverse(sha256d(buf, off, HEADER_SIZE, 0, 0, 0, 0, new byte[32])));
      pos = off + HEADER_SIZE;
      long txCount = varint();
      if (txCount == 0) {
        throw malformed(pos, "block has no transactions");
      }
      checkCount(txCount, 60, "transaction count");
      for (int i = 0; i < txCount; i++) {
        walkTx();
        emitter.emit(i, time);
      }
      if (pos != end) {
        throw malformed(pos, (end - pos) + " bytes left after the last transaction");
      }
      return new BlockInfo(hash, prevHash, height, Instant.ofEpochSecond(time), version,
          (int) txCount, len, network);
    } finally {
      this.b = null; // do not keep the caller's buffer alive
    }
  }

  // the transaction walkTx checked last: where each input's outpoint and each output's value and
  // script sit in the block, and what was hashed and counted
  private int[] inAt = new int[16];
  private int[] outAt = new int[16];
  private int[] scriptLen = new int[16];
  private int nIn;
  private int nOut;
  private long txVersion;
  private long txLockTime;
  private int txVsize;
  private final byte[] txid = new byte[32]; // internal (hash) order; rewritten for every tx
  private final byte[] key = new byte[BitcoinAddressKeys.MAX_SCRIPT_KEY];

  /**
   * Checks one transaction from {@code pos} and records where its parts sit; the txid is only
   * known once the whole transaction has been walked, so both emitters read the parts afterwards
   * from the (cache-hot) block bytes.
   */
  private void walkTx() {
    int txStart = pos;
    need(4, "transaction version");
    txVersion = u32(pos); // unsigned, as bitcoinj and Bitcoin Core (since 28) read it
    pos += 4;
    boolean segwit = end - pos >= 2 && b[pos] == 0 && b[pos + 1] == 1;
    if (segwit) {
      pos += 2;
    }
    int bodyStart = pos;
    long ins = varint();
    checkCount(ins, MIN_INPUT_SIZE, "input count");
    nIn = (int) ins;
    if (inAt.length < nIn) {
      inAt = new int[nIn * 2];
    }
    for (int i = 0; i < nIn; i++) {
      need(36, "outpoint");
      inAt[i] = pos;
      long index = u32(pos + 32);
      pos += 36;
      skip(varint(), "input script");
      need(4, "sequence");
      pos += 4;
      if (index > Integer.MAX_VALUE && !isCoinbaseOutpoint(inAt[i])) {
        throw malformed(inAt[i] + 32, "output index " + index + " out of range");
      }
    }
    long outs = varint();
    checkCount(outs, MIN_OUTPUT_SIZE, "output count");
    nOut = (int) outs;
    if (outAt.length < nOut) {
      outAt = new int[nOut * 2];
      scriptLen = new int[nOut * 2];
    }
    long valueSum = 0; // each step at most 2 × MAX_MONEY: no overflow
    for (int i = 0; i < nOut; i++) {
      need(8, "output value");
      long value = i64(pos);
      if (value < 0) {
        throw malformed(pos, "negative output value " + value);
      }
      valueSum += value;
      if (valueSum > MAX_MONEY) {
        throw malformed(pos, (value > MAX_MONEY ? "output value " + value + " sat is"
            : "the outputs up to this one add up to") + " more than the 21,000,000 BTC supply");
      }
      outAt[i] = pos;
      pos += 8;
      long slen = varint();
      skip(slen, "output script");
      scriptLen[i] = (int) slen;
    }
    int bodyEnd = pos;
    if (segwit) {
      for (int i = 0; i < nIn; i++) {
        long items = varint();
        checkCount(items, 1, "witness item count");
        for (long k = 0; k < items; k++) {
          skip(varint(), "witness item");
        }
      }
    }
    need(4, "lock time");
    txLockTime = u32(pos);
    pos += 4;
    if (segwit) {
      // the txid leaves out the marker, flag and witnesses: version, body, lock time
      sha256d(b, txStart, 4, bodyStart, bodyEnd - bodyStart, pos - 4, 4, txid);
    } else {
      sha256d(b, txStart, pos - txStart, 0, 0, 0, 0, txid); // one slice: fewer digest calls
    }
    int stripped = 4 + (bodyEnd - bodyStart) + 4;
    int total = pos - txStart;
    txVsize = (stripped * 3 + total + 3) / 4;
  }

  private boolean isCoinbaseOutpoint(int at) {
    return u32(at + 32) == COINBASE_INDEX && isZero(at, 32);
  }

  /** The sequence of walked input {@code i} (after its script). */
  private long sequence(int i) {
    int scriptLenAt = inAt[i] + 36;
    return u32(scriptLenAt + compactSize(scriptLenAt) + (int) readVarint(b, scriptLenAt, end));
  }

  /** Where walked output {@code i}'s script starts. */
  private int scriptAt(int i) {
    return outAt[i] + 8 + compactSize(outAt[i] + 8);
  }

  /** The walked transaction as objects (the object path). */
  private UtxoTx transaction(BlockRef ref) {
    List<TxIn> ins = new ArrayList<>(nIn);
    for (int i = 0; i < nIn; i++) {
      int at = inAt[i];
      if (isCoinbaseOutpoint(at)) {
        ins.add(TxIn.coinbase(sequence(i)));
      } else {
        TxId prev = TxId.ofWords(le64(b, at, 0), le64(b, at, 1), le64(b, at, 2), le64(b, at, 3));
        ins.add(TxIn.unresolved(new OutPoint(prev, (int) u32(at + 32)), sequence(i)));
      }
    }
    List<TxOut> outs = new ArrayList<>(nOut);
    for (int i = 0; i < nOut; i++) {
      ScriptAddress sa = OutputScripts.classify(b, scriptAt(i), scriptLen[i], network);
      outs.add(new TxOut(i, sa.address(), i64(outAt[i]), sa.type()));
    }
    return new UtxoTx(TxId.ofReversed(txid), ref, txVersion, txLockTime, txVsize, ins, outs);
  }

  /** The walked transaction into the ledger's columns (the ingest path). */
  private void transactionInto(
      UtxoLedger.Builder ledger, boolean keyed, long height, int position, long time) {
    // TxId.word(w) is the big-endian long of display bytes 8w..8w+7, i.e. the little-endian long of
    // hash bytes 24-8w..31-8w (display order is the hash reversed); the same holds for outpoints.
    ledger.beginTx(le64(txid, 0, 0), le64(txid, 0, 1), le64(txid, 0, 2), le64(txid, 0, 3),
        height, position, time, txVersion, txLockTime, txVsize);
    for (int i = 0; i < nIn; i++) {
      int at = inAt[i];
      if (isCoinbaseOutpoint(at)) {
        ledger.coinbaseInput(sequence(i));
      } else {
        ledger.input(le64(b, at, 0), le64(b, at, 1), le64(b, at, 2), le64(b, at, 3),
            (int) u32(at + 32), sequence(i));
      }
    }
    for (int i = 0; i < nOut; i++) {
      if (keyed) {
        int r = OutputScripts.classifyKey(b, scriptAt(i), scriptLen[i], key);
        ledger.output(i64(outAt[i]), TYPES[r >>> 8], key, 0, r & 0xff);
      } else {
        // a ledger that stores text (not the btc-blocks source): render the address
        ScriptAddress sa = OutputScripts.classify(b, scriptAt(i), scriptLen[i], network);
        byte[] t = sa.address().value().getBytes(StandardCharsets.ISO_8859_1);
        ledger.output(i64(outAt[i]), sa.type(), t, 0, t.length);
      }
    }
  }

  private static final OutputType[] TYPES = OutputType.values();

  private static final java.lang.invoke.VarHandle LE_LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** TxId word {@code w} of the 32-byte hash at {@code buf[at]} in internal order. */
  private static long le64(byte[] buf, int at, int w) {
    return (long) LE_LONGS.get(buf, at + 24 - 8 * w);
  }

  /** Bytes taken by the compact size at {@code at} (already validated by the walk). */
  private int compactSize(int at) {
    int first = b[at] & 0xff;
    return first < 0xfd ? 1 : first == 0xfd ? 3 : first == 0xfe ? 5 : 9;
  }

  // ---- cursor helpers ----

  private void need(long n, String what) {
    if (n > end - pos) {
      throw malformed(
          pos, "truncated " + what + ": needs " + n + " bytes, " + (end - pos) + " left in block");
    }
  }

  private void skip(long n, String what) {
    need(n, what);
    pos += (int) n;
  }

  /** A count is plausible only if the bytes left could hold that many items of minimum size. */
  private void checkCount(long count, int minItemSize, String what) {
    if (count > (end - pos) / (long) minItemSize) {
      throw malformed(pos, what + " " + count + " cannot fit in the " + (end - pos) + " bytes left");
    }
  }

  private long varint() {
    need(1, "compact size");
    int first = b[pos] & 0xff;
    pos++;
    if (first < 0xfd) {
      return first;
    }
    int n = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    need(n, "compact size");
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[pos + i] & 0xff);
    }
    pos += n;
    if (v < 0) {
      throw malformed(pos - n, "compact size out of range");
    }
    return v;
  }

  private long u32(int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  private long i32(int at) {
    return (int) u32(at);
  }

  private long i64(int at) {
    return u32(at) | u32(at + 4) << 32;
  }

  private boolean isZero(int at, int n) {
    for (int i = 0; i < n; i++) {
      if (b[at + i] != 0) {
        return false;
      }
    }
    return true;
  }

  private String hashHex(int at) {
    byte[] h = new byte[32];
    for (int i = 0; i < 32; i++) {
      h[i] = b[at + 31 - i];
    }
    return HEX.formatHex(h);
  }

  private BlockFileException.Malformed malformed(int at, String problem) {
    return new BlockFileException.Malformed(
        file, fileOffset + (at - start), problem + " (block starts at offset " + fileOffset + ")");
  }

  /**
   * SHA-256d over up to three slices, without copying them together, into {@code out} (32 bytes,
   * returned): no allocation per transaction.
   */
  private byte[] sha256d(byte[] buf, int o1, int l1, int o2, int l2, int o3, int l3, byte[] out) {
    try {
      sha256.update(buf, o1, l1);
      if (l2 > 0) {
        sha256.update(buf, o2, l2);
      }
      if (l3 > 0) {
        sha256.update(buf, o3, l3);
      }
      sha256.digest(out, 0, 32);
      sha256.update(out, 0, 32);
      sha256.digest(out, 0, 32);
      return out;
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
    }
  }

  private static byte[] reverse(byte[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      byte t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  // ---- header facts for the height pass ----

  /**
   * Header facts from the first bytes of a block: enough to link it to its parent and to read a
   * BIP34 height. {@code prefix} may be cut anywhere after the 80-byte header; the BIP34 height is
   * then empty if the coinbase is not fully in it.
   */
  static HeaderFacts headerFacts(byte[] prefix, int off, int len, MessageDigest sha) {
    sha.reset();
    sha.update(prefix, off, HEADER_SIZE);
    byte[] h = reverse(sha.digest(sha.digest()));
    byte[] prev = new byte[32];
    for (int i = 0; i < 32; i++) {
      prev[i] = prefix[off + 4 + 31 - i];
    }
    long version =
        (int)
            ((prefix[off] & 0xffL)
                | (prefix[off + 1] & 0xffL) << 8
                | (prefix[off + 2] & 0xffL) << 16
                | (prefix[off + 3] & 0xffL) << 24);
    return new HeaderFacts(h, prev, version, bip34(prefix, off + HEADER_SIZE, off + len));
  }

  /**
   * Facts of one header, hashes in display order (package-private: the reader's height pass uses
   * them and copies them into compact arrays at once).
   */
  record HeaderFacts(byte[] hash, byte[] prevHash, long version, OptionalLong coinbaseHeight) {}

  /**
   * The height a BIP34 coinbase declares: the first push of its scriptSig read as a script number.
   * Empty if the bytes are not there or are not a minimal non-negative push of 1..5 bytes (heights
   * fit in 4 bytes; 5 allows the sign byte).
   */
  static OptionalLong bip34(byte[] b, int p, int end) {
    try {
      p = skipVarint(b, p, end); // tx count
      p += 4; // version
      if (p + 2 <= end && b[p] == 0 && b[p + 1] == 1) {
        p += 2; // segwit marker
      }
      p = skipVarint(b, p, end); // input count
      p += 36; // outpoint
      int scriptLen = (int) readVarint(b, p, end);
      p = skipVarint(b, p, end);
      if (scriptLen < 1 || p + scriptLen > end) {
        return OptionalLong.empty();
      }
      int op = b[p] & 0xff;
      if (op >= 0x51 && op <= 0x60) {
        return OptionalLong.of(op - 0x50);
      }
      if (op < 1 || op > 5 || op + 1 > scriptLen) {
        return OptionalLong.empty();
      }
      long v = 0;
      for (int i = op - 1; i >= 0; i--) {
        v = (v << 8) | (b[p + 1 + i] & 0xff);
      }
      long signBit = 0x80L << (8 * (op - 1));
      if ((v & signBit) != 0) {
        return OptionalLong.empty(); // negative
      }
      return OptionalLong.of(v);
    } catch (ArrayIndexOutOfBoundsException e) {
      return OptionalLong.empty(); // the prefix was cut inside the coinbase
    }
  }

  private static int skipVarint(byte[] b, int p, int end) {
    if (p >= end) {
      throw new ArrayIndexOutOfBoundsException(p);
    }
    int first = b[p] & 0xff;
    return p + (first < 0xfd ? 1 : first == 0xfd ? 3 : first == 0xfe ? 5 : 9);
  }

  private static long readVarint(byte[] b, int p, int end) {
    if (p >= end) {
      throw new ArrayIndexOutOfBoundsException(p);
    }
    int first = b[p] & 0xff;
    if (first < 0xfd) {
      return first;
    }
    int n = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    if (p + 1 + n > end) {
      throw new ArrayIndexOutOfBoundsException(p);
    }
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[p + 1 + i] & 0xff);
    }
    return v;
  }
}
