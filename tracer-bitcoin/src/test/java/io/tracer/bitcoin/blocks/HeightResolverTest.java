package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.BlockRef;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeightResolverTest {
  private static final long U = BlockRef.UNKNOWN_HEIGHT;
  private static final String G = BtcNetwork.MAINNET.genesisHash();
  private static final long ACT = BtcNetwork.MAINNET.bip34Height();

  /** A distinct 64-hex-digit hash per name. */
  private static String h(String name) {
    return io.tracer.core.testing.Txs.id(name).toString();
  }

  private static HeightResolver mainnet() {
    return new HeightResolver(BtcNetwork.MAINNET);
  }

  @Nested
  class HappyPath {
    @Test
    void resolve_chainFromGenesisOutOfOrder_linksByPrevHash() {
      HeightResolver r = mainnet();
      r.add(h("b"), h("a"), 1, OptionalLong.empty());
      r.add(G, h("00"), 1, OptionalLong.empty());
      r.add(h("a"), G, 1, OptionalLong.empty());
      assertArrayEquals(new long[] {2, 0, 1}, r.resolve());
    }

    @Test
    void resolve_staleBranch_sharesTheHeightOfItsSibling() {
      HeightResolver r = mainnet();
      r.add(G, h("00"), 1, OptionalLong.empty());
      r.add(h("a"), G, 1, OptionalLong.empty());
      r.add(h("a2"), G, 1, OptionalLong.empty());
      assertArrayEquals(new long[] {0, 1, 1}, r.resolve());
    }

    @Test
    void resolve_bip34AtActivationHeight_anchorsBlockDescendantsAndAncestors() {
      HeightResolver r = mainnet();
      r.add(h("p"), h("pp"), 1, OptionalLong.empty()); // parent: v1, no height of its own
      r.add(h("x"), h("p"), 2, OptionalLong.of(ACT));
      r.add(h("c"), h("x"), 2, OptionalLong.empty());
      assertArrayEquals(new long[] {ACT - 1, ACT, ACT + 1}, r.resolve());
    }

    @Test
    void resolve_longChainAddedBackwards_linksEveryBlockWithoutRecursion() {
      int n = 200_000;
      String[] hash = new String[n];
      hash[0] = G;
      for (int i = 1; i < n; i++) {
        hash[i] = String.format("%064x", i);
      }
      HeightResolver r = mainnet();
      for (int i = n - 1; i >= 0; i--) {
        r.add(hash[i], i == 0 ? "00".repeat(32) : hash[i - 1], 1, OptionalLong.empty());
      }
      long[] heights = r.resolve();
      for (int k = 0; k < n; k++) {
        assertEquals(n - 1 - k, heights[k]);
      }
    }

    @Test
    void resolve_duplicateBlock_getsTheFirstCopysHeight() {
      HeightResolver r = mainnet();
      r.add(G, h("00"), 1, OptionalLong.empty());
      r.add(G, h("00"), 1, OptionalLong.empty());
      assertArrayEquals(new long[] {0, 0}, r.resolve());
    }
  }

  @Nested
  class Rejection {
    @Test
    void resolve_bip34OneBelowActivation_isUnknown() {
      HeightResolver r = mainnet();
      r.add(h("x"), h("p"), 2, OptionalLong.of(ACT - 1));
      assertArrayEquals(new long[] {U}, r.resolve());
    }

    @Test
    void resolve_bip34HeightInVersion1Block_isUnknown() {
      HeightResolver r = mainnet();
      r.add(h("x"), h("p"), 1, OptionalLong.of(ACT + 1));
      assertArrayEquals(new long[] {U}, r.resolve());
    }

    @Test
    void resolve_genesisLinkWins_overAConflictingCoinbaseHeight() {
      HeightResolver r = mainnet();
      r.add(G, h("00"), 1, OptionalLong.empty());
      r.add(h("a"), G, 2, OptionalLong.of(ACT + 5));
      assertEquals(1, r.resolve()[1]);
    }

    @Test
    void resolve_noGenesisNoCoinbaseHeight_isUnknown() {
      HeightResolver r = mainnet();
      r.add(h("a"), h("z"), 1, OptionalLong.empty());
      r.add(h("b"), h("a"), 1, OptionalLong.empty());
      assertArrayEquals(new long[] {U, U}, r.resolve());
    }
  }

  @Test
  void bip34_pushOf3Bytes_readsLittleEndianHeight() {
    // tx count 1, version, input count 1, outpoint (36), script len 4, push 3: 0x058e71 = 363121
    byte[] b = new byte[1 + 4 + 1 + 36 + 1 + 4];
    b[0] = 1;
    b[5] = 1;
    b[42] = 4;
    b[43] = 3;
    b[44] = 0x71;
    b[45] = (byte) 0x8e;
    b[46] = 0x05;
    assertEquals(OptionalLong.of(0x058e71), RawBlockDecoder.bip34(b, 0, b.length));
    assertEquals(OptionalLong.empty(), RawBlockDecoder.bip34(b, 0, 44), "cut inside the push");
    b[46] = (byte) 0x85; // sign bit: negative, not a height
    assertEquals(OptionalLong.empty(), RawBlockDecoder.bip34(b, 0, b.length));
  }
}
