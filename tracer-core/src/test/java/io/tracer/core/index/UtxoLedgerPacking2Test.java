package io.tracer.core.index;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The second round of packing: version and lock time in one byte (lock time relative to the
 * block height), output types in nibbles, spenders of spent outputs only, external inputs without
 * address and value. Every encoding's common case and each of its exception paths round-trip.
 */
class UtxoLedgerPacking2Test {

  // ---- version and lock time ----

  private static void assertVersionLock(int[] version, int[] lock, int[] height, long wantBytes) {
    VersionLockColumn c = VersionLockColumn.of(version.length, i -> version[i], i -> lock[i], i -> height[i]);
    for (int i = 0; i < version.length; i++) {
      assertEquals(version[i], c.version(i), "version " + i);
      assertEquals(lock[i], c.lockTime(i, height[i]), "lock time " + i);
    }
    assertEquals(wantBytes, c.bytes());
  }

  @Test
  void versionLock_commonPairs_costOneByteEach() {
    int below = VersionLockColumn.MAX_BELOW;
    assertVersionLock(
        new int[] {1, 2, 1, 2, 2, 1, 2},
        new int[] {0, 0, 800_000, 800_000 - 1, 800_000 - below, 100, 0},
        new int[] {800_000, 800_000, 800_000, 800_000, 800_000, 100 + below, -1},
        7);
  }

  @Test
  void versionLock_unknownHeightWithLockTime_isAnException() {
    assertVersionLock(new int[] {2, 1}, new int[] {800_000, 1}, new int[] {-1, -1}, 2 + 2 * 8);
  }

  @Test
  void versionLock_lockTimeAboveTheHeight_isAnException() {
    assertVersionLock(new int[] {2, 1}, new int[] {800_001, 1}, new int[] {800_000, 0}, 2 + 2 * 8);
  }

  @Test
  void versionLock_lockTimeJustPastTheRangeBelowTheHeight_isAnException() {
    int h = 800_000;
    int past = h - VersionLockColumn.MAX_BELOW - 1;
    assertVersionLock(new int[] {2, 2}, new int[] {past, h - 251}, new int[] {h, h}, 2 + 2 * 8);
  }

  @Test
  void versionLock_timeBasedAndUnsignedLockTimes_areExceptions() {
    assertVersionLock(new int[] {1, 2}, new int[] {1_700_000_000, 0xffff_ffff}, new int[] {800_000, 800_000},
        2 + 2 * 8);
  }

  @Test
  void versionLock_otherVersions_areExceptions_withOrWithoutLockTime() {
    // version 3 with lock time 0 stores only the version; with a lock time, both
    assertVersionLock(new int[] {3, 3, 0, 0xffff_ffff}, new int[] {0, 800_000, 0, 7},
        new int[] {800_000, 800_000, 5, -1}, 4 + 4 * 8 + 2 * 8);
  }

  @Test
  void versionLock_throughTheLedger_roundTripsEveryCase() {
    long h = 840_000;
    List<UtxoTx> txs = new ArrayList<>();
    long[][] cases = { // version, lock time, height
      {1, 0, h}, {2, h, h}, {2, h - 1, h}, {2, h - VersionLockColumn.MAX_BELOW, h},
      {2, h - VersionLockColumn.MAX_BELOW - 1, h}, {2, h - 251, h}, {1, h + 1, h},
      {3, 0, h}, {3, h, h}, {0xffff_ffffL, 0xffff_ffffL, h}, {2, 1_700_000_000L, h},
      {2, 5, BlockRef.UNKNOWN_HEIGHT}, {1, 0, BlockRef.UNKNOWN_HEIGHT}, {2, 3, 3}, {2, 1, 0}, {1, 0, 0}
    };
    for (int i = 0; i < cases.length; i++) {
      long[] c = cases[i];
      txs.add(new UtxoTx(id("vl" + i), BlockRef.of(c[2], i, Instant.ofEpochSecond(1_700_000_000L)), c[0], c[1],
          200, List.of(TxIn.unresolved(new OutPoint(id("p" + i), 0), 0xfffffffdL)),
          List.of(new TxOut(0, addr("vl-to" + i), 1000, OutputType.P2WPKH))));
    }
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    for (UtxoTx want : txs) {
      UtxoTx got = l.transaction(want.id()).orElseThrow();
      assertEquals(want.version(), got.version(), want.id().toString());
      assertEquals(want.lockTime(), got.lockTime(), want.id().toString());
      assertEquals(want, got);
    }
  }

  // ---- output types ----

  @Test
  void nibbles_roundTripEveryValue_oddAndEvenSizes_andCheckTheRange() {
    byte[] v = new byte[33];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) ((i * 7) % Nibbles.LIMIT);
    }
    for (int size : new int[] {0, 1, 32, 33}) {
      Nibbles n = Nibbles.of(v, size);
      for (int i = 0; i < size; i++) {
        assertEquals(v[i], n.get(i), "entry " + i + " of " + size);
      }
      assertEquals((size + 1) / 2, n.bytes());
      assertThrows(IndexOutOfBoundsException.class, () -> n.get(size));
    }
    assertThrows(IllegalArgumentException.class, () -> Nibbles.of(new byte[] {16}, 1));
  }

  @Test
  void everyOutputType_roundTripsThroughTheNibbles() {
    OutputType[] all = OutputType.values();
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < 2 * all.length + 1; i++) { // each type at an even and at an odd index
      outs.add(new TxOut(i, addr("nib" + i), i, all[i % all.length]));
    }
    UtxoTx tx = new UtxoTx(id("nibbles"), BlockRef.of(5, 0, Instant.ofEpochSecond(1)), 1, 0, 300,
        List.of(TxIn.coinbase(0xffffffffL)), outs);
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(tx).build();
    assertEquals(tx, l.transaction(tx.id()).orElseThrow());
    for (int o = 0; o < outs.size(); o++) {
      assertEquals(outs.get(o).type(), l.outputType(o), "output " + o);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> l.outputType(outs.size()));
  }

  // ---- inputs whose spent output is not loaded ----

  private static UtxoTx spending(String name, List<TxIn> ins) {
    return new UtxoTx(id(name), BlockRef.of(7, 1, Instant.ofEpochSecond(1)), 2, 0, 250, ins,
        List.of(new TxOut(0, addr("to-" + name), 5, OutputType.P2TR)));
  }

  private static void assertExternalsRoundTrip(UtxoTx tx) {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(tx).build();
    assertEquals(tx, l.transaction(tx.id()).orElseThrow());
    for (int g = 0; g < tx.inputs().size(); g++) {
      TxIn in = tx.inputs().get(g);
      assertEquals(in.prevout(), l.prevout(g).orElseThrow(), "prevout " + g);
      assertEquals(in.isResolved() ? in.value() : -1, l.inputValue(g), "value " + g);
      assertEquals(-1, l.spentOutput(g));
    }
  }

  @Test
  void externalInputs_withoutAddressOrValue_roundTrip_includingLargeOutputIndices() {
    assertExternalsRoundTrip(spending("ext-none", List.of(
        TxIn.unresolved(new OutPoint(id("x1"), 0), 0xffffffffL),
        TxIn.unresolved(new OutPoint(id("x2"), 0xfffe), 0xffffffffL),
        TxIn.unresolved(new OutPoint(id("x3"), 0xffff), 0xffffffffL),
        TxIn.unresolved(new OutPoint(id("x4"), Integer.MAX_VALUE), 0xffffffffL))));
  }

  @Test
  void externalInputs_someWithAddressOrValue_keepThemExactly() {
    assertExternalsRoundTrip(spending("ext-some", List.of(
        TxIn.unresolved(new OutPoint(id("y1"), 1), 0xffffffffL),
        TxIn.resolved(new OutPoint(id("y2"), 70_000), addr("from-y2"), 12_345, 0xfffffffdL),
        new TxIn(new OutPoint(id("y3"), 2), null, 999, 0xffffffffL)))); // a value without address
    assertExternalsRoundTrip(spending("ext-addr-only", List.of(
        TxIn.unresolved(new OutPoint(id("z1"), 1), 0xffffffffL),
        new TxIn(new OutPoint(id("z2"), 3), addr("from-z2"), TxIn.UNKNOWN_VALUE, 0xffffffffL))));
  }

  @Test
  void externalInputs_withoutAddressOrValue_costNeitherColumn() {
    OutPoint p1 = new OutPoint(id("w1"), 1);
    OutPoint p2 = new OutPoint(id("w2"), 2);
    long bare = footprint(TxIn.unresolved(p1, 0xffffffffL), TxIn.unresolved(p2, 0xffffffffL));
    // a value given with one input: the value column (8 bytes an external input) appears
    long valued = footprint(TxIn.unresolved(p1, 0xffffffffL), new TxIn(p2, null, 10, 0xffffffffL));
    assertEquals(2 * 8, valued - bare);
    // an address (already held: the transaction's own output's) given: the address column appears
    long addressed = footprint(TxIn.unresolved(p1, 0xffffffffL),
        new TxIn(p2, addr("to-w"), TxIn.UNKNOWN_VALUE, 0xffffffffL));
    assertEquals(2 * 4, addressed - bare);
  }

  private static long footprint(TxIn... ins) {
    return UtxoLedger.builder(Chain.BITCOIN).add(spending("w", List.of(ins))).build().footprintBytes();
  }

  // ---- spenders ----

  @Test
  void spenderColumn_holdsSpendersOfSpentOutputsOnly_acrossWordBoundaries() {
    int[] spenders = new int[200];
    java.util.Arrays.fill(spenders, -1);
    int[] spentAt = {0, 1, 63, 64, 65, 127, 128, 199};
    for (int j = 0; j < spentAt.length; j++) {
      spenders[spentAt[j]] = 1000 + j;
    }
    spenders[100] = 0; // input 0 is a spender too
    SpenderColumn c = SpenderColumn.of(spenders, spenders.length);
    for (int o = 0; o < spenders.length; o++) {
      assertEquals(spenders[o], c.get(o), "output " + o);
    }
    assertEquals(9, c.spentCount());
    assertEquals(8L * 4 + 4L * 4 + 4L * 9, c.bytes());
    assertThrows(IndexOutOfBoundsException.class, () -> c.get(200));
    assertThrows(IndexOutOfBoundsException.class, () -> c.get(-1));
  }

  @Test
  void spenderColumn_allUnspent_andEmpty() {
    SpenderColumn none = SpenderColumn.of(new int[] {-1, -1, -1}, 3);
    assertEquals(-1, none.get(2));
    assertEquals(0, none.spentCount());
    SpenderColumn empty = SpenderColumn.of(new int[0], 0);
    assertEquals(0, empty.bytes());
    assertThrows(IndexOutOfBoundsException.class, () -> empty.get(0));
  }

  @Test
  void spenders_throughTheLedger_firstSpenderInChainOrder() {
    Instant t = Instant.ofEpochSecond(1_600_000_000L);
    List<TxOut> fund = new ArrayList<>();
    for (int i = 0; i < 70; i++) { // more than one word of outputs
      fund.add(new TxOut(i, addr("f" + i), 100 + i, OutputType.P2WPKH));
    }
    UtxoTx funding = new UtxoTx(id("fund"), BlockRef.of(1, 0, t), 1, 0, 900, List.of(TxIn.coinbase(0xffffffffL)), fund);
    UtxoTx a = new UtxoTx(id("a"), BlockRef.of(2, 0, t), 2, 0, 200,
        List.of(TxIn.unresolved(new OutPoint(id("fund"), 66), 0xffffffffL),
            TxIn.unresolved(new OutPoint(id("fund"), 3), 0xffffffffL)),
        List.of(new TxOut(0, addr("a0"), 1, OutputType.P2TR)));
    UtxoTx b = new UtxoTx(id("b"), BlockRef.of(3, 0, t), 2, 0, 200,
        List.of(TxIn.unresolved(new OutPoint(id("fund"), 3), 0xffffffffL)), // a double spend
        List.of(new TxOut(0, addr("b0"), 1, OutputType.P2TR)));
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(List.of(b, a, funding)).build();
    for (int o = 0; o < 70; o++) {
      int want = o == 66 ? l.inputStart(1) : o == 3 ? l.inputStart(1) + 1 : -1;
      assertEquals(want, l.spenderInput(o), "output " + o);
      assertEquals(want < 0 ? -1 : 1, l.spenderTx(o), "output " + o);
    }
    assertEquals(-1, l.spenderInput(l.outputStart(2)));
    assertEquals(id("a"), l.spender(new OutPoint(id("fund"), 3)).orElseThrow().txId());
    assertTrue(l.spender(new OutPoint(id("fund"), 4)).isEmpty());
    assertThrows(IndexOutOfBoundsException.class, () -> l.spenderInput(l.outputTotal()));
  }
}
