package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockReaderHostileTest {
  private static final int MAINNET_MAGIC = 0xf9beb4d9;
  private static final int TESTNET3_MAGIC = 0x0b110907;

  @TempDir Path tmp;

  static byte[] first100k() throws Exception {
    return Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
  }

  static byte[] frame(int magic, byte[] block) {
    return frame(magic, block.length, block);
  }

  static byte[] frame(int magic, long declaredLength, byte[] block) {
    ByteBuffer bb = ByteBuffer.allocate(8 + block.length);
    bb.putInt(magic);
    bb.order(ByteOrder.LITTLE_ENDIAN).putInt((int) declaredLength);
    bb.put(block);
    return bb.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  Path write(String name, byte[] data) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, data);
    return p;
  }

  static List<DecodedBlock> readAll(BlockReader r) {
    List<DecodedBlock> out = new ArrayList<>();
    r.forEach(out::add);
    return out;
  }

  @Nested
  class HappyPath {
    @Test
    void build_xorObfuscatedBlocksDir_readsTheSameBlocksAsThePlainFile() throws Exception {
      byte[] plain = first100k();
      byte[] key = {0x13, (byte) 0x9a, 0x07, (byte) 0xff, 0x42, 0x00, 0x5c, (byte) 0xe1};
      byte[] obf = plain.clone();
      for (int i = 0; i < obf.length; i++) {
        obf[i] ^= key[i % 8];
      }
      write("blocks/blk00000.dat", obf);
      write("blocks/xor.dat", key);
      BlockReader r = BlockReader.builder(tmp.resolve("blocks")).build();
      assertEquals(BlockReader.Layout.BLOCKS_DIRECTORY, r.layout());
      assertTrue(r.obfuscated());
      List<DecodedBlock> blocks = readAll(r);
      assertEquals(439, blocks.size());
      assertEquals(438, blocks.get(438).info().height());
      assertEquals("0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a", blocks.get(438).info().hash());
    }

    @Test
    void build_allZeroXorKey_isNoObfuscation() throws Exception {
      write("blocks/blk00000.dat", first100k());
      write("blocks/xor.dat", new byte[8]);
      BlockReader r = BlockReader.builder(tmp.resolve("blocks")).build();
      assertFalse(r.obfuscated());
      assertEquals(439, r.blockCount());
    }

    @Test
    void build_blkFilesNamedOutOfLexicalOrder_areReadInNumericOrder() throws Exception {
      List<byte[]> frames = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST));
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int i = 0; i < frames.size(); i++) {
        (i < 200 ? a : b).writeBytes(frame(MAINNET_MAGIC, frames.get(i)));
      }
      write("blocks/blk9.dat", a.toByteArray());
      write("blocks/blk10.dat", b.toByteArray());
      BlockReader r = BlockReader.builder(tmp.resolve("blocks")).build();
      assertEquals("blk9.dat", r.files().get(0).getFileName().toString());
      List<DecodedBlock> blocks = readAll(r);
      assertEquals(0, blocks.get(0).info().height());
      assertEquals(200, blocks.get(200).info().height());
    }

    @Test
    void build_blocksInReverseDownloadOrder_getHeightsByPrevHashLinks() throws Exception {
      List<byte[]> frames = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = frames.size() - 1; i >= 0; i--) {
        out.writeBytes(frame(MAINNET_MAGIC, frames.get(i)));
      }
      List<DecodedBlock> blocks = readAll(BlockReader.builder(write("rev.dat", out.toByteArray())).build());
      assertEquals(438, blocks.get(0).info().height());
      assertEquals(0, blocks.get(438).info().height());
    }

    @Test
    void build_zeroPaddedTailLikeCorePreallocation_endsTheFileQuietly() throws Exception {
      BlockReader r = BlockReader.builder(write("blk00000.dat", concat(first100k(), new byte[4096]))).build();
      assertEquals(439, r.blockCount());
      assertEquals(0, r.skippedRegions());
    }

    @Test
    void build_lenientWithGarbageAfterValidBlocks_skipsAndCountsTheTail() throws Exception {
      byte[] garbage = new byte[100];
      new Random(1).nextBytes(garbage);
      garbage[0] = 0x55;
      Path f = write("g.dat", concat(first100k(), garbage));
      BlockReader r = BlockReader.builder(f).lenient(true).build();
      assertEquals(439, readAll(r).size());
      assertEquals(1, r.skippedRegions());
    }
  }

  @Nested
  class Rejection {
    @Test
    void build_garbageAfterValidBlocks_isWrongMagicNamingFileAndOffset() throws Exception {
      byte[] plain = first100k();
      Path f = write("g.dat", concat(plain, new byte[] {0x55, 0x66, 0x77, 0x01, 0, 0, 0, 0, 1, 2}));
      BlockFileException e = assertThrows(BlockFileException.WrongMagic.class, () -> BlockReader.builder(f).build());
      assertEquals(plain.length, e.offset());
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("offset " + plain.length), e.getMessage());
    }

    @Test
    void build_truncatedInsideLastBlock_isTruncatedAtThatFrame() throws Exception {
      byte[] plain = first100k();
      List<byte[]> frames = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST));
      int lastFrameStart = plain.length - 8 - frames.get(438).length;
      Path f = write("t.dat", Arrays.copyOf(plain, plain.length - 1));
      BlockFileException e = assertThrows(BlockFileException.Truncated.class, () -> BlockReader.builder(f).build());
      assertEquals(lastFrameStart, e.offset());
      assertTrue(e.getMessage().contains("only " + (frames.get(438).length - 1) + " bytes follow"), e.getMessage());
    }

    @Test
    void build_truncatedInsideFrameHeader_isTruncated() throws Exception {
      byte[] plain = first100k();
      Path f = write("t.dat", concat(plain, new byte[] {(byte) 0xf9, (byte) 0xbe, (byte) 0xb4}));
      BlockFileException e = assertThrows(BlockFileException.Truncated.class, () -> BlockReader.builder(f).build());
      assertEquals(plain.length, e.offset());
    }

    @Test
    void build_dirWhoseFirstFileHasUnknownMagic_isWrongMagicAtOffset0() throws Exception {
      write("blocks/blk00000.dat", concat(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, first100k()));
      BlockFileException e =
          assertThrows(BlockFileException.WrongMagic.class, () -> BlockReader.builder(tmp.resolve("blocks")).build());
      assertEquals(0, e.offset());
      assertTrue(e.getMessage().contains("deadbeef"), e.getMessage());
    }

    @Test
    void build_obfuscatedFileWithoutXorDat_isWrongMagic() throws Exception {
      byte[] obf = first100k();
      for (int i = 0; i < obf.length; i++) {
        obf[i] ^= (byte) (i % 8 + 1);
      }
      write("blocks/blk00000.dat", obf);
      assertThrows(BlockFileException.WrongMagic.class, () -> BlockReader.builder(tmp.resolve("blocks")).build());
    }

    @Test
    void build_testnetFramesWhenMainnetExpected_isWrongNetwork() throws Exception {
      byte[] tb = Files.readAllBytes(SharedData.file(RealBlocksTest.DIR + "block_testnet32768.dat"));
      Path f = write("tn.dat", frame(TESTNET3_MAGIC, tb));
      BlockFileException e = assertThrows(BlockFileException.WrongNetwork.class,
          () -> BlockReader.builder(f).expectNetwork(BtcNetwork.MAINNET).build());
      assertTrue(e.getMessage().contains("testnet3") && e.getMessage().contains("mainnet"), e.getMessage());
      assertEquals(BtcNetwork.TESTNET3, BlockReader.builder(f).build().network());
    }

    @Test
    void build_testnetFrameAfterMainnetFrames_isWrongNetworkEvenWhenLenient() throws Exception {
      byte[] plain = first100k();
      byte[] tb = Files.readAllBytes(SharedData.file(RealBlocksTest.DIR + "block_testnet32768.dat"));
      Path f = write("mix.dat", concat(plain, frame(TESTNET3_MAGIC, tb)));
      BlockFileException e = assertThrows(BlockFileException.WrongNetwork.class,
          () -> BlockReader.builder(f).lenient(true).build());
      assertEquals(plain.length, e.offset());
    }

    @Test
    void build_lengthOneOverMaximum_isBadLengthAtTheLengthField() throws Exception {
      Path f = write("l.dat", frame(MAINNET_MAGIC, RawBlockDecoder.MAX_BLOCK_SIZE + 1L, new byte[100]));
      BlockFileException e = assertThrows(BlockFileException.BadLength.class, () -> BlockReader.builder(f).build());
      assertEquals(4, e.offset());
      assertTrue(e.getMessage().contains("4000001"), e.getMessage());
    }

    @Test
    void build_lengthAtMaximumBeyondEndOfFile_isTruncatedNotBadLength() throws Exception {
      Path f = write("l.dat", frame(MAINNET_MAGIC, RawBlockDecoder.MAX_BLOCK_SIZE, new byte[100]));
      assertThrows(BlockFileException.Truncated.class, () -> BlockReader.builder(f).build());
    }

    @Test
    void build_lengthFfffffff_isBadLengthWithoutAllocating() throws Exception {
      Path f = write("l.dat", frame(MAINNET_MAGIC, 0xffffffffL, new byte[100]));
      BlockFileException e = assertThrows(BlockFileException.BadLength.class, () -> BlockReader.builder(f).build());
      assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void build_length79IsBadLengthBut80IsADecodeError() throws Exception {
      Path f79 = write("l79.dat", frame(MAINNET_MAGIC, new byte[79]));
      assertThrows(BlockFileException.BadLength.class, () -> BlockReader.builder(f79).build());
      Path f80 = write("l80.dat", frame(MAINNET_MAGIC, new byte[80]));
      BlockReader r = BlockReader.builder(f80).build();
      BlockFileException e = assertThrows(BlockFileException.Malformed.class, () -> readAll(r));
      assertTrue(e.getMessage().contains("truncated compact size"), e.getMessage());
    }

    @Test
    void blocks_corruptTxCountInsideValidFrame_isMalformedStrictAndSkippedLenient() throws Exception {
      byte[] plain = first100k();
      byte[] bad = plain.clone();
      // first block (genesis): tx count varint right after the 80-byte header, at 8 + 80
      bad[8 + 80] = (byte) 0xff; // 8-byte count: 0x0000000100000001, far more than fits
      Path f = write("m.dat", bad);
      BlockFileException e = assertThrows(BlockFileException.Malformed.class, () -> readAll(BlockReader.builder(f).build()));
      assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("cannot fit"), e.getMessage());
      BlockReader lenient = BlockReader.builder(f).lenient(true).build();
      assertEquals(438, readAll(lenient).size());
    }

    @Test
    void build_emptyDirectory_isNoBlockData() throws Exception {
      Files.createDirectories(tmp.resolve("empty"));
      BlockFileException e = assertThrows(BlockFileException.NoBlockData.class,
          () -> BlockReader.builder(tmp.resolve("empty")).build());
      assertTrue(e.getMessage().contains("no blk*.dat files"), e.getMessage());
    }

    @Test
    void build_blocksDirWhoseFilesHoldOnlyZeros_isNoBlockDataNotANullPointer() throws Exception {
      // a fresh node: Bitcoin Core pre-allocates blk files before it writes any block
      write("fresh/blk00000.dat", new byte[4096]);
      write("fresh/blk00001.dat", new byte[0]);
      BlockFileException e = assertThrows(BlockFileException.NoBlockData.class,
          () -> BlockReader.builder(tmp.resolve("fresh")).build());
      assertTrue(e.getMessage().startsWith(tmp.resolve("fresh") + ": no block in the data: only"
          + " zero bytes"), e.getMessage());
    }

    @Test
    void build_lenientSkippingEveryRegion_isNoBlockData() throws Exception {
      byte[] block = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST)).get(0);
      Path f = write("cut.dat", Arrays.copyOf(frame(MAINNET_MAGIC, block), 30));
      BlockFileException e = assertThrows(BlockFileException.NoBlockData.class,
          () -> BlockReader.builder(f).lenient(true).build());
      assertTrue(e.getMessage().contains("no block left: lenient mode skipped every region of the"
          + " data (1)"), e.getMessage());
      assertThrows(BlockFileException.Truncated.class, () -> BlockReader.builder(f).build());
    }

    @Test
    void build_missingPath_isNoBlockData() {
      assertThrows(BlockFileException.NoBlockData.class, () -> BlockReader.builder(tmp.resolve("nope")).build());
    }

    @Test
    void build_xorKeyOf7Or9Bytes_isBadXorKey() throws Exception {
      write("blocks/blk00000.dat", first100k());
      for (int n : new int[] {7, 9, 0}) {
        write("blocks/xor.dat", new byte[n]);
        BlockFileException e = assertThrows(BlockFileException.BadXorKey.class,
            () -> BlockReader.builder(tmp.resolve("blocks")).build());
        assertTrue(e.getMessage().contains("8 bytes, this file has " + n), e.getMessage());
      }
    }

    @Test
    void build_randomGarbageFile_isMalformedRawBlockNamingBothLayouts() throws Exception {
      byte[] garbage = new byte[1000];
      new Random(7).nextBytes(garbage);
      garbage[0] = 1;
      Path f = write("garbage.bin", garbage);
      BlockReader r = BlockReader.builder(f).build();
      assertEquals(BlockReader.Layout.RAW_BLOCK, r.layout());
      BlockFileException e = assertThrows(BlockFileException.Malformed.class, () -> readAll(r));
      assertTrue(e.getMessage().contains("not a framed block file"), e.getMessage());
    }

    @Test
    void build_hugeFileWithoutMagic_isBadLengthBeforeReadingIt() throws Exception {
      Path f = write("big.bin", new byte[RawBlockDecoder.MAX_BLOCK_SIZE + 1]);
      assertThrows(BlockFileException.BadLength.class, () -> BlockReader.builder(f).build());
    }

    @Test
    void build_emptyFile_isTruncated() throws Exception {
      Path f = write("empty.dat", new byte[0]);
      assertThrows(BlockFileException.Truncated.class, () -> BlockReader.builder(f).build());
    }
  }
}
