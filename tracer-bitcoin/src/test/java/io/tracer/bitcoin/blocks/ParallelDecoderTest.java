package io.tracer.bitcoin.blocks;

import static io.tracer.bitcoin.blocks.ColumnarIngestTest.assertSameLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks decoded on several threads and joined in order give exactly the ledger of decoding them
 * one by one, on the real mainnet blocks; errors come out in block order whatever thread met them.
 * Batches of one block (the package-private constructor) make a task per block, so that the
 * 439 small blocks of first-100k interleave across workers as much as they can.
 */
class ParallelDecoderTest {
  @TempDir Path tmp;

  @Test
  void readInto_onSeveralThreads_givesTheLedgerOfOneThread() {
    Path f = SharedData.file(RealBlocksTest.FIRST);
    BlockReader reader = BlockReader.builder(f).build();
    UtxoLedger.Builder one = keyedBuilder();
    List<BlockInfo> expectedInfos = reader.readInto(one, 1);
    UtxoLedger expected = one.build();
    // threads = 1 with a limit of 0 bytes: one thread going through parts, as it does on large
    // inputs (IN_PARTS_BYTES), instead of decoding straight in
    for (int threads : new int[] {1, 2, 3, 8}) {
      for (long batch : new long[] {1, 4_096, 1 << 20}) {
        UtxoLedger.Builder lb = keyedBuilder();
        List<BlockInfo> infos = reader.readInto(lb, new ParallelDecoder(BtcNetwork.MAINNET, threads, batch, 0));
        assertEquals(expectedInfos, infos, threads + " threads, batches of " + batch + " bytes");
        assertSameLedger(expected, lb.build());
      }
    }
    assertEquals(439, expectedInfos.size());
    assertEquals(446, expected.size());
  }

  @Test
  void readInto_xorObfuscatedBlocksDirOfThreeFiles_equalsThePlainFile() throws Exception {
    // workers switch files and undo the XOR at each frame's own file offset
    List<byte[]> blocks = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST));
    byte[] key = {0x13, (byte) 0x9a, 0x07, (byte) 0xff, 0x42, 0x00, 0x5c, (byte) 0xe1};
    Path dir = Files.createDirectories(tmp.resolve("blocks"));
    int[] cuts = {0, 150, 300, blocks.size()};
    for (int f = 0; f < 3; f++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int i = cuts[f]; i < cuts[f + 1]; i++) {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {(byte) 0xf9, (byte) 0xbe, (byte) 0xb4, (byte) 0xd9}).putInt(blocks.get(i).length);
        out.writeBytes(h.array());
        out.writeBytes(blocks.get(i));
      }
      byte[] bytes = out.toByteArray();
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] ^= key[i % 8];
      }
      Files.write(dir.resolve(String.format("blk%05d.dat", f)), bytes);
    }
    Files.write(dir.resolve("xor.dat"), key);
    BlockReader reader = BlockReader.builder(dir).build();
    assertTrue(reader.obfuscated());
    UtxoLedger.Builder lb = keyedBuilder();
    List<BlockInfo> infos = reader.readInto(lb, new ParallelDecoder(BtcNetwork.MAINNET, 3, 1));
    assertEquals(439, infos.size());
    UtxoLedger.Builder plain = keyedBuilder();
    BlockReader.builder(SharedData.file(RealBlocksTest.FIRST)).build().readInto(plain, 1);
    assertSameLedger(plain.build(), lb.build());
  }

  @Test
  void decodeInto_everyRealBlockInMemory_equalsTheObjectPath() throws Exception {
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(SharedData.file("bitcoinj-blocks"))) {
      s.filter(p -> p.getFileName().toString().matches("block\\d+\\.dat")).sorted().forEach(files::add);
    }
    files.add(SharedData.file(RealBlocksTest.FIRST));
    List<byte[]> blocks = new ArrayList<>();
    for (Path p : files) {
      if (p.getFileName().toString().startsWith("block")) {
        blocks.add(Files.readAllBytes(p));
      } else {
        blocks.addAll(RealBlocksTest.frames(p));
      }
    }
    UtxoLedger.Builder lb = keyedBuilder();
    List<BlockInfo> infos = new ParallelDecoder(BtcNetwork.MAINNET, 4, 1).decodeInto(lb, blocks.size(),
        i -> blocks.get(i).length, i -> new ParallelDecoder.RawBlock(blocks.get(i), i, null, 0),
        (i, e) -> {
          throw e;
        });
    assertEquals(447, infos.size());
    for (int i = 0; i < infos.size(); i++) {
      assertEquals(i, infos.get(i).height(), "facts come back in block order");
    }
    UtxoLedger.Builder ob = UtxoLedger.builder(Chain.BITCOIN);
    RawBlockDecoder d = new RawBlockDecoder(BtcNetwork.MAINNET);
    for (int i = 0; i < blocks.size(); i++) {
      ob.addAll(d.decode(blocks.get(i), 0, blocks.get(i).length, i, null, 0).transactions());
    }
    assertSameLedger(ob.build(), lb.build());
  }

  @Test
  void strict_twoCorruptBlocks_theFirstInFileOrderIsReported() throws Exception {
    Path f = corrupt(170, 300);
    BlockReader reader = BlockReader.builder(f).build();
    long at170 = frameOffset(Files.readAllBytes(f), 170);
    for (ParallelDecoder decoder : new ParallelDecoder[] {new ParallelDecoder(BtcNetwork.MAINNET, 4, 1),
        new ParallelDecoder(BtcNetwork.MAINNET, 4, 1 << 20), new ParallelDecoder(BtcNetwork.MAINNET, 1, 4_096, 0)}) {
      BlockFileException.Malformed e = assertThrows(BlockFileException.Malformed.class,
          () -> reader.readInto(keyedBuilder(), decoder));
      assertEquals(f, e.file());
      assertTrue(e.getMessage().endsWith("(block starts at offset " + (at170 + 8) + ")"), e.getMessage());
      assertTrue(e.offset() > at170 && e.offset() < frameOffset(Files.readAllBytes(f), 171), e.getMessage());
    }
  }

  @Test
  void lenient_skipsEachCorruptBlock_likeOneThreadDoes() throws Exception {
    Path f = corrupt(170, 300);
    BlockReader reader = BlockReader.builder(f).lenient(true).build();
    UtxoLedger.Builder one = keyedBuilder();
    List<BlockInfo> expectedInfos = reader.readInto(one, 1);
    assertEquals(437, expectedInfos.size());
    UtxoLedger expected = one.build();
    for (ParallelDecoder decoder : new ParallelDecoder[] {new ParallelDecoder(BtcNetwork.MAINNET, 3, 1),
        new ParallelDecoder(BtcNetwork.MAINNET, 3, 1 << 20), new ParallelDecoder(BtcNetwork.MAINNET, 1, 4_096, 0)}) {
      UtxoLedger.Builder lb = keyedBuilder();
      assertEquals(expectedInfos, reader.readInto(lb, decoder));
      assertSameLedger(expected, lb.build());
    }
  }

  @Test
  void decodeInto_skippedBlocksAreNullInTheirPlace() throws Exception {
    List<byte[]> blocks = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST)).subList(0, 20);
    byte[] bad = Arrays.copyOf(blocks.get(7), 50); // cut inside the header's successor
    List<byte[]> withBad = new ArrayList<>(blocks);
    withBad.set(7, bad);
    List<Integer> skipped = new ArrayList<>();
    List<BlockInfo> infos = new ParallelDecoder(BtcNetwork.MAINNET, 2, 1).decodeInto(keyedBuilder(), 20,
        i -> withBad.get(i).length, i -> new ParallelDecoder.RawBlock(withBad.get(i), i, null, 0),
        (i, e) -> skipped.add(i));
    assertEquals(List.of(7), skipped);
    assertEquals(20, infos.size());
    assertNull(infos.get(7));
    assertEquals(8, infos.get(8).height());
  }

  @Test
  void decodeInto_aLoaderFailure_reachesTheCaller_andNoWorkerIsLeftRunning() throws Exception {
    List<byte[]> blocks = RealBlocksTest.frames(SharedData.file(RealBlocksTest.FIRST));
    BlockFileException.Unreadable boom =
        new BlockFileException.Unreadable(Path.of("blk00000.dat"), 1234, "disk gone", null);
    AtomicInteger running = new AtomicInteger();
    BlockFileException.Unreadable e = assertThrows(BlockFileException.Unreadable.class,
        () -> new ParallelDecoder(BtcNetwork.MAINNET, 4, 1).decodeInto(keyedBuilder(), blocks.size(),
            i -> blocks.get(i).length,
            i -> {
              running.incrementAndGet();
              try {
                if (i == 100) {
                  throw boom;
                }
                return new ParallelDecoder.RawBlock(blocks.get(i), i, null, 0);
              } finally {
                running.decrementAndGet();
              }
            },
            (i, err) -> {
              throw err;
            }));
    assertSame(boom, e);
    assertEquals(0, running.get(), "decodeInto returns only once its workers have stopped");
    // and the pool's threads end (a worker thread may take a moment to exit after its last task)
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("tracer-decode-")) {
        t.join(10_000);
        assertFalse(t.isAlive(), t.getName() + " is still running");
      }
    }
  }

  @Test
  void constructor_rejectsNoThreads() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelDecoder(BtcNetwork.MAINNET, 0));
    assertTrue(ParallelDecoder.defaultThreads() >= 1);
  }

  // ---- helpers ----

  private static UtxoLedger.Builder keyedBuilder() {
    return UtxoLedger.builder(Chain.BITCOIN).addressCodec(BitcoinAddressKeys.of(BtcNetwork.MAINNET));
  }

  private static long frameOffset(byte[] file, int block) {
    ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int p = 0;
    for (int i = 0; i < block; i++) {
      p += 8 + bb.getInt(p + 4);
    }
    return p;
  }

  /** first-100k with the tx count of each given block made far too large to fit. */
  private Path corrupt(int... blocks) throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
    for (int b : blocks) {
      bytes[(int) frameOffset(bytes, b) + 8 + 80] = (byte) 0xfe;
    }
    Path f = tmp.resolve("corrupt.dat");
    Files.write(f, bytes);
    return f;
  }
}
