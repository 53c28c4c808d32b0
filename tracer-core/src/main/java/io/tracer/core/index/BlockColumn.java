package io.tracer.core.index;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The block height, position and time of each transaction of a {@link UtxoLedger}, stored per
 * block rather than per transaction: transactions of one block share height and time, and their
 * positions count up. A "block" here is a maximal run of transactions (in index order) each of
 * which has the height and time of the one before and its position + 1; so data of any shape
 * (unknown heights, gaps in positions, duplicate positions, partial blocks) is held exactly, it
 * merely makes more blocks. Per block: its time; its first position when it is not 0, and its
 * height when it is not the previous block's height + 1, as sparse exceptions. Per transaction:
 * one bit (does it begin a block). Immutable.
 */
final class BlockColumn {
  private final int size;
  private final long[] begins; // bit i: transaction i begins a block
  private final int[] ranks; // per word of begins: blocks begun in the words before it
  private final ChunkedInts time; // per block, epoch seconds as unsigned 32-bit
  private final SparseInts firstPos; // per block: position of its first transaction, 0 if absent
  // height anchors: sorted block indices where the height is not the previous block's + 1, and
  // their heights (-1 unknown: every block of unknown height is an anchor)
  private final int[] anchorBlock;
  private final int[] anchorHeight;

  private BlockColumn(int size, long[] begins, int[] ranks, ChunkedInts time, SparseInts firstPos,
      int[] anchorBlock, int[] anchorHeight) {
    this.size = size;
    this.begins = begins;
    this.ranks = ranks;
    this.time = time;
    this.firstPos = firstPos;
    this.anchorBlock = anchorBlock;
    this.anchorHeight = anchorHeight;
  }

  /**
   * Packs transactions {@code 0..size-1} given their height (-1 unknown, else non-negative),
   * position (non-negative) and time.
   */
  static BlockColumn of(int size, IntUnaryOperator height, IntUnaryOperator pos, IntUnaryOperator time) {
    long[] begins = new long[(size + 63) >>> 6];
    int[] times = new int[16];
    int blocks = 0;
    SparseInts.Builder firstPos = new SparseInts.Builder();
    int[] anchorBlock = new int[4];
    int[] anchorHeight = new int[4];
    int anchors = 0;
    int prevH = 0;
    int prevP = 0;
    int prevT = 0;
    int blockH = 0; // height of the last block begun
    for (int i = 0; i < size; i++) {
      int h = height.applyAsInt(i);
      int p = pos.applyAsInt(i);
      int t = time.applyAsInt(i);
      boolean continues = i > 0 && h == prevH && t == prevT && p == prevP + 1;
      if (!continues) {
        begins[i >>> 6] |= 1L << i;
        int b = blocks++;
        if (b == times.length) {
          times = Arrays.copyOf(times, b * 2);
        }
        times[b] = t;
        if (p != 0) {
          firstPos.add(b, p);
        }
        if (b == 0 || blockH < 0 || h != blockH + 1) {
          if (anchors == anchorBlock.length) {
            anchorBlock = Arrays.copyOf(anchorBlock, anchors * 2);
            anchorHeight = Arrays.copyOf(anchorHeight, anchors * 2);
          }
          anchorBlock[anchors] = b;
          anchorHeight[anchors++] = h;
        }
        blockH = h;
      }
      prevH = h;
      prevP = p;
      prevT = t;
    }
    int[] ranks = new int[begins.length];
    for (int w = 1; w < begins.length; w++) {
      ranks[w] = ranks[w - 1] + Long.bitCount(begins[w - 1]);
    }
    return new BlockColumn(size, begins, ranks, ChunkedInts.of(times, blocks), firstPos.build(),
        Arrays.copyOf(anchorBlock, anchors), Arrays.copyOf(anchorHeight, anchors));
  }

  /** The block (index among this column's blocks) of transaction {@code tx}. */
  private int blockOf(int tx) {
    int w = tx >>> 6;
    return ranks[w] + Long.bitCount(begins[w] & ((2L << tx) - 1)) - 1;
  }

  /** Height of transaction {@code tx}, -1 if unknown. */
  int height(int tx) {
    int b = blockOf(tx);
    int r = Arrays.binarySearch(anchorBlock, b);
    if (r < 0) {
      r = -r - 2; // the last anchor before b; block 0 is always one
    }
    int h = anchorHeight[r];
    return h < 0 ? -1 : h + (b - anchorBlock[r]);
  }

  /** Position in its block of transaction {@code tx}. */
  int position(int tx) {
    int w = tx >>> 6;
    long bits = begins[w] & ((2L << tx) - 1);
    while (bits == 0) {
      bits = begins[--w];
    }
    int first = (w << 6) + 63 - Long.numberOfLeadingZeros(bits);
    return firstPos.get(blockOf(tx), 0) + (tx - first);
  }

  /** Block time of transaction {@code tx}, epoch seconds as unsigned 32-bit. */
  int time(int tx) {
    return time.get(blockOf(tx));
  }

  int size() {
    return size;
  }

  /** Number of blocks (runs of transactions) held. */
  int blocks() {
    return time.size();
  }

  long bytes() {
    return 8L * begins.length + 4L * (ranks.length + anchorBlock.length + anchorHeight.length)
        + time.bytes() + firstPos.bytes();
  }
}
