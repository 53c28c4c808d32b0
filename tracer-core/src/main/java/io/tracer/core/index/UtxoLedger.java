package io.tracer.core.index;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An immutable in-memory UTXO index: transaction by id, spender of an output, history of an
 * address, and every transaction in chain order. Inputs are resolved (address and value of the
 * spent output) against every transaction added, whatever order they were added in. Safe for
 * concurrent readers.
 *
 * <p>Memory layout: columns of primitives rather than objects, so that millions of transactions
 * fit on a laptop. Transactions are held in chain order; an input that spends a loaded output
 * stores only that output's global index; addresses are interned once as bytes; the address →
 * transactions index is one varint-compressed posting list. Columns are packed for what real
 * chains hold, with every other value kept exactly as an exception: block runs for height,
 * position and time ({@code BlockColumn}), one byte for version with lockTime and one for a
 * sequence, two for vsize, offsets as a base per 64 plus a char, amounts in four bytes (round ones
 * as mantissa × 10^k), output types as nibbles, spenders for spent outputs only. That is about
 * 95 bytes per transaction on the first 100,000 mainnet blocks (see BENCHMARKS.md). {@link
 * UtxoTx} objects are built on demand.
 */
public final class UtxoLedger implements UtxoSource {
  private static final int COINBASE = -1;
  private static final int[] NO_INTS = {};
  private static final long[] NO_LONGS = {};
  private static final OutputType[] TYPES = OutputType.values();

  static {
    // output types are held as nibbles
    if (TYPES.length > Nibbles.LIMIT) {
      throw new AssertionError("more output types than a nibble holds: " + TYPES.length);
    }
  }
  private static final int CACHE_PAGE_SHIFT = 8;
  private static final int CACHE_PAGE = 1 << CACHE_PAGE_SHIFT;

  private final Chain chain;
  private final String description;
  private final AddressCodec codec;
  private final int txCount;
  // Built columns are packed (see the small column classes of this package): the common values
  // (version 1 or 2 with lock time 0 or just below the block height, sequence 0xffffffff, a
  // block's transactions sharing its height and time) cost a byte or a bit, every other value is
  // kept exactly as an exception.
  // per transaction (chain order)
  private final long[] txWords; // 4 longs per txid, display order, big-endian
  private final int[] idTable; // open addressing, load factor <= 0.75: tx index + 1, 0 = empty
  private final BlockColumn blocks; // height (-1 unknown), position, time (unsigned 32-bit)
  private final VersionLockColumn txVersionLock; // lock time relative to the block height
  private final CharInts txVsize;
  private final ChunkedInts inStart; // n + 1
  private final ChunkedInts outStart; // n + 1
  private final int[] inOwnerHint; // see ownerHints
  private final int[] outOwnerHint;
  // per input
  private final int[] inRef; // >= 0 global output; -1 coinbase; <= -2: external -(2 + i)
  private final ByteCodedInts inSeq;
  // inputs whose spent output is not loaded: prevout txid words, vout, address id (-1), value (-1).
  // A source of raw blocks gives no address and value with an input: their columns are then empty.
  private final long[] extWords;
  private final CharInts extVout;
  private final int[] extAddr; // empty: -1 for every external input
  private final long[] extValue; // empty: -1 for every external input
  // per output
  private final AmountColumn outValue;
  private final int[] outAddr;
  private final Nibbles outType; // OutputType ordinal
  private final SpenderColumn spenders; // global input index or -1
  // addresses
  private final byte[] addrBytes;
  private final ChunkedInts addrOff; // a + 1
  private final int[] addrTable; // open addressing, load factor <= 0.75: address id + 1
  private final Address[][] addrCache; // decoded on first use, in pages allocated on first use
  private final ChunkedInts postStart; // a + 1, offsets into postings
  // per address, the transactions it appears in, ascending: the first as a varint, then the gaps
  private final byte[] postings;
  private final long unresolvedInputs;

  private UtxoLedger(Builder b) {
    this.chain = b.chain;
    this.description = b.description;
    this.codec = b.codec;
    // The address side (key arena and lookup table) needs nothing of the transactions: on a large
    // ledger another thread builds it meanwhile.
    KeyInterner addrs = b.addrs;
    ForkJoinTask<AddressSide> addressSide = ForkJoinTask.adapt(() -> AddressSide.of(addrs));
    if (addrs.size() >= PARALLEL_INPUTS) {
      addressSide.fork();
    } else {
      addressSide.invoke();
    }
    // Chain order (stable), then duplicates dropped (the two BIP30 coinbases, or a block loaded
    // twice: the first copy in chain order stays). keep = builder indices in final order. The
    // dedupe table is sized for all b.n ids and becomes the id table (duplicates are rare). While
    // building, each entry also carries 32 bits of its id (see probe); the id table keeps the rest.
    int[] order = b.chainOrder();
    long[] table = new long[exactTableSize(b.n)];
    int[] keep = new int[b.n];
    int n = 0;
    for (int j = 0; j < b.n; j++) {
      int t = order == null ? j : order[j];
      if (insertIfAbsent(table, b.txw, t)) {
        keep[n++] = t;
      }
    }
    boolean identity = order == null && n == b.n;
    this.txCount = n;
    int[] ins = new int[n + 1];
    int[] outs = new int[n + 1];
    int[] prevRef = null; // builder input index of each final input; null: the same index
    if (identity) {
      // the usual case (blocks added in chain order, no duplicates): trim the columns
      txWords = exactOrCopy(b.txw, 4 * n);
      for (int i = 0; i < n; i++) {
        ins[i + 1] = b.inputEnd(i);
        outs[i + 1] = b.outputEnd(i);
      }
      outValue = AmountColumn.of(b.k, o -> b.outValue[o]);
      outAddr = exactOrCopy(b.outAddr, b.k);
      outType = Nibbles.of(b.outType, b.k);
    } else {
      txWords = new long[4 * n];
      int[] finalOf = new int[b.n];
      int m = 0;
      int k = 0;
      for (int i = 0; i < n; i++) {
        int t = keep[i];
        finalOf[t] = i;
        System.arraycopy(b.txw, 4 * t, txWords, 4 * i, 4);
        ins[i] = m;
        outs[i] = k;
        m += b.inputEnd(t) - b.inputStart(t);
        k += b.outputEnd(t) - b.outputStart(t);
      }
      ins[n] = m;
      outs[n] = k;
      // the id table maps to final indices: renumber its entries
      for (int s = 0; s < table.length; s++) {
        if (table[s] != 0) {
          table[s] = (table[s] & ~0xffffffffL) | (finalOf[(int) table[s] - 1] + 1L);
        }
      }
      long[] values = new long[k];
      outAddr = new int[k];
      byte[] types = new byte[k];
      prevRef = new int[m];
      for (int i = 0; i < n; i++) {
        int t = keep[i];
        int os = b.outputStart(t);
        int len = b.outputEnd(t) - os;
        System.arraycopy(b.outValue, os, values, outs[i], len);
        System.arraycopy(b.outAddr, os, outAddr, outs[i], len);
        System.arraycopy(b.outType, os, types, outs[i], len);
        int is = b.inputStart(t);
        for (int g = ins[i], q = is; g < ins[i + 1]; g++, q++) {
          prevRef[g] = q;
        }
      }
      outValue = AmountColumn.of(k, o -> values[o]);
      outType = Nibbles.of(types, k);
    }
    idTable = new int[table.length];
    for (int s = 0; s < table.length; s++) {
      idTable[s] = (int) table[s];
    }
    // Each of the builder's columns goes as soon as it has been read (see Builder#build): on a
    // large load, holding them all to the end was the peak of memory.
    b.releaseTxIdsAndOutputs();
    // The per-transaction columns and the input sequences need nothing of the inputs' funding:
    // on a large ledger another thread packs them while this one resolves the inputs.
    int[] inputOf = prevRef;
    int txs = n;
    ForkJoinTask<TxSide> txSide =
        ForkJoinTask.adapt(() -> TxSide.of(b, keep, txs, ins, outs, inputOf));
    if (n >= PARALLEL_INPUTS) {
      txSide.fork();
    } else {
      txSide.invoke();
    }
    int m = ins[n];
    int k = outs[n];
    int[] outSpender = new int[k]; // global input index or -1; packed once every input is resolved
    Arrays.fill(outSpender, -1);
    inRef = new int[m];
    Externals ext = resolveInputs(b, prevRef, table, outs, outSpender);
    spenders = SpenderColumn.of(outSpender, k);
    extWords = ext.words();
    extVout = ext.packedVouts();
    extAddr = onlyIfAny(ext.addr());
    extValue = onlyIfAny(ext.value());
    unresolvedInputs = ext.unresolved();
    b.releaseInputs();
    TxSide tx = txSide.join();
    blocks = tx.blocks();
    txVersionLock = tx.versionLock();
    txVsize = tx.vsize();
    inStart = tx.inStart();
    outStart = tx.outStart();
    inOwnerHint = tx.inOwnerHint();
    outOwnerHint = tx.outOwnerHint();
    inSeq = tx.inSeq();
    b.releaseTxFields();

    AddressSide side = addressSide.join();
    int a = addrs.size();
    addrBytes = side.bytes();
    addrOff = side.offsets();
    addrTable = side.table();
    addrCache = new Address[(a + CACHE_PAGE - 1) >>> CACHE_PAGE_SHIFT][];
    int[] byteStart = new int[a + 1];
    postings = postings(n, ins, outs, byteStart);
    postStart = ChunkedInts.of(byteStart, a + 1);
  }

  /** {@code a} itself if it holds exactly {@code len} values (handed over), else a copy. */
  private static long[] exactOrCopy(long[] a, int len) {
    return a.length == len ? a : Arrays.copyOf(a, len);
  }

  private static int[] exactOrCopy(int[] a, int len) {
    return a.length == len ? a : Arrays.copyOf(a, len);
  }

  /** An address key arena, each key's offset in it, and the lookup table over both. */
  private record AddressSide(byte[] bytes, ChunkedInts offsets, int[] table) {
    static AddressSide of(KeyInterner addrs) {
      int a = addrs.size();
      int[] table = new int[exactTableSize(a)];
      for (int id = 0; id < a; id++) {
        int s = slotOf(addrs.hash(id), table.length);
        while (table[s] != 0) {
          s = s + 1 == table.length ? 0 : s + 1;
        }
        table[s] = id + 1;
      }
      // the ledger takes the builder's keys over (see Builder#build): the interner's arrays go
      // as soon as they are copied, not when the whole build ends
      byte[] bytes = addrs.bytes();
      ChunkedInts offsets = ChunkedInts.of(addrs.offsetsNoCopy(), a + 1);
      addrs.release();
      return new AddressSide(bytes, offsets, table);
    }
  }

  /** Inputs (or addresses) from which the build works on several threads. */
  private static final int PARALLEL_INPUTS = 1 << 15;

  /** {@link #inRef} of an external input until its entry is numbered. */
  private static final int PENDING_EXTERNAL = Integer.MIN_VALUE;
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

  /**
   * Resolves every input into {@link #inRef}: the global output it spends, {@link #COINBASE}, or
   * an external entry (numbered in input order); and gives each spent output its first spender in
   * {@code outSpender}. Each input's funding lookup reads the id table and misses the cache, and
   * the lookups are independent: on a large ledger they run on the common fork-join pool, in
   * chunks. External entries are numbered afterwards, each chunk from the count before it.
   */
  private Externals resolveInputs(Builder b, int[] prevRef, long[] table, int[] outs,
      int[] outSpender) {
    int m = inRef.length;
    long[] held = heldFilter();
    int filterMask = (held.length << 6) - 1;
    int chunks = (m + 4095) / 4096;
    int[] extStart = new int[chunks + 1];
    IntConsumer resolve = c -> {
      int external = 0;
      for (int g = c * 4096, end = Math.min(m, g + 4096); g < end; g++) {
        int q = prevRef == null ? g : prevRef[g];
        int vout = b.vout[q];
        if (vout == Builder.COINBASE_VOUT) {
          inRef[g] = COINBASE;
          continue;
        }
        int f = filterBit(b.prevw, q) & filterMask;
        int funding = (held[f >>> 6] & (1L << f)) == 0 ? -1 : probe(table, txWords, b.prevw, q);
        if (funding >= 0 && vout < outs[funding + 1] - outs[funding]) {
          inRef[g] = outs[funding] + vout;
          claimSpender(outSpender, outs[funding] + vout, g);
        } else {
          inRef[g] = PENDING_EXTERNAL;
          external++;
        }
      }
      extStart[c + 1] = external;
    };
    IntStream all = IntStream.range(0, chunks);
    (m >= PARALLEL_INPUTS ? all.parallel() : all).forEach(resolve);
    for (int c = 0; c < chunks; c++) {
      extStart[c + 1] += extStart[c];
    }
    int count = extStart[chunks];
    Externals ext = new Externals(new long[4 * count], new int[count], new int[count],
        new long[count], new long[chunks]);
    boolean given = b.inAddr != null;
    IntConsumer number = c -> {
      int e = extStart[c];
      long unresolved = 0;
      for (int g = c * 4096, end = Math.min(m, g + 4096); g < end && e < extStart[c + 1]; g++) {
        if (inRef[g] == PENDING_EXTERNAL) {
          int q = prevRef == null ? g : prevRef[g];
          System.arraycopy(b.prevw, 4 * q, ext.words(), 4 * e, 4);
          ext.vout()[e] = b.vout[q];
          ext.addr()[e] = given ? b.inAddr[q] : -1;
          ext.value()[e] = given ? b.inValue[q] : TxIn.UNKNOWN_VALUE;
          if (ext.addr()[e] < 0 || ext.value()[e] < 0) {
            unresolved++;
          }
          inRef[g] = -2 - e++;
        }
      }
      ext.unresolvedByChunk()[c] = unresolved;
    };
    all = IntStream.range(0, chunks);
    (count >= PARALLEL_INPUTS ? all.parallel() : all).forEach(number);
    return ext;
  }

  /**
   * Makes input {@code g} the spender of output {@code out} unless an earlier input spends it too
   * (a double spend in hostile data): the first in chain order stays, whichever chunk's thread
   * gets there first.
   */
  private static void claimSpender(int[] spender, int out, int g) {
    int seen = spender[out];
    while ((seen < 0 || g < seen) && !INTS.compareAndSet(spender, out, seen, g)) {
      seen = (int) INTS.getVolatile(spender, out);
    }
  }

  /**
   * The inputs whose spent output is not loaded, in input order: prevout txid words (4 each),
   * vout, address id and value as given (-1 if not), and per chunk of inputs how many of them
   * lack an address or value.
   */
  private record Externals(long[] words, int[] vout, int[] addr, long[] value,
      long[] unresolvedByChunk) {
    long unresolved() {
      return Arrays.stream(unresolvedByChunk).sum();
    }

    /** Output indices are small nearly always: two bytes each (the rest as exceptions). */
    CharInts packedVouts() {
      return CharInts.of(vout.length, e -> vout[e]);
    }
  }

  /**
   * The packed per-transaction columns and the input sequences: they need only the builder and
   * the final order.
   */
  private record TxSide(BlockColumn blocks, VersionLockColumn versionLock, CharInts vsize,
      ChunkedInts inStart, ChunkedInts outStart, int[] inOwnerHint, int[] outOwnerHint,
      ByteCodedInts inSeq) {
    static TxSide of(Builder b, int[] keep, int n, int[] ins, int[] outs, int[] inputOf) {
      ChunkedInts inStart = ChunkedInts.of(ins, n + 1);
      ChunkedInts outStart = ChunkedInts.of(outs, n + 1);
      return new TxSide(
          BlockColumn.of(n, i -> b.height[keep[i]], i -> b.pos[keep[i]], i -> b.time[keep[i]]),
          VersionLockColumn.of(n, i -> b.version[keep[i]], i -> b.lock[keep[i]],
              i -> b.height[keep[i]]),
          CharInts.of(n, i -> b.vsize[keep[i]]),
          inStart,
          outStart,
          ownerHints(inStart, n),
          ownerHints(outStart, n),
          ByteCodedInts.of(ins[n], g -> b.seq[inputOf == null ? g : inputOf[g]], -1, -2, -3, 0));
    }
  }

  /**
   * A bit per 8 ids, set for every id held (a one-hash Bloom filter, about 12 % false positives):
   * a ledger of recent blocks alone has most inputs spend transactions it does not hold, and an
   * id the table does not hold costs a probe along a whole run of slots (at load 3/4, about eight)
   * where the filter answers with one read.
   */
  private long[] heldFilter() {
    int bits = Integer.highestOneBit(Math.max(64, txCount * 8 - 1)) << 1;
    long[] held = new long[bits >>> 6];
    for (int i = 0; i < txCount; i++) {
      int f = filterBit(txWords, i) & (bits - 1);
      held[f >>> 6] |= 1L << f;
    }
    return held;
  }

  /** The filter bit of the id at {@code words[4i..4i+4)}: another hash than the table's. */
  private static int filterBit(long[] words, int i) {
    long h = (words[4 * i + 2] ^ KeyInterner.SEED) * 0x9E3779B97F4A7C15L ^ words[4 * i + 3];
    h *= 0xC2B2AE3D27D4EB4FL;
    return (int) (h >>> 32);
  }

  /**
   * Every address's transactions, ascending and each once, as varints: the first transaction,
   * then the gaps (>= 1). Address {@code ad}'s are at {@code [byteStart[ad], byteStart[ad + 1])}.
   *
   * <p>How: the (address, transaction) pairs of every input and output are first grouped by
   * address range (a counting sort; each group stays in transaction order). Then each group is
   * passed over twice, once to size each address's list and once to write it. A group's
   * addresses are few enough that their counters and lists stay in the cache, where one pass over
   * all pairs would touch them at random; on a large ledger the groups are shared among threads.
   */
  private byte[] postings(int n, int[] ins, int[] outs, int[] byteStart) {
    int a = byteStart.length - 1;
    int m = ins[n];
    int[] inAddr = new int[m]; // resolved once here: the grouping reads it twice
    IntConsumer resolve = c -> {
      for (int g = c * 4096, end = Math.min(m, g + 4096); g < end; g++) {
        inAddr[g] = inputAddr(g);
      }
    };
    IntStream chunks = IntStream.range(0, (m + 4095) / 4096);
    boolean parallel = a >= PARALLEL_INPUTS;
    (parallel ? chunks.parallel() : chunks).forEach(resolve);
    // groups: address ranges of 2^shift addresses, at most 2^POSTING_GROUP_BITS of them
    int addressBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, a - 1));
    int shift = Math.max(0, addressBits - POSTING_GROUP_BITS);
    int groups = a == 0 ? 1 : ((a - 1) >>> shift) + 1;
    // slices of the transactions, each counted and scattered by one task, in transaction order
    int slices = parallel ? POSTING_SLICES : 1;
    int[][] at = new int[slices][groups];
    IntConsumer count = sl -> {
      int[] c = at[sl];
      for (int i = rangeStart(n, sl, slices), end = rangeStart(n, sl + 1, slices); i < end; i++) {
        for (int g = ins[i]; g < ins[i + 1]; g++) {
          if (inAddr[g] >= 0) {
            c[inAddr[g] >>> shift]++;
          }
        }
        for (int o = outs[i]; o < outs[i + 1]; o++) {
          if (outAddr[o] >= 0) {
            c[outAddr[o] >>> shift]++;
          }
        }
      }
    };
    IntStream all = IntStream.range(0, slices);
    (parallel ? all.parallel() : all).forEach(count);
    int[] groupStart = new int[groups + 1];
    for (int gr = 0, sum = 0; gr < groups; gr++) {
      groupStart[gr] = sum;
      for (int sl = 0; sl < slices; sl++) {
        int c = at[sl][gr];
        at[sl][gr] = sum;
        sum += c;
      }
      groupStart[gr + 1] = sum;
    }
    long[] pairs = new long[groupStart[groups]]; // (address << 32) | transaction
    IntConsumer scatter = sl -> {
      int[] to = at[sl];
      for (int i = rangeStart(n, sl, slices), end = rangeStart(n, sl + 1, slices); i < end; i++) {
        for (int g = ins[i]; g < ins[i + 1]; g++) {
          int ad = inAddr[g];
          if (ad >= 0) {
            pairs[to[ad >>> shift]++] = ((long) ad << 32) | i;
          }
        }
        for (int o = outs[i]; o < outs[i + 1]; o++) {
          int ad = outAddr[o];
          if (ad >= 0) {
            pairs[to[ad >>> shift]++] = ((long) ad << 32) | i;
          }
        }
      }
    };
    all = IntStream.range(0, slices);
    (parallel ? all.parallel() : all).forEach(scatter);
    int[] last = new int[a];
    IntConsumer size =
        gr -> postingPass(pairs, groupStart[gr], groupStart[gr + 1], last, byteStart, null);
    all = IntStream.range(0, groups);
    (parallel ? all.parallel() : all).forEach(size);
    for (int ad = 0; ad < a; ad++) {
      byteStart[ad + 1] += byteStart[ad];
    }
    byte[] out = new byte[byteStart[a]];
    int[] cursor = Arrays.copyOf(byteStart, a + 1);
    IntConsumer write =
        gr -> postingPass(pairs, groupStart[gr], groupStart[gr + 1], last, cursor, out);
    all = IntStream.range(0, groups);
    (parallel ? all.parallel() : all).forEach(write);
    return out;
  }

  /** Address groups of the postings build: at most 2^this. */
  private static final int POSTING_GROUP_BITS = 6;
  /** Transaction slices the postings build groups pairs by, on a large ledger. */
  private static final int POSTING_SLICES = 8;

  /**
   * One pass over a group's (address, transaction) pairs, in transaction order: with {@code out}
   * null, adds each list's varint bytes to {@code at[ad + 1]}; else writes them at {@code at[ad]},
   * moving it. {@code last[ad]}, the last transaction seen for {@code ad} (set from -1 when the
   * address is first met in the pass), gives the gap and skips an address met twice in one
   * transaction.
   */
  private static void postingPass(long[] pairs, int from, int to, int[] last, int[] at,
      byte[] out) {
    for (int j = from; j < to; j++) {
      int ad = (int) (pairs[j] >>> 32);
      last[ad] = -1;
    }
    for (int j = from; j < to; j++) {
      int ad = (int) (pairs[j] >>> 32);
      int tx = (int) pairs[j];
      if (last[ad] != tx) {
        posting(ad, tx, last, at, out);
      }
    }
  }

  /** Where range {@code r} of {@code ranges} equal ranges of {@code [0, a)} starts. */
  private static int rangeStart(int a, int r, int ranges) {
    return (int) ((long) a * r / ranges);
  }

  private static void posting(int ad, int tx, int[] last, int[] at, byte[] out) {
    int gap = tx - Math.max(0, last[ad]);
    last[ad] = tx;
    if (out == null) {
      at[ad + 1] += varintSize(gap);
    } else {
      at[ad] = putVarint(out, at[ad], gap);
    }
  }

  /** Bytes of {@code v} (unsigned) as a varint: 1 for 0..127, 2 up to 2^14 - 1, ... */
  private static int varintSize(int v) {
    return (31 - Integer.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  /** Writes {@code v} (unsigned) as a little-endian base-128 varint at {@code at}; returns the end. */
  private static int putVarint(byte[] out, int at, int v) {
    while ((v & ~0x7f) != 0) {
      out[at++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }

  /**
   * Inserts builder transaction {@code t} (its id at {@code words[4t..4t+4)}) into a build-time id
   * table (see {@link #probe(long[], long[], long[], int)}); false if an equal id is already there.
   */
  private static boolean insertIfAbsent(long[] table, long[] words, int t) {
    int r = probe(table, words, words, t);
    if (r >= 0) {
      return false;
    }
    table[-r - 1] = ((long) fingerprint(words[4 * t + 1]) << 32) | (t + 1L);
    return true;
  }

  /**
   * Linear probing in a build-time id table for the id held at {@code words[4q..4q+4)}. Entries
   * are {@code (fingerprint << 32) | (index + 1)} with indices into {@code tableWords} (4 words an
   * id): a probe compares the fingerprint first and reads an entry's words only when it matches,
   * since each read misses the cache and at load 3/4 a probe meets several other ids. Returns the
   * index found, or {@code -(slot + 1)} for the empty slot where the id would go.
   */
  private static int probe(long[] table, long[] tableWords, long[] words, int q) {
    long w0 = words[4 * q];
    long w1 = words[4 * q + 1];
    int fp = fingerprint(w1);
    int slot = slotOf(idHash(w0, w1, words[4 * q + 2], words[4 * q + 3]), table.length);
    for (long e; (e = table[slot]) != 0; slot = slot + 1 == table.length ? 0 : slot + 1) {
      if ((int) (e >>> 32) == fp) {
        int i = (int) e - 1;
        if (tableWords[4 * i] == w0
            && tableWords[4 * i + 1] == w1
            && tableWords[4 * i + 2] == words[4 * q + 2]
            && tableWords[4 * i + 3] == words[4 * q + 3]) {
          return i;
        }
      }
    }
    return -(slot + 1);
  }

  /** 32 bits of an id for the build-time table's quick compare. */
  private static int fingerprint(long w1) {
    return (int) w1;
  }

  /** The table hash of the id {@code w0..w3}: every word counts (test ids differ in any one). */
  private static int idHash(long w0, long w1, long w2, long w3) {
    long h = KeyInterner.SEED ^ w0;
    h = (h ^ Long.rotateLeft(w1, 21)) * 0x9E3779B97F4A7C15L;
    h = (h ^ Long.rotateLeft(w2, 42)) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ w3) * 0x165667B19E3779F9L;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * Linear probing for the id {@code w0..w3} in the built id table (indices + 1 into {@link
   * #txWords}): the index found, or -1.
   */
  private int probe(long w0, long w1, long w2, long w3) {
    int slot = slotOf(idHash(w0, w1, w2, w3), idTable.length);
    for (int v; (v = idTable[slot]) != 0; slot = slot + 1 == idTable.length ? 0 : slot + 1) {
      int i = v - 1;
      if (txWords[4 * i] == w0
          && txWords[4 * i + 1] == w1
          && txWords[4 * i + 2] == w2
          && txWords[4 * i + 3] == w3) {
        return i;
      }
    }
    return -1;
  }

  private static int slotOf(int hash, int length) {
    return (int) (((KeyInterner.mix(hash) & 0xffffffffL) * length) >>> 32);
  }

  /** Slots for {@code n} entries at a load factor of at most 3/4 (one slot at least stays empty). */
  private static int exactTableSize(int n) {
    return n + n / 3 + 1;
  }

  private static int packHeight(long height) {
    if (height == BlockRef.UNKNOWN_HEIGHT) {
      return -1;
    }
    if (height < 0 || height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("block height beyond what the index holds: " + height);
    }
    return (int) height;
  }

  private static int packTime(long s) {
    if (s < 0 || s > 0xffff_ffffL) {
      throw new IllegalArgumentException("block time outside 1970..2106: " + Instant.ofEpochSecond(s));
    }
    return (int) s;
  }

  /** {@code ids}, or an empty array if every one is -1 (none given: the usual case). */
  private static int[] onlyIfAny(int[] ids) {
    for (int id : ids) {
      if (id != -1) {
        return ids;
      }
    }
    return NO_INTS;
  }

  /** {@code values}, or an empty array if every one is unknown (none given: the usual case). */
  private static long[] onlyIfAny(long[] values) {
    for (long v : values) {
      if (v != TxIn.UNKNOWN_VALUE) {
        return values;
      }
    }
    return NO_LONGS;
  }

  /**
   * The id of the transaction at chain-order index {@code tx} (a new object each call).
   *
   * @throws IndexOutOfBoundsException if {@code tx} is not in {@code [0, size())}
   */
  public TxId txId(int tx) {
    Objects.checkIndex(tx, txCount);
    return idFromWords(txWords, tx);
  }

  private static TxId idFromWords(long[] words, int i) {
    return TxId.ofWords(words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
  }

  /**
   * The chain-order index of a transaction, for the index-level API below; -1 if it is not held.
   * Index order is the order the ledger sorted the transactions in: block height, then position
   * in block (unknown heights last); transactions with the same height and position keep the
   * order they were added in.
   */
  public int indexOf(TxId id) {
    Objects.requireNonNull(id, "id");
    if (txCount == 0) {
      return -1;
    }
    return probe(id.word(0), id.word(1), id.word(2), id.word(3));
  }

  private int inputAddr(int g) {
    int r = inRef[g];
    if (r >= 0) {
      return outAddr[r];
    }
    if (r == COINBASE) {
      return -1;
    }
    return extAddr(-2 - r);
  }

  /** The address id given with external input {@code e}, -1 if none. */
  private int extAddr(int e) {
    return extAddr.length == 0 ? -1 : extAddr[e];
  }

  /** The value given with external input {@code e}, -1 if none. */
  private long extValue(int e) {
    return extValue.length == 0 ? TxIn.UNKNOWN_VALUE : extValue[e];
  }

  private Address address(int id) {
    // Decoding validates the text again (a checksum for a keyed address); engines ask for the
    // same addresses over and over, so the decoded (immutable) object is kept. A bounded cache
    // would save 4 bytes an address but made materialising every transaction ~4x slower (every
    // address decoded again on each pass); pages of 256 slots, allocated when one of their
    // addresses is first asked for, cost nothing for the addresses a workload never reads. A race
    // only decodes twice (or drops a racing thread's page): Address has final fields.
    Address[] page = addrCache[id >>> CACHE_PAGE_SHIFT];
    if (page == null) {
      page = new Address[CACHE_PAGE];
      addrCache[id >>> CACHE_PAGE_SHIFT] = page;
    }
    Address a = page[id & (CACHE_PAGE - 1)];
    if (a == null) {
      int from = addrOff.get(id);
      a = codec.address(chain, addrBytes, from, addrOff.get(id + 1) - from);
      page[id & (CACHE_PAGE - 1)] = a;
    }
    return a;
  }

  /**
   * The id of address {@code a}, -1 if it is not held. The built table is sized exactly (not a
   * power of two like the interner's) and holds ids only; the hash is the interner's {@link
   * KeyInterner#hash}.
   */
  private int addressId(Address a) {
    byte[] key = codec.key(a);
    int slot = slotOf(KeyInterner.hash(key, 0, key.length), addrTable.length);
    while (true) {
      int v = addrTable[slot];
      if (v == 0) {
        return -1;
      }
      int id = v - 1;
      if (Arrays.equals(addrBytes, addrOff.get(id), addrOff.get(id + 1), key, 0, key.length)) {
        return id;
      }
      slot = slot + 1 == addrTable.length ? 0 : slot + 1;
    }
  }

  /** The transaction (index {@code i} in chain order) with inputs resolved. */
  private UtxoTx materialize(int i) {
    TxId id = txId(i);
    int inEnd = inStart.get(i + 1);
    List<TxIn> ins = new ArrayList<>(inEnd - inStart.get(i));
    for (int g = inStart.get(i); g < inEnd; g++) {
      long seq = Integer.toUnsignedLong(inSeq.get(g));
      int r = inRef[g];
      if (r == COINBASE) {
        ins.add(TxIn.coinbase(seq));
      } else if (r >= 0) {
        int funding = txOfOutputUnchecked(r);
        OutPoint prev = new OutPoint(txId(funding), r - outStart.get(funding));
        ins.add(TxIn.resolved(prev, address(outAddr[r]), outValue.get(r), seq));
      } else {
        int e = -2 - r;
        OutPoint prev = new OutPoint(idFromWords(extWords, e), extVout.get(e));
        int ad = extAddr(e);
        ins.add(new TxIn(prev, ad < 0 ? null : address(ad), extValue(e), seq));
      }
    }
    int outFrom = outStart.get(i);
    int outEnd = outStart.get(i + 1);
    List<TxOut> outs = new ArrayList<>(outEnd - outFrom);
    for (int o = outFrom; o < outEnd; o++) {
      outs.add(new TxOut(o - outFrom, address(outAddr[o]), outValue.get(o), TYPES[outType.get(o)]));
    }
    int h = blocks.height(i);
    return new UtxoTx(
        id,
        blockUnchecked(i, h),
        Integer.toUnsignedLong(txVersionLock.version(i)),
        Integer.toUnsignedLong(txVersionLock.lockTime(i, h)),
        txVsize.get(i),
        ins,
        outs);
  }

  /** The block of transaction {@code i}, whose height (-1 unknown) is {@code h}. */
  private BlockRef blockUnchecked(int i, int h) {
    return BlockRef.of(h < 0 ? BlockRef.UNKNOWN_HEIGHT : h, blocks.position(i),
        Instant.ofEpochSecond(Integer.toUnsignedLong(blocks.time(i))));
  }

  // The last transaction whose range starts at or before the global index (outStart[txCount] is
  // the total, always greater); transactions with no outputs/inputs share the next one's start.
  private int txOfOutputUnchecked(int global) {
    return ownerOf(outStart, outOwnerHint, global);
  }

  /** Global inputs (outputs) per entry of the owner hints. */
  private static final int HINT_SHIFT = 12;

  /**
   * Per {@code 2^HINT_SHIFT} global items (inputs or outputs, whose starts per transaction are
   * {@code starts}): the transaction holding the first of them. Finding an item's transaction
   * then searches a few thousand neighbouring starts instead of all of them; engines ask it for
   * every spender (4 bytes per 4,096 items).
   */
  private static int[] ownerHints(ChunkedInts starts, int txCount) {
    int items = starts.get(txCount);
    int[] hint = new int[(items + (1 << HINT_SHIFT) - 1) >>> HINT_SHIFT]; // one per existing block
    int k = 0;
    for (int tx = 0; tx < txCount && k < hint.length; tx++) {
      int end = starts.get(tx + 1);
      while (k < hint.length && ((long) k << HINT_SHIFT) < end) {
        hint[k++] = tx; // the last transaction whose range starts at or before item k << HINT_SHIFT
      }
    }
    return hint;
  }

  /** The transaction holding global item {@code g}: the last whose start is at most {@code g}. */
  private int ownerOf(ChunkedInts starts, int[] hint, int g) {
    int k = g >>> HINT_SHIFT;
    int from = hint[k];
    int to = k + 1 < hint.length ? hint[k + 1] + 1 : txCount;
    return starts.upperBound(g, from, to) - 1;
  }

  private int txOfInputUnchecked(int global) {
    return ownerOf(inStart, inOwnerHint, global);
  }

  // ---------------------------------------------------------------------------------------------
  // Index-level, read-only API. Engines that walk millions of transactions (taint) use these to
  // avoid building a UtxoTx, TxIds and Addresses per lookup: every value here is read straight
  // from the columns. Transactions are numbered 0..size()-1 in chain order; outputs and inputs
  // are numbered globally, each transaction's outputs (inputs) forming one contiguous range in
  // index order. Indices out of range throw IndexOutOfBoundsException.
  // ---------------------------------------------------------------------------------------------

  /** Number of outputs over all transactions (global output indices are {@code [0, this)}). */
  public int outputTotal() {
    return outStart.get(txCount);
  }

  /** Number of inputs over all transactions (global input indices are {@code [0, this)}). */
  public int inputTotal() {
    return inStart.get(txCount);
  }

  /** The block (height, position, time) of transaction {@code tx}. */
  public BlockRef block(int tx) {
    Objects.checkIndex(tx, txCount);
    return blockUnchecked(tx, blocks.height(tx));
  }

  /** The block height of transaction {@code tx}, {@link BlockRef#UNKNOWN_HEIGHT} if unknown. */
  public long height(int tx) {
    Objects.checkIndex(tx, txCount);
    int h = blocks.height(tx);
    return h < 0 ? BlockRef.UNKNOWN_HEIGHT : h;
  }

  /** The position in its block of transaction {@code tx}. */
  public int position(int tx) {
    Objects.checkIndex(tx, txCount);
    return blocks.position(tx);
  }

  /** True if transaction {@code tx} has exactly one input and it is a coinbase input. */
  public boolean isCoinbase(int tx) {
    Objects.checkIndex(tx, txCount);
    int g = inStart.get(tx);
    return inStart.get(tx + 1) - g == 1 && inRef[g] == COINBASE;
  }

  /** The global index of transaction {@code tx}'s first output. */
  public int outputStart(int tx) {
    Objects.checkIndex(tx, txCount);
    return outStart.get(tx);
  }

  /** The number of outputs of transaction {@code tx}. */
  public int outputCount(int tx) {
    Objects.checkIndex(tx, txCount);
    return outStart.get(tx + 1) - outStart.get(tx);
  }

  /** The global index of transaction {@code tx}'s first input. */
  public int inputStart(int tx) {
    Objects.checkIndex(tx, txCount);
    return inStart.get(tx);
  }

  /** The number of inputs of transaction {@code tx}. */
  public int inputCount(int tx) {
    Objects.checkIndex(tx, txCount);
    return inStart.get(tx + 1) - inStart.get(tx);
  }

  /** The transaction that holds global output {@code globalOut}. */
  public int txOfOutput(int globalOut) {
    Objects.checkIndex(globalOut, outStart.get(txCount));
    return txOfOutputUnchecked(globalOut);
  }

  /** The transaction that holds global input {@code globalIn}. */
  public int txOfInput(int globalIn) {
    Objects.checkIndex(globalIn, inStart.get(txCount));
    return txOfInputUnchecked(globalIn);
  }

  /** The value in satoshi of global output {@code globalOut}. */
  public long outputValue(int globalOut) {
    return outValue.get(globalOut);
  }

  /** The script type of global output {@code globalOut}. */
  public OutputType outputType(int globalOut) {
    return TYPES[outType.get(globalOut)];
  }

  /** The address (or pseudo-address) of global output {@code globalOut}; decoded once, cached. */
  public Address outputAddress(int globalOut) {
    return address(outAddr[globalOut]);
  }

  /**
   * The index of global output {@code globalOut}'s address among this ledger's addresses (see
   * {@link #addressIndex}): comparing indices tells whether two outputs or inputs pay or spend the
   * same address without building an {@link Address} for each.
   */
  public int outputAddressIndex(int globalOut) {
    return outAddr[globalOut];
  }

  /** The index of the address global input {@code globalIn} spends from; -1 if it is unknown. */
  public int inputAddressIndex(int globalIn) {
    return inputAddr(globalIn);
  }

  /** The index of {@code address} among this ledger's addresses, or -1 if it is not held. */
  public int addressIndex(Address address) {
    return address.chain() != chain ? -1 : addressId(address);
  }

  /** The outpoint (txid and index within its transaction) of global output {@code globalOut}. */
  public OutPoint outPoint(int globalOut) {
    int t = txOfOutput(globalOut);
    return new OutPoint(txId(t), globalOut - outStart.get(t));
  }

  /**
   * The global output index of {@code outPoint}, or -1 if its transaction is not held or has no
   * such output.
   */
  public int outputIndexOf(OutPoint outPoint) {
    int t = indexOf(outPoint.txId());
    if (t < 0) {
      return -1;
    }
    int from = outStart.get(t);
    return outPoint.index() < outStart.get(t + 1) - from ? from + outPoint.index() : -1;
  }

  /**
   * The global output index that global input {@code globalIn} spends, or -1 if it is a coinbase
   * input or spends an output that is not loaded.
   */
  public int spentOutput(int globalIn) {
    int r = inRef[globalIn];
    return r >= 0 ? r : -1;
  }

  /** True if global input {@code globalIn} is a coinbase input (it spends nothing). */
  public boolean isCoinbaseInput(int globalIn) {
    return inRef[globalIn] == COINBASE;
  }

  /**
   * The value of what global input {@code globalIn} spends, when it is resolved in the sense of
   * {@link TxIn#isResolved()}: the loaded output's value, or for an output that is not loaded the
   * value given with the input if its address was given too. -1 otherwise, and for a coinbase
   * input. This is the value {@link #transaction} puts in a resolved {@link TxIn}.
   */
  public long inputValue(int globalIn) {
    int r = inRef[globalIn];
    if (r >= 0) {
      return outValue.get(r);
    }
    if (r == COINBASE) {
      return -1;
    }
    int e = -2 - r;
    return extAddr(e) < 0 ? -1 : extValue(e);
  }

  /**
   * The address of what global input {@code globalIn} spends: the loaded output's, or the one given
   * with the input; null if unknown, and for a coinbase input.
   */
  public Address inputAddress(int globalIn) {
    int ad = inputAddr(globalIn);
    return ad < 0 ? null : address(ad);
  }

  /** The outpoint global input {@code globalIn} spends; empty for a coinbase input. */
  public Optional<OutPoint> prevout(int globalIn) {
    int r = inRef[globalIn];
    if (r >= 0) {
      return Optional.of(outPoint(r));
    }
    if (r == COINBASE) {
      return Optional.empty();
    }
    int e = -2 - r;
    return Optional.of(new OutPoint(idFromWords(extWords, e), extVout.get(e)));
  }

  /**
   * The global input index that spends global output {@code globalOut}, or -1 if it is unspent
   * in the loaded data. If the data holds a double spend, the first spender in chain order, as
   * {@link #spender}.
   */
  public int spenderInput(int globalOut) {
    return spenders.get(globalOut);
  }

  /** The transaction that spends global output {@code globalOut}, or -1 if it is unspent. */
  public int spenderTx(int globalOut) {
    int g = spenders.get(globalOut);
    return g < 0 ? -1 : txOfInputUnchecked(g);
  }

  public static Builder builder(Chain chain) {
    return new Builder(chain);
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Number of transactions held. */
  public int size() {
    return txCount;
  }

  /** Number of distinct addresses (and pseudo-addresses) seen. */
  public int addressCount() {
    return addrOff.size() - 1;
  }

  /** Inputs whose spent output is not in the loaded data (their address and value are unknown). */
  public long unresolvedInputs() {
    return unresolvedInputs;
  }

  @Override
  public Optional<UtxoTx> transaction(TxId id) {
    int i = indexOf(id);
    return i < 0 ? Optional.empty() : Optional.of(materialize(i));
  }

  @Override
  public Optional<InPoint> spender(OutPoint out) {
    int i = indexOf(out.txId());
    if (i < 0) {
      return Optional.empty();
    }
    int from = outStart.get(i);
    if (out.index() >= outStart.get(i + 1) - from) {
      return Optional.empty();
    }
    int g = spenders.get(from + out.index());
    if (g < 0) {
      return Optional.empty();
    }
    int t = txOfInputUnchecked(g);
    return Optional.of(new InPoint(txId(t), g - inStart.get(t)));
  }

  @Override
  public List<TxId> history(Address address) {
    int[] txs = historyIndices(address);
    List<TxId> l = new ArrayList<>(txs.length);
    for (int tx : txs) {
      l.add(txId(tx));
    }
    return l;
  }

  /**
   * The chain-order indices of the transactions {@code address} appears in (as an output or a
   * resolved input), ascending, each once: {@link #history} without building a {@link TxId} each.
   */
  public int[] historyIndices(Address address) {
    if (address.chain() != chain) {
      return new int[0];
    }
    int a = addressId(address);
    if (a < 0) {
      return new int[0];
    }
    int[] out = new int[16];
    int n = 0;
    int tx = 0;
    for (int p = postStart.get(a), end = postStart.get(a + 1); p < end; ) {
      // a varint: the first transaction, then the gap from the one before
      int gap = 0;
      for (int shift = 0; ; shift += 7) {
        byte v = postings[p++];
        gap |= (v & 0x7f) << shift;
        if (v >= 0) {
          break;
        }
      }
      tx += gap;
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = tx;
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public Stream<UtxoTx> transactions() {
    return IntStream.range(0, txCount).mapToObj(this::materialize);
  }

  /**
   * Bytes held by this index's arrays (not counting the small object headers; address-cache pages
   * as allocated so far), for benchmarks and capacity planning.
   */
  public long footprintBytes() {
    long b = 8L * txWords.length + 4L * idTable.length + blocks.bytes()
        + txVersionLock.bytes() + txVsize.bytes()
        + inStart.bytes() + outStart.bytes() + 4L * (inOwnerHint.length + outOwnerHint.length)
        + 4L * inRef.length + inSeq.bytes()
        + outValue.bytes() + 4L * outAddr.length + outType.bytes() + spenders.bytes()
        + addrBytes.length + addrOff.bytes() + 4L * addrTable.length + postStart.bytes()
        + postings.length + 4L * addrCache.length;
    for (Address[] page : addrCache) {
      b += page == null ? 0 : 4L * page.length;
    }
    return b + 8L * extWords.length + extVout.bytes() + 4L * extAddr.length + 8L * extValue.length;
  }

  /**
   * Collects transactions into growable columns as they are added; {@link #build()} sorts them
   * into chain order, drops duplicate ids and indexes them. Transactions can be added as {@link
   * UtxoTx} objects or, by a decoder that reads raw bytes, field by field ({@link #beginTx}, {@link
   * #coinbaseInput}, {@link #input}, {@link #output}) without building any object per transaction;
   * both ways give the same ledger. Not thread-safe.
   */
  public static final class Builder {
    static final int COINBASE_VOUT = -1;

    private final Chain chain;
    private String description = "in-memory ledger";
    private AddressCodec codec = AddressCodec.TEXT;
    // Columns: allocated by releaseAll, grown as rows are added.
    // per transaction, in the order added
    int n;
    long[] txw; // 4 words per txid (TxId#word)
    int[] height; // -1 unknown
    int[] pos;
    int[] time;
    int[] version;
    int[] lock;
    int[] vsize;
    private int[] inEnd; // end of transaction t's inputs (its start is t-1's end)
    private int[] outEnd;
    // per input
    int m;
    long[] prevw;
    int[] vout; // COINBASE_VOUT for a coinbase input
    int[] seq;
    // Address and value given with an input (-1 / UNKNOWN_VALUE: none). Only exports give them,
    // never raw blocks: both stay null until one is given, so that a blocks load does not carry
    // 12 bytes of defaults per input through decoding, parts and join.
    int[] inAddr;
    long[] inValue;
    // per output
    int k;
    long[] outValue;
    int[] outAddr;
    byte[] outType;
    KeyInterner addrs;
    // parts taken over by adopt(), in order, not joined yet (see joinAdopted)
    private final List<Builder> adopted = new ArrayList<>();

    private Builder(Chain chain) {
      this.chain = Objects.requireNonNull(chain, "chain");
      releaseAll();
    }

    public Builder describedAs(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    public Builder add(UtxoTx tx) {
      Objects.requireNonNull(tx, "tx");
      TxId id = tx.id();
      BlockRef b = tx.block();
      beginTx(id.word(0), id.word(1), id.word(2), id.word(3), b.height(), b.position(),
          b.time().getEpochSecond(), tx.version(), tx.lockTime(), tx.vsize());
      for (TxIn in : tx.inputs()) {
        if (in.isCoinbase()) {
          coinbaseInput(in.sequence());
        } else {
          TxId p = in.prevout().txId();
          input(p.word(0), p.word(1), p.word(2), p.word(3), in.prevout().index(), in.sequence());
          if (in.address() != null || in.value() != TxIn.UNKNOWN_VALUE) {
            givenColumns();
            inAddr[m - 1] = in.address() == null ? -1 : intern(in.address());
            inValue[m - 1] = in.value();
          }
        }
      }
      for (TxOut out : tx.outputs()) {
        outputId(out.value(), out.type(), intern(out.address()));
      }
      return this;
    }

    public Builder addAll(Iterable<UtxoTx> all) {
      for (UtxoTx tx : all) {
        add(tx);
      }
      return this;
    }

    /**
     * Starts a transaction; its inputs and outputs follow, in order. The id is given as the four
     * words of {@link TxId#word}.
     *
     * @param height block height, {@link BlockRef#UNKNOWN_HEIGHT} if not known
     * @param epochSecond block time
     * @param version the transaction's version, lock time, and (below) each input's sequence:
     *     unsigned 32-bit values, as in {@link UtxoTx}
     * @throws IllegalArgumentException for a value the ledger cannot hold as given (nothing is
     *     cut silently)
     */
    public Builder beginTx(long w0, long w1, long w2, long w3, long height, int position,
        long epochSecond, long version, long lockTime, int vsize) {
      joinAdopted();
      if (position < 0) {
        throw new IllegalArgumentException("position must not be negative: " + position);
      }
      int h = packHeight(height);
      int t = packTime(epochSecond);
      // unsigned 32-bit fields in an int's bits, read back unsigned
      int v = (int) UtxoTx.requireUint32(version, "version");
      int l = (int) UtxoTx.requireUint32(lockTime, "lock time");
      if (vsize < 0) {
        throw new IllegalArgumentException("vsize must not be negative: " + vsize);
      }
      ensureTxs(n + 1);
      txw[4 * n] = w0;
      txw[4 * n + 1] = w1;
      txw[4 * n + 2] = w2;
      txw[4 * n + 3] = w3;
      this.height[n] = h;
      pos[n] = position;
      time[n] = t;
      this.version[n] = v;
      lock[n] = l;
      this.vsize[n] = vsize;
      inEnd[n] = m;
      outEnd[n] = k;
      n++;
      return this;
    }

    /** Adds a coinbase input to the transaction begun last. */
    public Builder coinbaseInput(long sequence) {
      int s = (int) UtxoTx.requireUint32(sequence, "sequence");
      int g = nextInput();
      vout[g] = COINBASE_VOUT;
      seq[g] = s;
      return this;
    }

    /**
     * Adds an input spending output {@code index} of the transaction whose id has the words {@code
     * w0..w3}; its address and value come from that output when it is loaded.
     */
    public Builder input(long w0, long w1, long w2, long w3, int index, long sequence) {
      if (index < 0) {
        throw new IllegalArgumentException("output index must not be negative: " + index);
      }
      int s = (int) UtxoTx.requireUint32(sequence, "sequence");
      int g = nextInput();
      prevw[4 * g] = w0;
      prevw[4 * g + 1] = w1;
      prevw[4 * g + 2] = w2;
      prevw[4 * g + 3] = w3;
      vout[g] = index;
      seq[g] = s;
      return this;
    }

    /**
     * Adds an output to the transaction begun last. The address is given as its key under this
     * builder's {@link #addressCodec} ({@code key[from, from+len)}; with the default {@link
     * AddressCodec#TEXT}, the ISO-8859-1 bytes of its {@link Address#value()}), which the ledger
     * interns.
     */
    public Builder output(long value, OutputType type, byte[] text, int from, int len) {
      if (value < 0) {
        throw new IllegalArgumentException("output value must not be negative: " + value);
      }
      Objects.checkFromIndexSize(from, len, text.length);
      Objects.requireNonNull(type, "type");
      dedupeAddresses();
      return outputId(value, type, addrs.intern(text, from, len));
    }

    private int intern(Address a) {
      if (a.chain() != chain) {
        throw new IllegalArgumentException("address of " + a.chain() + " in a " + chain + " ledger: " + a);
      }
      byte[] key = codec.key(a);
      dedupeAddresses();
      return addrs.intern(key, 0, key.length);
    }

    /**
     * Dedupes the addresses that appended or adopted parts brought and renumbers every
     * reference to them; nothing to do when none came since the last time.
     */
    private void dedupeAddresses() {
      joinAdopted();
      if (!addrs.hasUnchecked()) {
        return;
      }
      int[] id = addrs.dedupe();
      int[] refs = outAddr;
      int outs = k;
      int[] inRefs = inAddr;
      int ins = m;
      // random reads of `id`: independent, in chunks on the common pool for large ledgers
      IntConsumer chunk = c -> {
        for (int o = c * 4096, end = Math.min(outs, o + 4096); o < end; o++) {
          refs[o] = id[refs[o]];
        }
        for (int g = c * 4096, end = inRefs == null ? 0 : Math.min(ins, g + 4096); g < end; g++) {
          int a = inRefs[g];
          if (a >= 0) {
            inRefs[g] = id[a];
          }
        }
      };
      IntStream chunks = IntStream.range(0, (Math.max(outs, ins) + 4095) / 4096);
      (outs >= PARALLEL_INPUTS ? chunks.parallel() : chunks).forEach(chunk);
    }

    /**
     * Stores addresses as {@code codec}'s keys (default {@link AddressCodec#TEXT}). Set it before
     * adding anything: keys already interned would not match.
     *
     * @throws IllegalStateException if transactions were added already
     */
    public Builder addressCodec(AddressCodec codec) {
      Objects.requireNonNull(codec, "codec");
      if (n > 0 || !adopted.isEmpty()) {
        throw new IllegalStateException("set the address codec before adding transactions");
      }
      this.codec = codec;
      return this;
    }

    /** The codec {@link #output}'s key bytes are in. */
    public AddressCodec addressCodec() {
      return codec;
    }

    private Builder outputId(long value, OutputType type, int address) {
      requireOpenTx();
      ensureOutputs(k + 1);
      outValue[k] = value;
      outAddr[k] = address;
      outType[k] = (byte) type.ordinal();
      k++;
      outEnd[n - 1] = k;
      return this;
    }

    private int nextInput() {
      requireOpenTx();
      ensureInputs(m + 1);
      if (inAddr != null) {
        inAddr[m] = -1;
        inValue[m] = TxIn.UNKNOWN_VALUE;
      }
      inEnd[n - 1] = m + 1;
      return m++;
    }

    private void ensureTxs(long need) {
      if (need > pos.length) {
        int cap = Capacity.grown(need, pos.length, 4, "transactions");
        txw = Arrays.copyOf(txw, 4 * cap);
        height = Arrays.copyOf(height, cap);
        pos = Arrays.copyOf(pos, cap);
        time = Arrays.copyOf(time, cap);
        version = Arrays.copyOf(version, cap);
        lock = Arrays.copyOf(lock, cap);
        vsize = Arrays.copyOf(vsize, cap);
        inEnd = Arrays.copyOf(inEnd, cap);
        outEnd = Arrays.copyOf(outEnd, cap);
      }
    }

    private void ensureInputs(long need) {
      if (need > vout.length) {
        int cap = Capacity.grown(need, vout.length, 4, "inputs");
        prevw = Arrays.copyOf(prevw, 4 * cap);
        vout = Arrays.copyOf(vout, cap);
        seq = Arrays.copyOf(seq, cap);
        if (inAddr != null) {
          inAddr = Arrays.copyOf(inAddr, cap);
          inValue = Arrays.copyOf(inValue, cap);
        }
      }
    }

    /** Allocates the given-address and given-value columns, none given so far (see there). */
    private void givenColumns() {
      if (inAddr == null) {
        inAddr = new int[vout.length];
        inValue = new long[vout.length];
        Arrays.fill(inAddr, -1);
        Arrays.fill(inValue, TxIn.UNKNOWN_VALUE);
      }
    }

    private void ensureOutputs(long need) {
      if (need > outValue.length) {
        int cap = Capacity.grown(need, outValue.length, 1, "outputs");
        outValue = Arrays.copyOf(outValue, cap);
        outAddr = Arrays.copyOf(outAddr, cap);
        outType = Arrays.copyOf(outType, cap);
      }
    }

    /**
     * A new empty builder for the same chain and address codec: a part that another thread can
     * fill (e.g. with one decoded block) and that is then {@link #append}ed here.
     */
    public Builder newPart() {
      Builder part = new Builder(chain);
      part.codec = codec;
      return part;
    }

    /**
     * Appends every transaction of {@code part} after those added here, as if they had been added
     * here one by one in the same order: what lets blocks be decoded on several threads, each
     * into its own part, and joined in chain order. {@code part} is left unchanged (it can be
     * {@link #clear}ed and reused).
     *
     * @throws IllegalArgumentException if {@code part} is this builder, or is for another chain or
     *     address codec
     */
    public Builder append(Builder part) {
      checkPart(part);
      joinAdopted();
      join(List.of(part), false);
      return this;
    }

    /**
     * {@link #append}s {@code part}, taking it over instead of copying it now: {@code part} must
     * not be used afterwards. Parts taken so are joined the first time this builder needs them
     * (when it builds, or anything is added, marked or counted), all at once and on several
     * threads for many: a decoding thread hands its part over without the calling thread
     * copying it, and without the part's memory passing between the threads' caches again.
     *
     * @throws IllegalArgumentException as {@link #append} does
     */
    public Builder adopt(Builder part) {
      checkPart(part);
      adopted.add(part);
      return this;
    }

    /**
     * A copy of this builder's transactions in arrays sized for them (not for what this builder
     * grew to): a part to {@link #adopt} elsewhere while this one is cleared and filled again.
     */
    public Builder copy() {
      joinAdopted();
      Builder c = newPart().describedAs(description);
      c.join(List.of(this), false);
      return c;
    }

    private void checkPart(Builder part) {
      Objects.requireNonNull(part, "part");
      if (part == this) {
        throw new IllegalArgumentException("a builder cannot append itself");
      }
      if (part.chain != chain || part.codec != codec) {
        throw new IllegalArgumentException("the part is for another chain or address codec");
      }
    }

    /** Joins the {@link #adopt}ed parts, if any. */
    private void joinAdopted() {
      if (!adopted.isEmpty()) {
        List<Builder> parts = List.copyOf(adopted);
        adopted.clear();
        join(parts, true);
      }
    }

    /**
     * Copies every part's transactions after those held, in order; for many transactions, each
     * part on a thread of the common pool (they land in disjoint ranges of the columns).
     *
     * <p>One column at a time: each is grown, filled from every part and, if the parts are {@code
     * takenOver} (adopted: nothing else holds them), the parts' own copy of it is let go at once.
     * A large join then needs the parts and one more column at a time rather than the parts and
     * a second copy of them all: it was the peak of a large load.
     */
    private void join(List<Builder> parts, boolean takenOver) {
      int count = parts.size();
      long txs = n;
      long ins = m;
      long outs = k;
      for (Builder part : parts) {
        txs += part.n;
        ins += part.m;
        outs += part.k;
      }
      // capacities checked (or refused) before any index below could overflow
      int txCap = capacity(txs, pos.length, 4, "transactions");
      int inCap = capacity(ins, vout.length, 4, "inputs");
      int outCap = capacity(outs, outValue.length, 1, "outputs");
      int[] tx0 = new int[count + 1];
      int[] in0 = new int[count + 1];
      int[] out0 = new int[count + 1];
      tx0[0] = n;
      in0[0] = m;
      out0[0] = k;
      List<KeyInterner> keys = new ArrayList<>(count);
      for (int p = 0; p < count; p++) {
        Builder part = parts.get(p);
        tx0[p + 1] = tx0[p] + part.n;
        in0[p + 1] = in0[p] + part.m;
        out0[p + 1] = out0[p] + part.k;
        keys.add(part.addrs);
      }
      boolean parallel = count > 1 && tx0[count] - n >= PARALLEL_INPUTS;
      // The parts' addresses are copied unchecked, their ids shifted by the part's base; build()
      // (or the next address added one by one) dedupes them all at once, which is much cheaper
      // than probing the ledger's large table for each here, and leaves the same ids.
      int[] keyBase = addrs.appendAll(keys, parallel);
      if (takenOver) {
        parts.forEach(part -> part.addrs = null);
      }
      PartsJoin join = new PartsJoin(parts, parallel, takenOver);
      // per transaction
      txw = join.column(atLeast(txw, 4 * txCap), tx0, 4, part -> part.txw, part -> part.txw = null);
      height = join.column(atLeast(height, txCap), tx0, 1, part -> part.height,
          part -> part.height = null);
      pos = join.column(atLeast(pos, txCap), tx0, 1, part -> part.pos, part -> part.pos = null);
      time = join.column(atLeast(time, txCap), tx0, 1, part -> part.time, part -> part.time = null);
      version = join.column(atLeast(version, txCap), tx0, 1, part -> part.version,
          part -> part.version = null);
      lock = join.column(atLeast(lock, txCap), tx0, 1, part -> part.lock, part -> part.lock = null);
      vsize = join.column(atLeast(vsize, txCap), tx0, 1, part -> part.vsize,
          part -> part.vsize = null);
      inEnd = join.shifted(atLeast(inEnd, txCap), tx0, in0, part -> part.inEnd,
          part -> part.inEnd = null);
      outEnd = join.shifted(atLeast(outEnd, txCap), tx0, out0, part -> part.outEnd,
          part -> part.outEnd = null);
      // per input
      prevw = join.column(atLeast(prevw, 4 * inCap), in0, 4, part -> part.prevw,
          part -> part.prevw = null);
      vout = join.column(atLeast(vout, inCap), in0, 1, part -> part.vout, part -> part.vout = null);
      seq = join.column(atLeast(seq, inCap), in0, 1, part -> part.seq, part -> part.seq = null);
      if (inAddr != null || parts.stream().anyMatch(part -> part.inAddr != null)) {
        givenColumns();
        inAddr = atLeast(inAddr, inCap);
        inValue = atLeast(inValue, inCap);
        join.each((part, p) -> {
          if (part.inAddr == null) {
            Arrays.fill(inAddr, in0[p], in0[p + 1], -1);
            Arrays.fill(inValue, in0[p], in0[p + 1], TxIn.UNKNOWN_VALUE);
            return;
          }
          System.arraycopy(part.inValue, 0, inValue, in0[p], part.m);
          for (int g = 0; g < part.m; g++) {
            int a = part.inAddr[g];
            inAddr[in0[p] + g] = a < 0 ? a : keyBase[p] + a;
          }
        }, part -> {
          part.inAddr = null;
          part.inValue = null;
        });
      }
      // per output
      outValue = join.column(atLeast(outValue, outCap), out0, 1, part -> part.outValue,
          part -> part.outValue = null);
      outType = join.column(atLeast(outType, outCap), out0, 1, part -> part.outType,
          part -> part.outType = null);
      outAddr = join.shifted(atLeast(outAddr, outCap), out0, keyBase, part -> part.outAddr,
          part -> part.outAddr = null);
      n = tx0[count];
      m = in0[count];
      k = out0[count];
    }

    /** A join step: copies a part's rows of one column in ({@code p}: the part's index). */
    private interface PartColumn {
      void accept(Builder part, int p);
    }

    /**
     * The parts of one {@link #join}: runs a step for every part (on the pool if {@code
     * parallel}), then lets go of the parts' copy of that column if they were taken over.
     */
    private record PartsJoin(List<Builder> parts, boolean parallel, boolean takenOver) {
      void each(PartColumn step, Consumer<Builder> release) {
        IntStream all = IntStream.range(0, parts.size());
        (parallel ? all.parallel() : all).forEach(p -> {
          step.accept(parts.get(p), p);
          if (takenOver) {
            release.accept(parts.get(p));
          }
        });
      }

      /**
       * Copies every part's {@code column} ({@code width} slots a row) into {@code into} from row
       * {@code row0[p]} for part {@code p}; returns {@code into}.
       */
      <A> A column(A into, int[] row0, int width, Function<Builder, A> column,
          Consumer<Builder> release) {
        each((part, p) -> System.arraycopy(column.apply(part), 0, into, width * row0[p],
            width * (row0[p + 1] - row0[p])), release);
        return into;
      }

      /**
       * {@link #column} for a column of indices into another: part {@code p}'s values are shifted
       * by {@code base[p]}, where that part's rows of the other column (or its keys) start.
       */
      int[] shifted(int[] into, int[] row0, int[] base, Function<Builder, int[]> column,
          Consumer<Builder> release) {
        each((part, p) -> {
          int[] values = column.apply(part);
          for (int i = 0, at = row0[p], end = row0[p + 1]; at < end; i++, at++) {
            into[at] = base[p] + values[i];
          }
        }, release);
        return into;
      }
    }

    private static long[] atLeast(long[] a, int length) {
      return a.length >= length ? a : Arrays.copyOf(a, length);
    }

    private static int[] atLeast(int[] a, int length) {
      return a.length >= length ? a : Arrays.copyOf(a, length);
    }

    private static byte[] atLeast(byte[] a, int length) {
      return a.length >= length ? a : Arrays.copyOf(a, length);
    }

    /** The capacity for {@code need} rows: the current one if it holds them, else grown. */
    private static int capacity(long need, int current, int width, String rows) {
      return need > current ? Capacity.grown(need, current, width, rows) : current;
    }

    /** Forgets everything added, keeping the chain, codec and description (and the capacity). */
    public Builder clear() {
      adopted.clear();
      rollback(0L);
      return this;
    }

    private void requireOpenTx() {
      joinAdopted();
      if (n == 0) {
        throw new IllegalStateException("beginTx first");
      }
    }

    /**
     * A point to {@link #rollback} to: a decoder marks before each block and rolls back when the
     * block turns out malformed half way, so that nothing of it stays in the ledger.
     */
    public long mark() {
      // a mark counts addresses: it must not be taken over keys that a dedupe would renumber
      dedupeAddresses();
      return ((long) n << 32) | (addrs.size() & 0xffffffffL);
    }

    /** Forgets everything added after {@code mark} was taken. */
    public void rollback(long mark) {
      joinAdopted();
      int t = (int) (mark >>> 32);
      if (t > n) {
        throw new IllegalArgumentException("not a mark of this builder's past");
      }
      n = t;
      m = t == 0 ? 0 : inEnd[t - 1];
      k = t == 0 ? 0 : outEnd[t - 1];
      addrs.truncate((int) mark);
    }

    /** Number of transactions added so far (duplicates included). */
    public int size() {
      joinAdopted();
      return n;
    }

    int inputStart(int t) {
      return t == 0 ? 0 : inEnd[t - 1];
    }

    int inputEnd(int t) {
      return inEnd[t];
    }

    int outputStart(int t) {
      return t == 0 ? 0 : outEnd[t - 1];
    }

    int outputEnd(int t) {
      return outEnd[t];
    }

    /**
     * The builder indices in chain order (height with unknown heights last, then position; ties
     * keep the order added), or null when they were added in that order already (the usual case).
     */
    int[] chainOrder() {
      boolean sorted = true;
      for (int t = 1; t < n && sorted; t++) {
        sorted = compare(t - 1, t) <= 0;
      }
      if (sorted) {
        return null;
      }
      int[] idx = new int[n];
      for (int t = 0; t < n; t++) {
        idx[t] = t;
      }
      int[] tmp = new int[n];
      mergeSort(idx, tmp, 0, n);
      return idx;
    }

    private int compare(int a, int b) {
      int c = Long.compare(heightKey(a), heightKey(b));
      return c != 0 ? c : Integer.compare(pos[a], pos[b]);
    }

    private long heightKey(int t) {
      return height[t] < 0 ? Long.MAX_VALUE : height[t];
    }

    /** Stable merge sort of idx[lo, hi) by {@link #compare}. */
    private void mergeSort(int[] idx, int[] tmp, int lo, int hi) {
      if (hi - lo < 2) {
        return;
      }
      int mid = (lo + hi) >>> 1;
      mergeSort(idx, tmp, lo, mid);
      mergeSort(idx, tmp, mid, hi);
      if (compare(idx[mid - 1], idx[mid]) <= 0) {
        return;
      }
      System.arraycopy(idx, lo, tmp, lo, hi - lo);
      int i = lo;
      int j = mid;
      for (int o = lo; o < hi; o++) {
        if (j >= hi || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
          idx[o] = tmp[i++];
        } else {
          idx[o] = tmp[j++];
        }
      }
    }

    /**
     * Builds the ledger of everything added, which it takes over: the builder is empty afterwards
     * (as after {@link #clear}, its capacity given up too; also when the build fails) and can be
     * filled again. The ledger keeps some of the builder's columns as they are and packs the
     * others, and each column is let go as soon as the build has read it, so that a large load
     * needs little more memory than the builder's columns and the finished ledger's together.
     */
    public UtxoLedger build() {
      try {
        dedupeAddresses();
        return new UtxoLedger(this);
      } finally {
        releaseAll();
      }
    }

    // The build lets the columns go in three steps (see the ledger's constructor for when).

    void releaseTxIdsAndOutputs() {
      txw = null;
      inEnd = null;
      outEnd = null;
      outValue = null;
      outAddr = null;
      outType = null;
    }

    void releaseInputs() {
      prevw = null;
      vout = null;
      inAddr = null;
      inValue = null;
    }

    void releaseTxFields() {
      seq = null; // packed beside the transactions' fields
      height = null;
      pos = null;
      time = null;
      version = null;
      lock = null;
      vsize = null;
    }

    /** Empty again, with the initial capacity: what a new builder for the same chain has. */
    private void releaseAll() {
      adopted.clear();
      n = 0;
      m = 0;
      k = 0;
      txw = new long[64];
      height = new int[16];
      pos = new int[16];
      time = new int[16];
      version = new int[16];
      lock = new int[16];
      vsize = new int[16];
      inEnd = new int[16];
      outEnd = new int[16];
      prevw = new long[64];
      vout = new int[16];
      seq = new int[16];
      inAddr = null;
      inValue = null;
      outValue = new long[16];
      outAddr = new int[16];
      outType = new byte[16];
      addrs = new KeyInterner();
    }
  }
}
