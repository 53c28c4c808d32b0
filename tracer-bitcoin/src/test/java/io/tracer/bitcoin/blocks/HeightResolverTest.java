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

  private static HeightResolver mainnet() {
    return new HeightResolver(BtcNetwork.MAINNET);
  }

  @Nested
  class HappyPath {
    @Test
    void resolve_chainFromGenesisOutOfOrder_linksByPrevHash() {
      HeightResolver r = mainnet();
      r.add("b", "a", 1, OptionalLong.empty());
      r.add(G, "00", 1, OptionalLong.empty());
      r.add("a", G, 1, OptionalLong.empty());
      assertArrayEquals(new long[] {2, 0, 1}, r.resolve());
    }

    @Test
    void resolve_staleBranch_sharesTheHeightOfItsSibling() {
      HeightResolver r = mainnet();
      r.add(G, "00", 1, OptionalLong.empty());
      r.add("a", G, 1, OptionalLong.empty());
      r.add("a2", G, 1, OptionalLong.empty());
      assertArrayEquals(new long[] {0, 1, 1}, r.resolve());
    }

    @Test
    void resolve_bip34AtActivationHeight_anchorsBlockDescendantsAndAncestors() {
      HeightResolver r = mainnet();
      r.add("p", "pp", 1, OptionalLong.empty()); // parent: v1, no height of its own
      r.add("x", "p", 2, OptionalLong.of(ACT));
      r.add("c", "x", 2, OptionalLong.empty());
      assertArrayEquals(new long[] {ACT - 1, ACT, ACT + 1}, r.resolve());
    }

    @Test
    void resolve_duplicateBlock_getsTheFirstCopysHeight() {
      HeightResolver r = mainnet();
      r.add(G, "00", 1, OptionalLong.empty());
      r.add(G, "00", 1, OptionalLong.empty());
      assertArrayEquals(new long[] {0, 0}, r.resolve());
    }
  }

  @Nested
  class Rejection {
    @Test
    void resolve_bip34OneBelowActivation_isUnknown() {
      HeightResolver r = mainnet();
      r.add("x", "p", 2, OptionalLong.of(ACT - 1));
      assertArrayEquals(new long[] {U}, r.resolve());
    }

    @Test
    void resolve_bip34HeightInVersion1Block_isUnknown() {
      HeightResolver r = mainnet();
      r.add("x", "p", 1, OptionalLong.of(ACT + 1));
      assertArrayEquals(new long[] {U}, r.resolve());
    }

    @Test
    void resolve_genesisLinkWins_overAConflictingCoinbaseHeight() {
      HeightResolver r = mainnet();
      r.add(G, "00", 1, OptionalLong.empty());
      r.add("a", G, 2, OptionalLong.of(ACT + 5));
      assertEquals(1, r.resolve()[1]);
    }

    @Test
    void resolve_noGenesisNoCoinbaseHeight_isUnknown() {
      HeightResolver r = mainnet();
      r.add("a", "z", 1, OptionalLong.empty());
      r.add("b", "a", 1, OptionalLong.empty());
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
