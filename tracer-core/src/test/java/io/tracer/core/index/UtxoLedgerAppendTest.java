package io.tracer.core.index;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
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
 * {@link UtxoLedger.Builder#append}: parts filled separately (as decoding threads do, one block
 * each) and joined in order give exactly the ledger of adding every transaction to one builder.
 */
class UtxoLedgerAppendTest {
  // block 1: a coinbase to alice; block 2: alice pays bob (spends block 1), an input that carries
  // its own address (an ETL-style pre-resolved input) from carol; block 3: bob pays alice back
  private static final UtxoTx CB = tx("cb").height(1).coinbase().out("alice", 5_000).out("miner", 7).build();
  private static final UtxoTx PAY = spend("pay", 2,
      List.of(TxIn.unresolved(new OutPoint(id("cb"), 0), 0xffffffffL),
          TxIn.resolved(new OutPoint(id("elsewhere"), 4), addr("carol"), 300, 0xfffffffdL)),
      List.of(new TxOut(0, addr("bob"), 4_000, OutputType.P2PKH), new TxOut(1, addr("alice"), 1_200, OutputType.P2WPKH)));
  private static final UtxoTx BACK = spend("back", 3,
      List.of(TxIn.unresolved(new OutPoint(id("pay"), 0), 0xfffffffeL)),
      List.of(new TxOut(0, addr("alice"), 3_900, OutputType.P2PKH)));
  private static final UtxoTx ORPHAN = spend("orphan", 3,
      List.of(TxIn.unresolved(new OutPoint(id("not-loaded"), 1), 0)),
      List.of(new TxOut(0, addr("dave"), 10, OutputType.P2SH)));

  /** A transaction as a block parser gives it: inputs name what they spend, nothing more. */
  private static UtxoTx spend(String name, long height, List<TxIn> ins, List<TxOut> outs) {
    return new UtxoTx(id(name), BlockRef.of(height, 1, Instant.ofEpochSecond(1_600_000_000L + height)),
        2, height, 150, ins, outs);
  }

  @Test
  void append_partsInOrder_equalsAddingEveryTransactionToOneBuilder() {
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).add(BACK).add(ORPHAN).build();

    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    UtxoLedger.Builder part1 = main.newPart().add(CB);
    UtxoLedger.Builder part2 = main.newPart().add(PAY);
    UtxoLedger.Builder part3 = main.newPart().add(BACK).add(ORPHAN);
    UtxoLedger got = main.append(part1).append(part2).append(part3).build();

    assertSameLedger(expected, got, List.of(CB, PAY, BACK, ORPHAN));
    // alice was interned by all three parts; the joined ledger holds her once
    assertEquals(expected.addressCount(), got.addressCount());
    assertEquals(5, got.addressCount(), "alice, miner, carol, bob and dave, none twice");
    assertEquals(List.of(id("cb"), id("pay"), id("back")), got.history(addr("alice")));
    assertEquals(List.of(id("pay")), got.history(addr("carol")));
    assertEquals(1, got.unresolvedInputs());
  }

  @Test
  void adopt_plainPartsIntoABuilderWithGivenInputs_plainInputsStayWithoutAddressAndValue() {
    // Only exports give an input's address and value, so the builder holds those columns only
    // once one is given. A builder with one (PAY: carol's input) adopts parts of 40 plain inputs
    // spending outputs that are not loaded: those must stay unknown however the columns grow.
    List<UtxoTx> plain = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      plain.add(spend("plain" + i, 4 + i,
          List.of(TxIn.unresolved(new OutPoint(id("gone" + i), 0), 0xffffffffL)),
          List.of(new TxOut(0, addr("p" + i), 100 + i, OutputType.P2WPKH))));
    }
    List<UtxoTx> all = new ArrayList<>(List.of(PAY));
    all.addAll(plain);
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).addAll(all).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN).add(PAY);
    main.adopt(main.newPart().addAll(plain.subList(0, 20)));
    main.adopt(main.newPart().add(PAY).addAll(plain.subList(20, 40))); // PAY twice: dropped
    UtxoLedger got = main.build();
    assertSameLedger(expected, got, all);
    assertEquals(41, got.unresolvedInputs(), "PAY's spend of cb and the 40 plain inputs");
    int last = got.inputStart(got.size() - 1);
    assertEquals(null, got.inputAddress(last));
    assertEquals(TxIn.UNKNOWN_VALUE, got.inputValue(last));
  }

  @Test
  void append_afterTransactionsAddedDirectly_andClearedPartsReused() {
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).add(BACK).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN).add(CB);
    UtxoLedger.Builder part = main.newPart();
    part.add(tx("junk").height(9).coinbase().out("zed", 1).build());
    part.clear(); // a reused part starts empty: nothing of "junk" or "zed" may leak
    main.append(part.add(PAY));
    main.append(part.clear().add(BACK));
    UtxoLedger got = main.build();
    assertSameLedger(expected, got, List.of(CB, PAY, BACK));
    assertEquals(List.of(), got.history(addr("zed")));
    assertEquals(expected.addressCount(), got.addressCount());
  }

  @Test
  void addDirectly_afterAppends_findsTheAppendedAddresses() {
    // appended parts' addresses are deduped when the next one is added directly: alice and bob,
    // who came with the parts, must not get second ids
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).add(BACK).add(ORPHAN).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    main.append(main.newPart().add(CB)).append(main.newPart().add(PAY));
    UtxoLedger got = main.add(BACK).append(main.newPart().add(ORPHAN)).build();
    assertSameLedger(expected, got, List.of(CB, PAY, BACK, ORPHAN));
    assertEquals(5, got.addressCount());
    assertEquals(List.of(id("cb"), id("pay"), id("back")), got.history(addr("alice")));
  }

  @Test
  void rollback_toAMarkTakenAfterAppends_dropsOnlyWhatCameLater() {
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    main.append(main.newPart().add(CB)).append(main.newPart().add(PAY));
    long mark = main.mark();
    main.add(tx("junk").height(9).coinbase().out("zed", 1).out("alice", 2).build());
    main.append(main.newPart().add(BACK));
    main.rollback(mark);
    UtxoLedger got = main.build();
    assertSameLedger(expected, got, List.of(CB, PAY));
    assertEquals(expected.addressCount(), got.addressCount(), "zed is gone, alice stays once");
    assertEquals(List.of(), got.history(addr("zed")));
    assertEquals(List.of(id("cb"), id("pay")), got.history(addr("alice")));
  }

  @Test
  void adopt_partsInOrder_equalsAppendingThem() {
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).add(BACK).add(ORPHAN).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    UtxoLedger.Builder scratch = main.newPart();
    // as a decoding thread does: fill its own part, hand over a copy, clear it, go on
    main.adopt(scratch.add(CB).copy());
    main.adopt(scratch.clear().add(PAY).copy());
    main.adopt(scratch.clear().add(BACK).add(ORPHAN).copy());
    assertEquals(4, main.size());
    UtxoLedger got = main.build();
    assertSameLedger(expected, got, List.of(CB, PAY, BACK, ORPHAN));
    assertEquals(5, got.addressCount());
  }

  @Test
  void adopt_thenAddDirectly_orAppend_keepsTheOrder() {
    UtxoLedger expected = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).add(BACK).add(ORPHAN).build();
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    main.adopt(main.newPart().add(CB));
    main.add(PAY); // joins CB first
    main.adopt(main.newPart().add(BACK));
    main.append(main.newPart().add(ORPHAN)); // joins BACK first
    assertSameLedger(expected, main.build(), List.of(CB, PAY, BACK, ORPHAN));
  }

  @Test
  void adopt_manyParts_joinedOnSeveralThreads() {
    // past the size from which adopted parts are copied in parallel: 40,000 one-output coinbases
    // in 40 parts, every tenth paying a reused address
    UtxoLedger.Builder one = UtxoLedger.builder(Chain.BITCOIN);
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    for (int p = 0; p < 40; p++) {
      UtxoLedger.Builder part = main.newPart();
      for (int i = 0; i < 1_000; i++) {
        int t = p * 1_000 + i;
        UtxoTx tx = tx("t" + t).height(t).coinbase().out(t % 10 == 0 ? "hot" : "a" + t, t + 1).build();
        one.add(tx);
        part.add(tx);
      }
      main.adopt(part);
    }
    UtxoLedger expected = one.build();
    UtxoLedger got = main.build();
    assertEquals(expected.transactions().toList(), got.transactions().toList());
    assertEquals(expected.addressCount(), got.addressCount());
    assertEquals(4_000, got.history(addr("hot")).size());
    assertEquals(expected.history(addr("a39999")), got.history(addr("a39999")));
  }

  @Test
  void copy_isExactAndIndependent() {
    UtxoLedger.Builder part = UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY);
    UtxoLedger.Builder copy = part.copy();
    part.clear().add(BACK);
    assertSameLedger(UtxoLedger.builder(Chain.BITCOIN).add(CB).add(PAY).build(), copy.build(), List.of(CB, PAY));
    assertEquals(1, part.size());
  }

  @Test
  void clear_dropsAdoptedParts_andTheCodecIsFixedOnceAnyCame() {
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    main.adopt(main.newPart().add(CB));
    assertThrows(IllegalStateException.class, () -> main.addressCodec(AddressCodec.TEXT));
    main.clear();
    assertEquals(0, main.size());
    assertEquals(0, main.build().size());
  }

  @Test
  void growth_pastWhatAnArrayHolds_isAClearError_notAnOverflow() {
    // a whole chain's inputs do not fit one ledger (txids take 4 longs an input): the builder says
    // so instead of a negative array size or an index out of bounds
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Capacity.grown(3_000_000_000L, 16, 4, "inputs"));
    assertEquals("more than 536870909 inputs in one in-memory ledger; load fewer blocks", e.getMessage());
    assertEquals(536_870_909, Capacity.grown(536_870_000L, 400_000_000, 4, "inputs"));
    assertEquals(32, Capacity.grown(17, 16, 1, "outputs"));
  }

  @Test
  void build_handsEverythingOver_andTheEmptyBuilderCanBeFilledAgain() {
    // 40 transactions adopted in two parts: the join sizes the columns exactly, and the ledger
    // then keeps the txid and output-address columns as they are instead of copying them
    List<UtxoTx> firstTxs = coinbases("a", 40);
    List<UtxoTx> otherTxs = coinbases("b", 40);
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    main.adopt(main.newPart().addAll(firstTxs.subList(0, 25)));
    main.adopt(main.newPart().addAll(firstTxs.subList(25, 40)));
    UtxoLedger first = main.build();
    assertEquals(0, main.size(), "the ledger took everything over");
    assertEquals(0, main.build().size());
    // filling the builder again, the same way, must leave the first ledger as it was
    main.adopt(main.newPart().addAll(otherTxs.subList(0, 25)));
    main.adopt(main.newPart().addAll(otherTxs.subList(25, 40)));
    UtxoLedger second = main.build();
    assertSameLedger(UtxoLedger.builder(Chain.BITCOIN).addAll(firstTxs).build(), first, firstTxs);
    assertSameLedger(UtxoLedger.builder(Chain.BITCOIN).addAll(otherTxs).build(), second, otherTxs);
  }

  /** {@code count} coinbases at heights 0.., each paying its own address {@code prefix + i}. */
  private static List<UtxoTx> coinbases(String prefix, int count) {
    List<UtxoTx> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      txs.add(tx(prefix + i).height(i).coinbase().out(prefix + i, 1_000 + i).build());
    }
    return txs;
  }

  @Test
  void append_leavesThePartUnchanged() {
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN).add(CB);
    UtxoLedger.Builder part = main.newPart().add(PAY).add(BACK);
    main.append(part);
    assertEquals(2, part.size());
    assertEquals(3, main.size());
    UtxoLedger alone = part.build();
    assertEquals(2, alone.size());
    // in the part alone, pay's coinbase input is not loaded; back's input (pay:0) is
    assertFalse(alone.transaction(id("pay")).orElseThrow().inputs().get(0).isResolved());
    assertEquals(BACK.id(), alone.transaction(id("back")).orElseThrow().id());
    assertTrue(alone.transaction(id("back")).orElseThrow().inputsResolved());
  }

  @Test
  void append_rejectsItselfAndPartsOfAnotherChainOrCodec() {
    UtxoLedger.Builder main = UtxoLedger.builder(Chain.BITCOIN);
    assertThrows(IllegalArgumentException.class, () -> main.append(main));
    assertThrows(IllegalArgumentException.class, () -> main.adopt(main));
    assertThrows(IllegalArgumentException.class, () -> main.adopt(UtxoLedger.builder(Chain.LITECOIN)));
    assertThrows(IllegalArgumentException.class, () -> main.append(UtxoLedger.builder(Chain.LITECOIN)));
    AddressCodec other = new AddressCodec() {
      @Override
      public byte[] key(Address address) {
        return AddressCodec.TEXT.key(address);
      }

      @Override
      public Address address(Chain chain, byte[] key, int from, int len) {
        return AddressCodec.TEXT.address(chain, key, from, len);
      }
    };
    assertThrows(IllegalArgumentException.class,
        () -> main.append(UtxoLedger.builder(Chain.BITCOIN).addressCodec(other)));
  }

  private static void assertSameLedger(UtxoLedger expected, UtxoLedger got, List<UtxoTx> txs) {
    assertEquals(expected.size(), got.size());
    assertEquals(expected.inputTotal(), got.inputTotal());
    assertEquals(expected.outputTotal(), got.outputTotal());
    assertEquals(expected.transactions().toList(), got.transactions().toList());
    for (UtxoTx t : txs) {
      for (int o = 0; o < t.outputs().size(); o++) {
        OutPoint op = new OutPoint(t.id(), o);
        assertEquals(expected.spender(op), got.spender(op), "spender of " + op);
      }
      for (var out : t.outputs()) {
        assertEquals(expected.history(out.address()), got.history(out.address()), "history of " + out.address());
      }
    }
  }
}
