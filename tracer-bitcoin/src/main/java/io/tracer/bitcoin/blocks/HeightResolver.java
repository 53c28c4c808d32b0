package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.BlockRef;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Assigns heights to blocks read in file order (Bitcoin Core writes {@code blk*.dat} in download
 * order, not height order). The rule, applied in this order:
 *
 * <ol>
 *   <li><b>Linked from genesis.</b> If the network's genesis block is in the data, it has height 0
 *       and every block whose parent has height h gets h + 1 (a breadth-first walk over parent →
 *       children links, so file order does not matter).
 *   <li><b>BIP34 anchor.</b> A block not reached that way whose version is at least 2 and whose
 *       coinbase starts with a height at or above the network's BIP34 activation height ({@link
 *       BtcNetwork#bip34Height()}) gets that height; its descendants get parent + 1 and its
 *       ancestors in the data child − 1. Coinbase "heights" below activation are ignored: before
 *       BIP34 miners wrote arbitrary bytes there (mainnet block 227836 is an example).
 *   <li><b>Unknown.</b> Anything else gets {@link BlockRef#UNKNOWN_HEIGHT}, which sorts last.
 * </ol>
 *
 * Blocks of a stale branch get heights too (they link to their parent like any other), so two
 * blocks may share a height; a block stored twice gets its first copy's height.
 *
 * <p>Memory: about 100 bytes per block (both hashes as 8 longs, one coinbase height, and int
 * links and hash table slots while resolving), so that a whole mainnet {@code blocks/} directory
 * fits in about 100 MB. Not thread-safe; used once per reader.
 */
public final class HeightResolver {
  private static final HexFormat HEX = HexFormat.of();
  private static final int WORDS = 8; // 4 longs of hash, 4 of parent hash

  private final BtcNetwork network;
  private final long[] genesis;
  private long[] words = new long[WORDS * 64];
  private long[] coinbase = new long[64]; // BIP34 candidate (version >= 2), else -1
  private int n;

  public HeightResolver(BtcNetwork network) {
    this.network = network;
    this.genesis = toWords(HEX.parseHex(network.genesisHash()));
  }

  /** Adds the next block in file order. */
  void add(RawBlockDecoder.HeaderFacts facts) {
    add(facts.hash(), facts.prevHash(), facts.version(), facts.coinbaseHeight());
  }

  /**
   * Adds a block by its facts (hashes as 64 hex digits, display order); {@code coinbaseHeight} may
   * be empty.
   */
  public void add(String hash, String prevHash, long version, OptionalLong coinbaseHeight) {
    add(HEX.parseHex(hash), HEX.parseHex(prevHash), version, coinbaseHeight);
  }

  private void add(byte[] hash, byte[] prev, long version, OptionalLong cb) {
    if (hash.length != 32 || prev.length != 32) {
      throw new IllegalArgumentException("block hashes have 32 bytes");
    }
    if (n == coinbase.length) {
      coinbase = Arrays.copyOf(coinbase, n * 2);
      words = Arrays.copyOf(words, n * 2 * WORDS);
    }
    long[] h = toWords(hash);
    long[] p = toWords(prev);
    System.arraycopy(h, 0, words, n * WORDS, 4);
    System.arraycopy(p, 0, words, n * WORDS + 4, 4);
    coinbase[n] = version >= 2 && cb.isPresent() ? cb.getAsLong() : -1;
    n++;
  }

  /** Heights in the order the blocks were added. */
  public long[] resolve() {
    long[] height = new long[n];
    Arrays.fill(height, BlockRef.UNKNOWN_HEIGHT);
    // hash -> first block index with that hash (open addressing, index + 1, 0 = empty)
    int[] table = new int[Integer.highestOneBit(Math.max(4, n) * 2) * 2];
    int mask = table.length - 1;
    int[] first = new int[n];
    for (int i = 0; i < n; i++) {
      int slot = find(table, mask, words, i * WORDS);
      if (table[slot] == 0) {
        table[slot] = i + 1;
      }
      first[i] = table[slot] - 1;
    }
    int[] parent = new int[n];
    int[] firstChild = new int[n];
    int[] nextSibling = new int[n];
    Arrays.fill(firstChild, -1);
    for (int i = n - 1; i >= 0; i--) { // backwards, so that children keep file order
      int slot = find(table, mask, words, i * WORDS + 4);
      parent[i] = table[slot] - 1;
      if (parent[i] >= 0) {
        nextSibling[i] = firstChild[parent[i]];
        firstChild[parent[i]] = i;
      }
    }
    int[] queue = new int[n];
    for (int i = 0; i < n; i++) {
      if (first[i] == i && height[i] == BlockRef.UNKNOWN_HEIGHT && equalsAt(words, i * WORDS, genesis)) {
        height[i] = 0;
        descend(i, height, firstChild, nextSibling, queue);
      }
    }
    for (int i = 0; i < n; i++) {
      if (first[i] != i || height[i] != BlockRef.UNKNOWN_HEIGHT || coinbase[i] < network.bip34Height()) {
        continue;
      }
      height[i] = coinbase[i];
      descend(i, height, firstChild, nextSibling, queue);
      long h = height[i];
      int p = parent[i];
      while (p >= 0 && height[p] == BlockRef.UNKNOWN_HEIGHT && h > 0) {
        height[p] = --h;
        descend(p, height, firstChild, nextSibling, queue);
        p = parent[p];
      }
    }
    for (int i = 0; i < n; i++) {
      height[i] = height[first[i]];
    }
    return height;
  }

  private static void descend(int root, long[] height, int[] firstChild, int[] next, int[] queue) {
    int head = 0;
    int tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      int i = queue[head++];
      for (int k = firstChild[i]; k >= 0; k = next[k]) {
        if (height[k] == BlockRef.UNKNOWN_HEIGHT) {
          height[k] = height[i] + 1;
          queue[tail++] = k;
        }
      }
    }
  }

  /** Slot holding the hash at {@code words[at, at+4)}, or the empty slot where it would go. */
  private int find(int[] table, int mask, long[] w, int at) {
    // The last 8 bytes in display order: the leading ones are proof-of-work zeros on every real
    // block, so they would all collide. Mixed anyway, for hand-made hashes in tests.
    long x = w[at + 3] * 0x9E3779B97F4A7C15L;
    int slot = (int) (x ^ (x >>> 32)) & mask;
    while (table[slot] != 0) {
      int j = (table[slot] - 1) * WORDS;
      if (words[j] == w[at] && words[j + 1] == w[at + 1] && words[j + 2] == w[at + 2] && words[j + 3] == w[at + 3]) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static boolean equalsAt(long[] w, int at, long[] h) {
    return w[at] == h[0] && w[at + 1] == h[1] && w[at + 2] == h[2] && w[at + 3] == h[3];
  }

  private static long[] toWords(byte[] b) {
    long[] w = new long[4];
    for (int i = 0; i < 32; i++) {
      w[i / 8] = (w[i / 8] << 8) | (b[i] & 0xff);
    }
    return w;
  }
}
