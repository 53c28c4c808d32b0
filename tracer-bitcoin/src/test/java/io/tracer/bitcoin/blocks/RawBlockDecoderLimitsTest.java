package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A real block (169482) with one field changed to a value real Bitcoin does not allow or rarely
 * uses: values above the 21 million BTC supply are malformed (a sum of them could overflow the
 * engines' checked arithmetic), and a version with its top bit set is read unsigned by both paths.
 */
class RawBlockDecoderLimitsTest {
  private static final BtcNetwork NET = BtcNetwork.MAINNET;

  private static byte[] block() throws Exception {
    return Files.readAllBytes(SharedData.file(RealBlocksTest.DIR + "block169482.dat"));
  }

  /** Where transaction {@code tx}'s version starts, and each of its outputs' values. */
  private record Layout(int version, int[] values) {}

  /** Walks the block independently of the decoder (pre-segwit: no witness data to skip). */
  private static Layout layout(byte[] b, int tx) {
    int[] p = {80};
    long txs = varint(b, p);
    assertTrue(tx < txs);
    for (int t = 0; ; t++) {
      int version = p[0];
      p[0] += 4;
      long ins = varint(b, p);
      for (long i = 0; i < ins; i++) {
        p[0] += 36;
        int script = (int) varint(b, p); // read first: p[0] += varint(...) would lose its move
        p[0] += script + 4;
      }
      int[] values = new int[(int) varint(b, p)];
      for (int o = 0; o < values.length; o++) {
        values[o] = p[0];
        p[0] += 8;
        int script = (int) varint(b, p);
        p[0] += script;
      }
      p[0] += 4;
      if (t == tx) {
        return new Layout(version, values);
      }
    }
  }

  /** The first non-coinbase transaction that pays at least two outputs. */
  private static int twoOutputs(byte[] b) {
    for (int t = 1; ; t++) {
      if (layout(b, t).values().length >= 2) {
        return t;
      }
    }
  }

  private static long varint(byte[] b, int[] p) {
    int first = b[p[0]++] & 0xff;
    int size = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    long v = first < 0xfd ? first : 0;
    for (int i = 0; i < size; i++) {
      v |= (b[p[0]++] & 0xffL) << (8 * i);
    }
    return v;
  }

  /** A builder as the btc-blocks source makes it. */
  private static UtxoLedger.Builder keyedBuilder() {
    return UtxoLedger.builder(Chain.BITCOIN).addressCodec(BitcoinAddressKeys.of(NET));
  }

  private static void putLong(byte[] b, int at, long v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
  }

  private static BlockFileException.Malformed malformed(byte[] b) {
    RawBlockDecoder d = new RawBlockDecoder(NET);
    BlockFileException.Malformed e = assertThrows(BlockFileException.Malformed.class,
        () -> d.decode(b, 0, b.length, 169482, null, 0));
    // the ingest path refuses it the same way, and leaves nothing of the block behind
    UtxoLedger.Builder ledger = keyedBuilder();
    assertThrows(BlockFileException.Malformed.class,
        () -> d.decodeInto(ledger, b, 0, b.length, 169482, null, 0));
    assertEquals(0, ledger.size());
    return e;
  }

  @Test
  void decode_outputAboveTheSupply_isMalformedAtThatValue() throws Exception {
    byte[] b = block();
    int at = layout(b, 1).values()[0];
    putLong(b, at, RawBlockDecoder.MAX_MONEY + 1);
    BlockFileException.Malformed e = malformed(b);
    assertEquals(at, e.offset());
    assertTrue(e.getMessage().contains("output value 2100000000000001 sat is more than the"
        + " 21,000,000 BTC supply"), e.getMessage());
  }

  @Test
  void decode_outputsAddingUpToMoreThanTheSupply_isMalformedAtTheOneThatCrossesIt()
      throws Exception {
    byte[] b = block();
    int[] values = layout(b, twoOutputs(b)).values();
    putLong(b, values[0], RawBlockDecoder.MAX_MONEY);
    putLong(b, values[1], 1);
    BlockFileException.Malformed e = malformed(b);
    assertEquals(values[1], e.offset());
    assertTrue(e.getMessage().contains("the outputs up to this one add up to more than the"
        + " 21,000,000 BTC supply"), e.getMessage());
  }

  @Test
  void decode_outputsOfExactlyTheSupply_decode() throws Exception {
    byte[] b = block();
    int tx = twoOutputs(b);
    int[] values = layout(b, tx).values();
    putLong(b, values[0], RawBlockDecoder.MAX_MONEY - 5);
    putLong(b, values[1], 5);
    for (int o = 2; o < values.length; o++) {
      putLong(b, values[o], 0);
    }
    UtxoTx decoded =
        new RawBlockDecoder(NET).decode(b, 0, b.length, 169482, null, 0).transactions().get(tx);
    assertEquals(RawBlockDecoder.MAX_MONEY - 5, decoded.output(0).value());
    assertEquals(RawBlockDecoder.MAX_MONEY, decoded.outputValue());
  }

  @Test
  void decode_versionWithTopBitSet_isReadUnsignedByBothPaths() throws Exception {
    byte[] b = block();
    int at = layout(b, 1).version();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 0xffff_ffff);
    RawBlockDecoder d = new RawBlockDecoder(NET);
    UtxoTx objects = d.decode(b, 0, b.length, 169482, null, 0).transactions().get(1);
    assertEquals(4294967295L, objects.version());
    UtxoLedger.Builder builder = keyedBuilder();
    d.decodeInto(builder, b, 0, b.length, 169482, null, 0);
    UtxoLedger ledger = builder.build();
    assertEquals(4294967295L, ledger.transaction(objects.id()).orElseThrow().version());
  }
}
