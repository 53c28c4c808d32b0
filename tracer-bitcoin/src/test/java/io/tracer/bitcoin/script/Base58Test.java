package io.tracer.bitcoin.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
  @Test
  void encode_randomInputsWithLeadingZeros_matchesBitcoinj() {
    Random rnd = new Random(58);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(45)];
      rnd.nextBytes(b);
      for (int z = rnd.nextInt(4); z > 0 && z <= b.length; z--) {
        b[z - 1] = 0;
      }
      assertEquals(org.bitcoinj.base.Base58.encode(b), Base58.encode(b), java.util.HexFormat.of().formatHex(b));
    }
  }

  @Test
  void encode_edgeValues_matchBitcoinj() {
    byte[][] cases = {
      {}, {0}, {0, 0, 0}, {1}, {57}, {58}, {(byte) 0xff}, new byte[25], {0, 0, 1},
      {0x27, 0x2a, (byte) 0x88, 0x20}, // 58^5 = 0x2720_88a0? checked against bitcoinj either way
    };
    for (byte[] c : cases) {
      assertEquals(org.bitcoinj.base.Base58.encode(c), Base58.encode(c));
    }
  }

  @Test
  void div_randomAndEdgeDividendsBelow2To62_equalsHardwareDivision() {
    Random rnd = new Random(62);
    long[] edges = {0, 1, Base58.GROUP - 1, Base58.GROUP, Base58.GROUP + 1, (1L << 62) - 1,
        Base58.GROUP * ((1L << 62) / Base58.GROUP), Base58.GROUP * ((1L << 62) / Base58.GROUP) - 1};
    for (long x : edges) {
      assertEquals(x / Base58.GROUP, Base58.div(x), "x=" + x);
    }
    for (int i = 0; i < 1_000_000; i++) {
      long x = rnd.nextLong() >>> 2;
      assertEquals(x / Base58.GROUP, Base58.div(x), "x=" + x);
    }
  }

  @Test
  void encodeChecked_p2pkhOfGenesisKey_is1A1z() {
    byte[] hash = java.util.HexFormat.of().parseHex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertEquals("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Base58.encodeChecked(0, hash, 0, 20));
    assertEquals(org.bitcoinj.base.Base58.encodeChecked(0, hash), Base58.encodeChecked(0, hash, 0, 20));
  }
}
