package io.tracer.core.index;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built ledger stores block fields per block, version, lock time, sequence and vsize in small
 * codes, values in four bytes: every value the builder accepts must come back exactly, whatever
 * the shape of the data and the order it was added in.
 */
class UtxoLedgerPackingTest {

  private static UtxoTx tx(String name, long height, int pos, long time, long version, long lock,
      int vsize, long seq, long value) {
    TxIn in = seq == 0xffffffffL && name.startsWith("cb")
        ? TxIn.coinbase(seq)
        : TxIn.unresolved(new OutPoint(id("elsewhere-" + name), 3), seq);
    return new UtxoTx(id(name), BlockRef.of(height, pos, Instant.ofEpochSecond(time)), version, lock,
        vsize, List.of(in), List.of(new TxOut(0, addr("to-" + name), value, OutputType.P2PKH)));
  }

  @Test
  void oddFieldValues_roundTripThroughTransactionAndIndexApi() {
    List<UtxoTx> txs = List.of(
        tx("cb-a", 0, 0, 1_231_006_505L, 1, 0, 134, 0xffffffffL, 5_000_000_000L),
        tx("b", 1, 0, 0xffff_ffffL, 0xffff_ffffL, 0xffff_ffffL, Integer.MAX_VALUE, 0, Long.MAX_VALUE),
        tx("c", 1, 1, 0xffff_ffffL, 2, 500_000_000L, 65_535, 0xfffffffeL, 2_099_999_997_690_000L),
        tx("d", 1, 2, 0xffff_ffffL, 3, 1, 65_534, 0xfffffffdL, 0),
        tx("e", 1, 3, 0xffff_ffffL, 0, 840_000L, 0, 0x80000000L, Integer.MAX_VALUE + 1L),
        tx("f", 2, 0, 0, 1, 0, 1_000_000, 1, 123_456_789_012_345L),
        tx("g", 2, 1, 0, 1, 0, 250, 0xfffffffcL, 1));
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    for (int i = 0; i < txs.size(); i++) {
      UtxoTx want = txs.get(i);
      assertEquals(want, l.transaction(want.id()).orElseThrow(), want.id().toString());
      assertEquals(want.block(), l.block(i));
      assertEquals(want.block().height(), l.height(i));
      assertEquals(want.block().position(), l.position(i));
      assertEquals(want.outputs().get(0).value(), l.outputValue(l.outputStart(i)));
    }
  }

  @Test
  void unknownHeights_gaps_duplicatePositions_outOfOrder_andDuplicates_keepEveryBlockField() {
    List<UtxoTx> added = new ArrayList<>();
    added.add(tx("u2", BlockRef.UNKNOWN_HEIGHT, 1, 50, 1, 0, 200, 0xffffffffL, 10));
    added.add(tx("x7", 7, 9, 700, 1, 0, 200, 0xffffffffL, 10)); // partial block: positions 9, 4, 5
    added.add(tx("x4", 7, 4, 700, 1, 0, 200, 0xffffffffL, 10));
    added.add(tx("x5", 7, 5, 700, 1, 0, 200, 0xffffffffL, 10));
    added.add(tx("u1", BlockRef.UNKNOWN_HEIGHT, 0, 50, 1, 0, 200, 0xffffffffL, 10));
    added.add(tx("u1b", BlockRef.UNKNOWN_HEIGHT, 1, 50, 1, 0, 200, 0xffffffffL, 10)); // same position as u2
    added.add(tx("cb-9", 9, 0, 900, 1, 0, 200, 0xffffffffL, 5_000_000_000L)); // height 8 missing
    added.add(tx("y", 9, 1, 901, 1, 0, 200, 0xffffffffL, 10)); // same height, another time
    added.add(tx("x4", 7, 4, 700, 1, 0, 200, 0xffffffffL, 10)); // duplicate: dropped
    added.add(tx("cb-10", 10, 0, 960, 1, 0, 200, 0xffffffffL, 5_000_000_000L));
    added.add(tx("z", 10, 0, 960, 1, 0, 200, 0xffffffffL, 10)); // position 0 twice in a block
    added.add(tx("w", 2_000_000_000L, 3, 5, 1, 0, 200, 0xffffffffL, 10));
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(added).build();

    // expected order: height (unknown last), then position, ties in the order added, first copy kept
    Map<TxId, UtxoTx> distinct = new LinkedHashMap<>();
    for (UtxoTx t : added) {
      distinct.putIfAbsent(t.id(), t);
    }
    List<UtxoTx> expected = distinct.values().stream()
        .sorted(Comparator.comparingLong((UtxoTx t) -> t.block().height())
            .thenComparingInt(t -> t.block().position()))
        .collect(Collectors.toList());
    assertEquals(List.of("x4", "x5", "x7", "cb-9", "y", "cb-10", "z", "w", "u1", "u2", "u1b"),
        expected.stream().map(t -> nameOf(t)).collect(Collectors.toList()));
    assertEquals(expected.size(), l.size());
    for (int i = 0; i < expected.size(); i++) {
      UtxoTx want = expected.get(i);
      assertEquals(i, l.indexOf(want.id()));
      assertEquals(want.block(), l.block(i));
      assertEquals(want.block().height(), l.height(i));
      assertEquals(want.block().position(), l.position(i));
      assertEquals(want, l.transaction(want.id()).orElseThrow());
    }
    assertEquals(expected, l.transactions().collect(Collectors.toList()));
  }

  @Test
  void seededRandomLedger_roundTripsEveryTransaction() {
    Random r = new Random(20240611L);
    List<UtxoTx> added = new ArrayList<>();
    long height = 100;
    long time = 1_600_000_000L;
    for (int b = 0; b < 120; b++) {
      height += r.nextInt(10) == 0 ? 2 : 1;
      time += r.nextInt(1200) - 200;
      int txs = 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 4);
      int pos = r.nextInt(20) == 0 ? r.nextInt(50) : 0;
      for (int t = 0; t < txs; t++, pos += r.nextInt(15) == 0 ? 2 : 1) {
        long version = r.nextInt(8) == 0 ? r.nextInt() & 0xffffffffL : 1 + r.nextInt(2);
        long lock = r.nextInt(3) == 0 ? r.nextInt() & 0xffffffffL : 0;
        int vsize = r.nextInt(10) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(2000);
        long seq = switch (r.nextInt(6)) {
          case 0 -> 0xfffffffeL;
          case 1 -> 0xfffffffdL;
          case 2 -> 0;
          case 3 -> r.nextInt() & 0xffffffffL;
          default -> 0xffffffffL;
        };
        long value = switch (r.nextInt(4)) {
          case 0 -> r.nextLong() & Long.MAX_VALUE;
          case 1 -> (1 + r.nextInt(1000)) * 100_000_000L;
          default -> r.nextInt(Integer.MAX_VALUE);
        };
        long h = r.nextInt(40) == 0 ? BlockRef.UNKNOWN_HEIGHT : height;
        added.add(tx("r" + b + "-" + t, h, pos, time & 0xffffffffL, version, lock, vsize, seq, value));
      }
    }
    List<UtxoTx> shuffled = new ArrayList<>(added);
    java.util.Collections.shuffle(shuffled, r);
    UtxoLedger inOrder = UtxoLedger.builder(Chain.BITCOIN).addAll(added).build();
    UtxoLedger outOfOrder = UtxoLedger.builder(Chain.BITCOIN).addAll(shuffled).build();
    for (UtxoTx want : added) {
      assertEquals(want, inOrder.transaction(want.id()).orElseThrow());
      assertEquals(want, outOfOrder.transaction(want.id()).orElseThrow());
      int i = outOfOrder.indexOf(want.id());
      assertEquals(want.block(), outOfOrder.block(i));
      assertEquals(want.block().position(), outOfOrder.position(i));
      assertEquals(want.block().height(), outOfOrder.height(i));
    }
  }

  private static String nameOf(UtxoTx t) {
    for (String n : List.of("x4", "x5", "x7", "cb-9", "y", "cb-10", "z", "w", "u1", "u2", "u1b")) {
      if (id(n).equals(t.id())) {
        return n;
      }
    }
    throw new AssertionError(t.id());
  }
}
