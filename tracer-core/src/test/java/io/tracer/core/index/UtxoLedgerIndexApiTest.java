package io.tracer.core.index;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.Txs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index-level API of {@link UtxoLedger} against its object API ({@link UtxoLedger#transaction}). */
class UtxoLedgerIndexApiTest {

  private static UtxoLedger small() {
    UtxoTx fund = tx("fund").height(1).coinbase().out("x", 1).out("alice", 1_000).build();
    UtxoTx spend =
        tx("spend").height(2).position(1)
            .in("fund", 1, "alice", 1_000).in("outside", 3, "carol", 50)
            .out("bob", 900).out("memo", 0, OutputType.OP_RETURN).build();
    UtxoTx parsed =
        new UtxoTx(
            id("parsed"), BlockRef.of(2, 2, Instant.ofEpochSecond(2)), 1, 0, 100,
            List.of(TxIn.unresolved(new OutPoint(id("gone"), 0), 0)),
            List.of(new TxOut(0, addr("dave"), 10, OutputType.P2PKH)));
    return UtxoLedger.builder(Chain.BITCOIN).add(spend).add(parsed).add(fund).build();
  }

  @Test
  void indexOf_heldAndMissing_chainOrderIndexOrMinusOne() {
    UtxoLedger l = small();
    assertEquals(0, l.indexOf(id("fund")));
    assertEquals(1, l.indexOf(id("spend")));
    assertEquals(2, l.indexOf(id("parsed")));
    assertEquals(-1, l.indexOf(id("outside")));
    assertEquals(id("spend"), l.txId(1));
    assertEquals(BlockRef.of(2, 1, Instant.ofEpochSecond(1_600_000_000L + 1_200)), l.block(1));
    assertEquals(2, l.height(1));
    assertEquals(1, l.position(1));
  }

  @Test
  void addressIndices_equalExactlyWhenTheAddressesAre() {
    UtxoLedger l = small();
    // outputs: fund:0 x, fund:1 alice, spend:0 bob, spend:1 memo, parsed:0 dave; inputs: spend's
    // two (alice, resolved from fund:1; carol, given with the input), parsed's (unknown)
    int alice = l.addressIndex(addr("alice"));
    assertTrue(alice >= 0);
    assertEquals(alice, l.outputAddressIndex(1));
    assertEquals(alice, l.inputAddressIndex(l.inputStart(1)));
    assertEquals(l.addressIndex(addr("carol")), l.inputAddressIndex(l.inputStart(1) + 1));
    assertEquals(-1, l.inputAddressIndex(l.inputStart(2)), "an input whose address is unknown");
    assertEquals(-1, l.addressIndex(addr("nobody")));
    assertEquals(-1, l.addressIndex(io.tracer.core.model.Address.of(Chain.LITECOIN, "alice")));
    for (int o = 0; o < l.outputTotal(); o++) {
      for (int p = 0; p < l.outputTotal(); p++) {
        assertEquals(l.outputAddress(o).equals(l.outputAddress(p)),
            l.outputAddressIndex(o) == l.outputAddressIndex(p), o + " vs " + p);
      }
      assertEquals(l.outputAddressIndex(o), l.addressIndex(l.outputAddress(o)));
    }
  }

  @Test
  void outputs_rangesValuesTypesAndSpenders_matchTransactions() {
    UtxoLedger l = small();
    assertEquals(5, l.outputTotal());
    assertEquals(4, l.inputTotal());
    assertEquals(0, l.outputStart(0));
    assertEquals(2, l.outputCount(0));
    assertEquals(2, l.outputStart(1));
    assertEquals(1_000, l.outputValue(1));
    assertEquals(OutputType.OP_RETURN, l.outputType(3));
    assertEquals(addr("bob"), l.outputAddress(2));
    assertEquals(new OutPoint(id("spend"), 1), l.outPoint(3));
    assertEquals(3, l.outputIndexOf(new OutPoint(id("spend"), 1)));
    assertEquals(-1, l.outputIndexOf(new OutPoint(id("spend"), 2)));
    assertEquals(-1, l.outputIndexOf(new OutPoint(id("outside"), 0)));
    assertEquals(1, l.spenderTx(1));
    assertEquals(1, l.spenderInput(1)); // fund's coinbase input is global input 0
    assertEquals(-1, l.spenderTx(0));
    assertEquals(-1, l.spenderInput(2));
    assertEquals(1, l.txOfOutput(3));
  }

  @Test
  void inputs_coinbaseLoadedExternalAndUnresolved_reportedAsInTxIn() {
    UtxoLedger l = small();
    assertTrue(l.isCoinbase(0));
    assertFalse(l.isCoinbase(1));
    assertTrue(l.isCoinbaseInput(0));
    assertEquals(-1, l.spentOutput(0));
    assertEquals(-1, l.inputValue(0));
    assertEquals(Optional.empty(), l.prevout(0));
    // spend: input 1 spends fund:1 (loaded), input 2 spends outside:3 (not loaded, resolved)
    assertEquals(1, l.inputStart(1));
    assertEquals(2, l.inputCount(1));
    assertEquals(1, l.spentOutput(1));
    assertEquals(1_000, l.inputValue(1));
    assertEquals(-1, l.spentOutput(2));
    assertEquals(50, l.inputValue(2));
    assertEquals(Optional.of(new OutPoint(id("outside"), 3)), l.prevout(2));
    // parsed: prevout only, funding not loaded: value unknown
    assertEquals(-1, l.spentOutput(3));
    assertEquals(-1, l.inputValue(3));
    assertEquals(2, l.txOfInput(3));
  }

  @Test
  void indexApi_outOfRange_throwsIndexOutOfBounds() {
    UtxoLedger l = small();
    assertThrows(IndexOutOfBoundsException.class, () -> l.txId(3));
    assertThrows(IndexOutOfBoundsException.class, () -> l.outputStart(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> l.outputValue(5));
    assertThrows(IndexOutOfBoundsException.class, () -> l.spentOutput(4));
    assertThrows(IndexOutOfBoundsException.class, () -> l.txOfOutput(5));
  }

  @Test
  void indexApi_randomLedgerWithEmptyTransactions_agreesWithMaterializedTransactions() {
    Random rnd = new Random(7);
    List<UtxoTx> txs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Txs.Builder b = tx("r" + i).height(1 + i / 10).position(1 + i % 10);
      int nIn = rnd.nextInt(3); // 0 inputs happens: an index range of length 0
      for (int k = 0; k < nIn; k++) {
        String funding = i == 0 || rnd.nextInt(5) == 0 ? "ext" + i + "-" + k : "r" + rnd.nextInt(i);
        b.in(funding, rnd.nextInt(3), "a" + rnd.nextInt(9), 1 + rnd.nextInt(1000));
      }
      int nOut = rnd.nextInt(4); // 0 outputs happens too
      for (int k = 0; k < nOut; k++) {
        b.out("a" + rnd.nextInt(9), rnd.nextInt(1000), rnd.nextInt(9) == 0 ? OutputType.OP_RETURN : OutputType.P2WPKH);
      }
      txs.add(b.build());
    }
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    for (int t = 0; t < l.size(); t++) {
      UtxoTx m = l.transaction(l.txId(t)).orElseThrow();
      assertEquals(t, l.indexOf(m.id()));
      assertEquals(m.block(), l.block(t));
      assertEquals(m.isCoinbase(), l.isCoinbase(t));
      assertEquals(m.outputs().size(), l.outputCount(t));
      assertEquals(m.inputs().size(), l.inputCount(t));
      for (int j = 0; j < m.outputs().size(); j++) {
        int o = l.outputStart(t) + j;
        TxOut out = m.output(j);
        assertEquals(t, l.txOfOutput(o));
        assertEquals(out.value(), l.outputValue(o));
        assertEquals(out.type(), l.outputType(o));
        assertEquals(out.address(), l.outputAddress(o));
        assertEquals(m.outPoint(j), l.outPoint(o));
        Optional<InPoint> sp = l.spender(m.outPoint(j));
        assertEquals(sp.map(p -> l.indexOf(p.txId())).orElse(-1), l.spenderTx(o));
        assertEquals(sp.map(p -> l.inputStart(l.indexOf(p.txId())) + p.index()).orElse(-1), l.spenderInput(o));
      }
      for (int k = 0; k < m.inputs().size(); k++) {
        int g = l.inputStart(t) + k;
        TxIn in = m.inputs().get(k);
        assertEquals(t, l.txOfInput(g));
        assertEquals(in.isCoinbase(), l.isCoinbaseInput(g));
        assertEquals(in.isResolved() ? in.value() : -1, l.inputValue(g));
        if (!in.isCoinbase()) {
          assertEquals(Optional.of(in.prevout()), l.prevout(g));
          int spent = l.spentOutput(g);
          assertEquals(l.outputIndexOf(in.prevout()), spent);
        }
      }
    }
  }
}
