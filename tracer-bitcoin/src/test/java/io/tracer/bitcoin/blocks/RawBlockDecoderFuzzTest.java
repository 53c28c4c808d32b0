package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile bytes into the decoder: the only failure allowed is a Malformed naming an offset. */
class RawBlockDecoderFuzzTest {

  private static byte[] block() throws Exception {
    return Files.readAllBytes(SharedData.file(RealBlocksTest.DIR + "block169482.dat"));
  }

  @Test
  void decode_everyTruncation_isMalformedWithOffsetInsideTheBlock() throws Exception {
    byte[] raw = block();
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    for (int len = 0; len < raw.length; len += (len < 400 ? 1 : 53)) {
      int l = len;
      BlockFileException e =
          assertThrows(BlockFileException.Malformed.class, () -> d.decode(raw, 0, l, 1, null, 1000));
      assertTrue(e.offset() >= 1000 && e.offset() <= 1000 + l, "offset " + e.offset() + " for len " + l);
    }
  }

  @Test
  void decode_trailingByte_isMalformed() throws Exception {
    byte[] raw = block();
    byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1);
    BlockFileException e = assertThrows(BlockFileException.Malformed.class,
        () -> new RawBlockDecoder(BtcNetwork.MAINNET).decode(longer, 0, longer.length, 1, null, 0));
    assertTrue(e.getMessage().contains("1 bytes left after the last transaction"), e.getMessage());
  }

  @Test
  void decode_randomByteFlips_decodeOrFailOnlyAsMalformed() throws Exception {
    byte[] raw = block();
    Random rnd = new Random(99);
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    int decoded = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] b = raw.clone();
      for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
      }
      try {
        DecodedBlock blk = d.decode(b, 0, b.length, 1, null, 0);
        decoded++;
        blk.transactions().forEach(tx -> tx.outputs().forEach(o -> assertTrue(o.value() >= 0)));
      } catch (BlockFileException.Malformed expected) {
        // the one allowed failure
      }
    }
    assertTrue(decoded > 0, "some flips only touch scripts and signatures");
  }

  @Test
  void decode_randomGarbage_isMalformed() {
    Random rnd = new Random(5);
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    int malformed = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[rnd.nextInt(2000)];
      rnd.nextBytes(b);
      try {
        d.decode(b, 0, b.length, 1, null, 0);
      } catch (BlockFileException.Malformed expected) {
        malformed++;
      }
    }
    assertEquals(2000, malformed);
  }
}
