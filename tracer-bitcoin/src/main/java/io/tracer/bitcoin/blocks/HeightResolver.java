package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.BlockRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *       BIP34 miners wrote arbitrary bytes there (mainnet block 227835 is an example).
 *   <li><b>Unknown.</b> Anything else gets {@link BlockRef#UNKNOWN_HEIGHT}, which sorts last.
 * </ol>
 *
 * Blocks of a stale branch get heights too (they link to their parent like any other), so two
 * blocks may share a height. Not thread-safe; used once per reader.
 */
public final class HeightResolver {
  private final BtcNetwork network;
  private final List<RawBlockDecoder.HeaderFacts> blocks = new ArrayList<>();

  public HeightResolver(BtcNetwork network) {
    this.network = network;
  }

  /** Adds the next block in file order. */
  void add(RawBlockDecoder.HeaderFacts facts) {
    blocks.add(facts);
  }

  /** Adds a block by its facts; {@code coinbaseHeight} may be empty. */
  public void add(String hash, String prevHash, long version, OptionalLong coinbaseHeight) {
    blocks.add(new RawBlockDecoder.HeaderFacts(hash, prevHash, version, coinbaseHeight));
  }

  /** Heights in the order the blocks were added. */
  public long[] resolve() {
    int n = blocks.size();
    long[] height = new long[n];
    java.util.Arrays.fill(height, BlockRef.UNKNOWN_HEIGHT);
    Map<String, Integer> byHash = new HashMap<>(n * 2);
    Map<String, List<Integer>> children = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      RawBlockDecoder.HeaderFacts f = blocks.get(i);
      byHash.putIfAbsent(f.hash(), i);
      children.computeIfAbsent(f.prevHash(), k -> new ArrayList<>(1)).add(i);
    }
    for (int i = 0; i < n; i++) {
      if (blocks.get(i).hash().equals(network.genesisHash()) && height[i] == BlockRef.UNKNOWN_HEIGHT) {
        height[i] = 0;
        descend(i, height, children);
      }
    }
    for (int i = 0; i < n; i++) {
      RawBlockDecoder.HeaderFacts f = blocks.get(i);
      if (height[i] != BlockRef.UNKNOWN_HEIGHT || f.version() < 2) {
        continue;
      }
      OptionalLong cb = f.coinbaseHeight();
      if (cb.isEmpty() || cb.getAsLong() < network.bip34Height()) {
        continue;
      }
      height[i] = cb.getAsLong();
      descend(i, height, children);
      // ancestors present in the data, while they have no height yet
      long h = height[i];
      Integer p = byHash.get(f.prevHash());
      while (p != null && height[p] == BlockRef.UNKNOWN_HEIGHT && h > 0) {
        height[p] = --h;
        descend(p, height, children);
        p = byHash.get(blocks.get(p).prevHash());
      }
    }
    // duplicates of the same block (Core may store one twice) share the first copy's height
    for (int i = 0; i < n; i++) {
      int first = byHash.get(blocks.get(i).hash());
      if (first != i) {
        height[i] = height[first];
      }
    }
    return height;
  }

  private void descend(int root, long[] height, Map<String, List<Integer>> children) {
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      int i = todo.poll();
      List<Integer> kids = children.get(blocks.get(i).hash());
      if (kids == null) {
        continue;
      }
      for (int k : kids) {
        if (height[k] == BlockRef.UNKNOWN_HEIGHT) {
          height[k] = height[i] + 1;
          todo.add(k);
        }
      }
    }
  }
}
