package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramedBlocksTest {

  @Test
  void decode_first100kBytes_equalsTheFileReader() throws Exception {
    byte[] data = Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
    List<DecodedBlock> inMemory = FramedBlocks.decode(data, "first-100k-blocks.dat", BtcNetwork.MAINNET);
    List<DecodedBlock> fromFile = new ArrayList<>();
    BlockReader.builder(SharedData.file(RealBlocksTest.FIRST)).build().forEach(fromFile::add);
    assertEquals(fromFile, inMemory);
    assertEquals(438, inMemory.get(438).info().height());
  }

  @Test
  void decode_demoResource_isRegtestWithHeightsFromItsGenesis() throws Exception {
    byte[] data;
    try (var in = io.tracer.bitcoin.demo.DemoSource.class.getResourceAsStream("demo-blocks.dat")) {
      data = in.readAllBytes();
    }
    List<DecodedBlock> blocks = FramedBlocks.decode(data, "demo-blocks.dat", null);
    assertEquals(BtcNetwork.REGTEST, blocks.get(0).info().network());
    assertEquals(BtcNetwork.REGTEST.genesisHash(), blocks.get(0).info().hash());
    for (int i = 0; i < blocks.size(); i++) {
      assertEquals(i, blocks.get(i).info().height());
    }
  }

  @Test
  void decode_truncatedBytes_isTruncatedNamingTheResource() throws Exception {
    byte[] data = Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
    BlockFileException e = assertThrows(BlockFileException.Truncated.class,
        () -> FramedBlocks.decode(Arrays.copyOf(data, data.length - 1), "res.dat", null));
    assertTrue(e.getMessage().startsWith("res.dat at offset "), e.getMessage());
  }

  @Test
  void decode_wrongNetwork_isWrongNetwork() throws Exception {
    byte[] data = Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
    assertThrows(BlockFileException.WrongNetwork.class, () -> FramedBlocks.decode(data, "x", BtcNetwork.REGTEST));
  }

  @Test
  void decode_garbage_isWrongMagicAndEmptyIsNoBlocks() {
    assertThrows(BlockFileException.WrongMagic.class, () -> FramedBlocks.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, "x", null));
    assertEquals(List.of(), FramedBlocks.decode(new byte[0], "x", null));
    assertEquals(List.of(), FramedBlocks.decode(new byte[100], "x", null));
  }
}
