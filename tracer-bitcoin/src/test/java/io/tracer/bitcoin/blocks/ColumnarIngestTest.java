package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columnar ingest path ({@link BlockReader#readInto}, {@link RawBlockDecoder#decodeInto})
 * must give exactly the ledger that the object path ({@link RawBlockDecoder#decode} → {@link
 * UtxoTx} → {@link UtxoLedger.Builder#add}) gives, on every real block.
 */
class ColumnarIngestTest {
  @TempDir Path tmp;

  @Test
  void readInto_first100k_equalsTheObjectPathLedger() {
    Path f = SharedData.file(RealBlocksTest.FIRST);
    UtxoLedger expected = objectPath(List.of(f), BtcNetwork.MAINNET);
    assertSameLedger(expected, columnar(List.of(f), BtcNetwork.MAINNET));
    assertSameLedger(expected, keyed(List.of(f), BtcNetwork.MAINNET));
  }

  @Test
  void readInto_everyMainnetRawBlockTogether_equalsTheObjectPathLedger() throws Exception {
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(SharedData.file("bitcoinj-blocks"))) {
      s.filter(p -> p.getFileName().toString().matches("block\\d+\\.dat")).sorted().forEach(files::add);
    }
    assertEquals(8, files.size());
    UtxoLedger expected = objectPath(files, BtcNetwork.MAINNET);
    assertSameLedger(expected, columnar(files, BtcNetwork.MAINNET));
    assertSameLedger(expected, keyed(files, BtcNetwork.MAINNET));
    assertTrue(expected.unresolvedInputs() > 17_000, "the sample's raw blocks are isolated");
  }

  @Test
  void build_transactionsAddedInReverseChainOrder_areSortedIntoTheSameLedger() {
    List<UtxoTx> txs = new ArrayList<>();
    BlockReader.builder(SharedData.file(RealBlocksTest.FIRST)).build().forEach(b -> txs.addAll(b.transactions()));
    Collections.reverse(txs);
    UtxoLedger.Builder reversed = UtxoLedger.builder(Chain.BITCOIN);
    reversed.addAll(txs);
    reversed.addAll(txs.subList(0, 50)); // loaded twice: the first copy in chain order stays
    UtxoLedger got = reversed.build();
    assertEquals(446, got.size());
    assertSameLedger(columnar(List.of(SharedData.file(RealBlocksTest.FIRST)), BtcNetwork.MAINNET), got);
  }

  @Test
  void readInto_testnetBlocks_equalTheObjectPathLedger() throws Exception {
    for (String name : List.of("block_testnet21066.dat", "block_testnet32768.dat", "block_testnet700000.dat")) {
      List<Path> f = List.of(SharedData.file(RealBlocksTest.DIR + name));
      assertSameLedger(objectPath(f, BtcNetwork.TESTNET3), columnar(f, BtcNetwork.TESTNET3));
      assertSameLedger(objectPath(f, BtcNetwork.TESTNET3), keyed(f, BtcNetwork.TESTNET3));
    }
  }

  @Test
  void readInto_lenientSkipsACorruptBlockAndLeavesNothingOfIt() throws Exception {
    byte[] plain = Files.readAllBytes(SharedData.file(RealBlocksTest.FIRST));
    byte[] bad = plain.clone();
    // block 170's frame: find it by walking frames, then make its tx count far too large
    int at = 0;
    int target = -1;
    for (int i = 0; at + 8 <= bad.length; i++) {
      int len = (bad[at + 4] & 0xff) | (bad[at + 5] & 0xff) << 8 | (bad[at + 6] & 0xff) << 16 | (bad[at + 7] & 0xff) << 24;
      if (i == 170) {
        target = at;
        bad[at + 8 + 80] = (byte) 0xfe; // 4-byte count from the next bytes: cannot fit
        break;
      }
      at += 8 + len;
    }
    assertTrue(target > 0);
    Path f = tmp.resolve("bad.dat");
    Files.write(f, bad);
    assertThrows(BlockFileException.Malformed.class,
        () -> BlockReader.builder(f).build().readInto(UtxoLedger.builder(Chain.BITCOIN)));
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    List<BlockInfo> infos = BlockReader.builder(f).lenient(true).build().readInto(lb);
    assertEquals(438, infos.size());
    UtxoLedger got = lb.build();
    // the object path over the same file, lenient, skips the same block
    UtxoLedger.Builder ob = UtxoLedger.builder(Chain.BITCOIN);
    BlockReader.builder(f).lenient(true).build().forEach(b -> ob.addAll(b.transactions()));
    UtxoLedger expected = ob.build();
    assertEquals(444, expected.size(), "block 170 held 2 of the 446 transactions");
    assertSameLedger(expected, got);
  }

  @Test
  void builder_rollback_forgetsTransactionsAndAddresses() {
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    UtxoLedger.Builder same = UtxoLedger.builder(Chain.BITCOIN);
    BlockReader.builder(SharedData.file(RealBlocksTest.FIRST)).build().forEach(b -> {
      if (b.info().height() < 10) {
        lb.addAll(b.transactions());
        same.addAll(b.transactions());
      }
    });
    UtxoLedger before = same.build();
    long mark = lb.mark();
    lb.beginTx(1, 2, 3, 4, 11, 0, 1_231_000_000L, 1, 0, 100).coinbaseInput(0xffffffffL)
        .output(50, io.tracer.core.model.OutputType.P2PKH, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT".getBytes(), 0, 34);
    lb.rollback(mark);
    UtxoLedger after = lb.build();
    assertSameLedger(before, after);
    assertEquals(before.addressCount(), after.addressCount());
  }

  // ---- helpers ----

  static UtxoLedger objectPath(List<Path> files, BtcNetwork network) {
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    for (Path f : files) {
      BlockReader.builder(f).expectNetwork(network).build().forEach(b -> lb.addAll(b.transactions()));
    }
    return lb.build();
  }

  static UtxoLedger columnar(List<Path> files, BtcNetwork network) {
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    for (Path f : files) {
      BlockReader.builder(f).expectNetwork(network).build().readInto(lb);
    }
    return lb.build();
  }

  /** The btc-blocks way: columns with addresses as {@link BitcoinAddressKeys}. */
  static UtxoLedger keyed(List<Path> files, BtcNetwork network) {
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN).addressCodec(BitcoinAddressKeys.of(network));
    for (Path f : files) {
      BlockReader.builder(f).expectNetwork(network).build().readInto(lb);
    }
    return lb.build();
  }

  static void assertSameLedger(UtxoLedger expected, UtxoLedger actual) {
    assertEquals(expected.size(), actual.size(), "transactions");
    assertEquals(expected.unresolvedInputs(), actual.unresolvedInputs(), "unresolved inputs");
    assertEquals(expected.addressCount(), actual.addressCount(), "addresses");
    assertEquals(expected.outputTotal(), actual.outputTotal(), "outputs");
    assertEquals(expected.inputTotal(), actual.inputTotal(), "inputs");
    List<UtxoTx> e = expected.transactions().toList();
    List<UtxoTx> a = actual.transactions().toList();
    Set<Address> addresses = new LinkedHashSet<>();
    for (int i = 0; i < e.size(); i++) {
      UtxoTx x = e.get(i);
      assertEquals(x, a.get(i), "transaction " + i);
      assertEquals(BlockRef.class, x.block().getClass());
      for (TxOut o : x.outputs()) {
        addresses.add(o.address());
        OutPoint op = new OutPoint(x.id(), o.index());
        assertEquals(expected.spender(op), actual.spender(op), "spender of " + op);
      }
    }
    for (Address ad : addresses) {
      assertEquals(expected.history(ad), actual.history(ad), "history of " + ad);
    }
  }
}
