package io.tracer.core.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
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

/**
 * The {@link UtxoLedger} fast path ({@link LedgerTaintRun}) against the generic path: the same
 * {@link UtxoTaintResult} (outputs, statuses, hops, fee taint, totals, completeness, lookups) for
 * every model, fee policy and limit, on hand-built ledgers (HEURISTICS §4.1 two hops, OP_RETURN,
 * taintFee coinbases, same-block spends, a seed downstream of a seed) and on seeded random chains
 * with coinbases; and the same exceptions.
 */
class LedgerFastPathTest {
  private static final UtxoTx F = UtxoTaintEngineTest.F;
  private static final OutPoint SEED = UtxoTaintEngineTest.SEED;

  /** Every option combination the engine distinguishes, at and around small limits. */
  private static List<UtxoTaintOptions> optionGrid(FeePolicy p, long midHeight) {
    List<UtxoTaintOptions> l = new ArrayList<>();
    for (boolean taintFee : new boolean[] {false, true}) {
      for (int hops : new int[] {0, 1, 2, 4, Integer.MAX_VALUE}) {
        l.add(opts(p, taintFee).maxHops(hops).build());
      }
      for (long until : new long[] {0, 1, midHeight, midHeight + 1}) {
        l.add(opts(p, taintFee).untilHeight(until).build());
      }
      for (long max : new long[] {1, 2, 7, 40}) {
        l.add(opts(p, taintFee).maxTransactions(max).build());
      }
      l.add(opts(p, taintFee).maxHops(3).untilHeight(midHeight).maxTransactions(25).build());
    }
    return l;
  }

  private static UtxoTaintOptions.Builder opts(FeePolicy p, boolean taintFee) {
    return UtxoTaintOptions.builder().feePolicy(p).taintFee(taintFee);
  }

  /** Runs both paths for every model, policy and option; they must agree on everything. */
  private static List<UtxoTaintResult> assertSameEverywhere(
      UtxoLedger l, List<OutPoint> seeds, long midHeight) {
    assertTrue(LedgerTaintRun.inChainOrder(l), "test ledgers must qualify for the fast path");
    List<UtxoTaintResult> runs = new ArrayList<>();
    for (TaintModel m : TaintModels.all()) {
      for (FeePolicy p : FeePolicy.values()) {
        if (!m.conservesTaint() && p == FeePolicy.PRO_RATA_FIRST) {
          continue; // rejected by the engine
        }
        for (UtxoTaintOptions o : optionGrid(p, midHeight)) {
          UtxoTaintResult r = assertSame(TaintEngine.utxo(m, o), l, seeds, m.id() + " " + describe(o));
          if (r != null) {
            runs.add(r);
          }
        }
      }
    }
    return runs;
  }

  private static String describe(UtxoTaintOptions o) {
    return o.feePolicy() + " taintFee=" + o.taintFee() + " hops=" + o.maxHops() + " until="
        + o.untilHeight() + " maxTx=" + o.maxTransactions();
  }

  /** The generic result, or null if both paths threw the same exception. */
  private static UtxoTaintResult assertSame(
      UtxoTaintEngine e, UtxoLedger l, List<OutPoint> seeds, String ctx) {
    UtxoTaintResult g;
    try {
      g = e.propagateGeneric(l, seeds);
    } catch (RuntimeException ex) {
      RuntimeException fx = assertThrows(RuntimeException.class, () -> e.propagateIndexed(l, seeds), ctx);
      assertEquals(ex.getClass(), fx.getClass(), ctx);
      assertEquals(ex.getMessage(), fx.getMessage(), ctx);
      return null;
    }
    UtxoTaintResult f = e.propagateIndexed(l, seeds);
    assertEquals(g.outputs(), f.outputs(), ctx);
    assertEquals(g.transactions(), f.transactions(), ctx);
    assertEquals(g.totals(), f.totals(), ctx);
    assertEquals(g.isComplete(), f.isComplete(), ctx);
    for (OutputTaint o : g.outputs()) {
      assertEquals(g.output(o.outPoint()), f.output(o.outPoint()), ctx);
    }
    // lookups of everything in the ledger, reached or not, and of things it does not hold
    for (int o = 0; o < l.outputTotal(); o++) {
      assertEquals(g.output(l.outPoint(o)), f.output(l.outPoint(o)), ctx);
    }
    for (int t = 0; t < l.size(); t++) {
      assertEquals(g.transaction(l.txId(t)), f.transaction(l.txId(t)), ctx);
    }
    assertEquals(0, f.taintOf(new OutPoint(Txs.id("not held"), 0)), ctx);
    assertEquals(0, f.feeTaint(Txs.id("not held")), ctx);
    // and the public entry point picks the fast path and gives the same
    UtxoTaintResult viaPropagate = e.propagate(l, seeds);
    assertEquals(g.outputs(), viaPropagate.outputs(), ctx);
    assertEquals(g.totals(), viaPropagate.totals(), ctx);
    return g;
  }

  private static UtxoTx coinbase(String name, long height, long value) {
    return new UtxoTx(
        Txs.id(name),
        BlockRef.of(height, 0, Instant.ofEpochSecond(1_600_000_000L + height * 600)),
        1,
        0,
        100,
        List.of(TxIn.coinbase(0xffffffffL)),
        List.of(new TxOut(0, Txs.addr("miner-" + name), value, OutputType.P2PKH)));
  }

  @Test
  void propagateIndexed_workedExampleTwoHops_sameAsGeneric() {
    List<UtxoTaintResult> runs = assertSameEverywhere(UtxoTaintEngineTest.ledger(), List.of(SEED), 2);
    assertTrue(runs.size() > 100);
  }

  @Test
  void propagateIndexed_opReturnCoinbasesSameBlockSpendSeedDownstream_sameAsGeneric() {
    long sub = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(2);
    UtxoTx t1 = UtxoTaintEngineTest.T1;
    UtxoTx burn =
        Txs.tx("burn").height(2).position(2)
            .in("t1", 0, "o0", 2_000)
            .out("data", 600, OutputType.OP_RETURN).out("k", 1_300).build();
    // same-block spend of the burn's change, paying a fee of 50
    UtxoTx same = Txs.tx("same").height(2).position(3).in("burn", 1, "k", 1_300).out("m", 1_250).build();
    UtxoTx cb2 = coinbase("cb2", 2, sub + 500 + 100 + 50 - 20); // miner under-claims by 20
    UtxoTx cb3 = coinbase("cb3", 3, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(3) + 200 + 7);
    UtxoTx spendCb = Txs.tx("spendcb").height(4).position(1)
        .in("cb2", 0, "miner-cb2", sub + 630).in("same", 0, "m", 1_250)
        .out("p", 1_000).out("q", sub + 630 + 250 - 1_000 - 3).build();
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(F).add(UtxoTaintEngineTest.G).add(UtxoTaintEngineTest.H)
            .add(t1).add(UtxoTaintEngineTest.T2).add(burn).add(same).add(cb2).add(cb3).add(spendCb)
            .build();
    // t1's output 1 is downstream of the first seed and is itself a seed
    assertSameEverywhere(l, List.of(SEED, new OutPoint(t1.id(), 1)), 2);
    assertSameEverywhere(l, List.of(new OutPoint(t1.id(), 2), SEED, SEED), 3);
  }

  @Test
  void propagateIndexed_randomChainsWithCoinbases_sameAsGeneric() {
    List<UtxoTaintResult> all = new ArrayList<>();
    for (long chain = 1; chain <= 4; chain++) {
      Random rnd = new Random(chain);
      List<UtxoTx> txs = randomChain(rnd, chain, 24, 15);
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
      List<OutPoint> seeds = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        UtxoTx t = txs.get(rnd.nextInt(txs.size() / 3));
        seeds.add(t.outPoint(rnd.nextInt(t.outputs().size())));
      }
      UtxoTx later = txs.get(txs.size() / 2);
      seeds.add(later.outPoint(0));
      all.addAll(assertSameEverywhere(l, seeds, 12));
    }
    // the comparison is only worth something if the runs exercised every branch
    assertTrue(all.stream().anyMatch(r -> r.totals().feesToCoinbase() > 0), "fee into coinbase");
    assertTrue(all.stream().anyMatch(r -> r.totals().burned() > 0), "burn");
    assertTrue(all.stream().anyMatch(r -> r.totals().lost() > 0), "lost");
    assertTrue(all.stream().anyMatch(r -> !r.isComplete()), "budget");
    assertTrue(all.stream().anyMatch(r -> r.totals().transactions() > 100), "long propagation");
    assertTrue(
        all.stream().flatMap(r -> r.outputs().stream()).anyMatch(o -> o.status() == OutputTaint.Status.LIMIT),
        "limit");
  }

  /**
   * Blocks of {@code perBlock} transactions spending 1–3 random earlier outputs (same-block spends
   * included) into 1–3 outputs, some OP_RETURN, fees 0–499 (often 0, so haircut residue is lost),
   * some clean inputs from outside the ledger, and a coinbase per block that claims subsidy + fees
   * give or take.
   */
  static List<UtxoTx> randomChain(Random rnd, long chain, int blocks, int perBlock) {
    List<UtxoTx> txs = new ArrayList<>();
    List<Object[]> pool = new ArrayList<>(); // {txName, vout, address, value}
    for (int h = 1; h <= blocks; h++) {
      long fees = 0;
      for (int pos = 1; pos <= perBlock; pos++) {
        String name = "c" + chain + "-h" + h + "-p" + pos;
        Txs.Builder b = Txs.tx(name).height(h).position(pos);
        long in = 0;
        int nIn = 1 + rnd.nextInt(3);
        for (int i = 0; i < nIn; i++) {
          if (pool.isEmpty() || rnd.nextInt(6) == 0) {
            long v = 1_000 + rnd.nextInt(2_000_000);
            b.in("ext-" + name + "-" + i, 0, "ext", v); // funding not loaded: clean, resolved
            in += v;
          } else {
            Object[] u = pool.remove(rnd.nextInt(pool.size()));
            b.in((String) u[0], (Integer) u[1], (String) u[2], (Long) u[3]);
            in += (Long) u[3];
          }
        }
        long fee = Math.min(in, rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(500));
        fees += fee;
        int nOut = 1 + rnd.nextInt(3);
        long left = in - fee;
        for (int j = 0; j < nOut; j++) {
          long v = j == nOut - 1 ? left : (left == 0 ? 0 : rnd.nextLong(left + 1));
          left -= v;
          boolean burn = rnd.nextInt(25) == 0;
          String a = "a" + rnd.nextInt(50);
          b.out(a, v, burn ? OutputType.OP_RETURN : OutputType.P2WPKH);
          if (!burn) {
            pool.add(new Object[] {name, j, a, v});
          }
        }
        txs.add(b.build());
      }
      long claim = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(h) + fees + rnd.nextInt(3) - 1;
      if (rnd.nextInt(5) == 0) {
        claim = fees / 2; // under-claims even the fees
      }
      String cbName = "c" + chain + "-cb" + h;
      UtxoTx cb = coinbase(cbName, h, Math.max(0, claim));
      txs.add(cb);
      pool.add(new Object[] {cbName, 0, "miner-" + cbName, cb.output(0).value()});
    }
    return txs;
  }

  @Test
  void propagateIndexed_errors_sameExceptionsAsGeneric() {
    UtxoTaintEngine e = TaintEngine.utxo(TaintModels.HAIRCUT, UtxoTaintOptions.defaults());
    UtxoLedger base = UtxoTaintEngineTest.ledger();
    assertSame(e, base, List.of(new OutPoint(Txs.id("nowhere"), 0)), "missing seed");
    assertSame(e, base, List.of(new OutPoint(F.id(), 1)), "seed index");
    UtxoTx bad = Txs.tx("bad").height(2).in("f", 0, "victim", 3_000).out("k", 3_001).build();
    assertSame(e, UtxoLedger.builder(Chain.BITCOIN).add(F).add(bad).build(), List.of(SEED), "outputs > inputs");
    UtxoTx unresolved =
        new UtxoTx(
            Txs.id("u"),
            BlockRef.of(2, 1, Instant.ofEpochSecond(1_600_000_000L)),
            2,
            0,
            100,
            List.of(
                TxIn.resolved(SEED, Txs.addr("victim"), 3_000, 0),
                TxIn.unresolved(new OutPoint(Txs.id("unknown"), 0), 0)),
            List.of(new TxOut(0, Txs.addr("k"), 2_000, OutputType.P2WPKH)));
    UtxoLedger ul = UtxoLedger.builder(Chain.BITCOIN).add(F).add(unresolved).build();
    assertSame(e, ul, List.of(SEED), "unresolved input");
    assertThrows(TaintException.UnresolvedInput.class, () -> e.propagateIndexed(ul, List.of(SEED)));
    UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
    UtxoLedger noCb = UtxoLedger.builder(Chain.BITCOIN).add(F).add(spend).build();
    UtxoTaintEngine fee = TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.builder().taintFee(true).build());
    assertSame(fee, noCb, List.of(SEED), "missing coinbase");
    assertThrows(TaintException.MissingTransaction.class, () -> fee.propagateIndexed(noCb, List.of(SEED)));
  }

  @Test
  void fastPathApplies_tiedHeightAndPositionOutOfTxidOrder_usesGenericPath() {
    // two transactions at the same height and position: the ledger keeps insertion order, the
    // engine's chain order breaks the tie by txid, so the fast path must step aside if they differ
    UtxoTx a = Txs.tx("tie-a").height(2).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
    UtxoTx b = Txs.tx("tie-b").height(2).position(1).in("zz", 0, "w", 500).out("k2", 400).build();
    UtxoTx first = a.id().compareTo(b.id()) > 0 ? a : b;
    UtxoTx second = first == a ? b : a;
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(first).add(second).build();
    UtxoTaintEngine e = TaintEngine.utxo(TaintModels.HAIRCUT, UtxoTaintOptions.defaults());
    assertFalse(e.fastPathApplies(l));
    assertEquals(e.propagateGeneric(l, List.of(SEED)).outputs(), e.propagate(l, List.of(SEED)).outputs());
  }

  @Test
  void propagate_ledgerBackedSource_fastPathSameResultAndSourceNamedInErrors() {
    UtxoLedger l = UtxoTaintEngineTest.ledger();
    LedgerBackedSource wrapped =
        new LedgerBackedSource(l) {
          @Override
          public String describe() {
            return "wrapped test source";
          }
        };
    for (TaintModel m : TaintModels.all()) {
      UtxoTaintEngine e = TaintEngine.utxo(m);
      UtxoTaintResult g = e.propagateGeneric(wrapped, List.of(SEED));
      UtxoTaintResult f = e.propagate(wrapped, List.of(SEED));
      // the fast path's lists build on read: their class shows which path ran
      assertEquals(LedgerTaintRun.class, f.outputs().getClass().getEnclosingClass(), m.id());
      assertEquals(g.outputs(), f.outputs(), m.id());
      assertEquals(g.transactions(), f.transactions(), m.id());
      assertEquals(g.totals(), f.totals(), m.id());
    }
    OutPoint nowhere = new OutPoint(Txs.id("nowhere"), 0);
    UtxoTaintEngine e = TaintEngine.utxo(TaintModels.HAIRCUT);
    TaintException ge =
        assertThrows(TaintException.class, () -> e.propagateGeneric(wrapped, List.of(nowhere)));
    TaintException fe = assertThrows(TaintException.class, () -> e.propagate(wrapped, List.of(nowhere)));
    assertEquals(ge.getMessage(), fe.getMessage());
    assertTrue(fe.getMessage().contains("wrapped test source"), fe.getMessage());
  }

  @Test
  void fastPathApplies_coinbaseLookupGiven_usesGenericPath() {
    UtxoTaintOptions o =
        UtxoTaintOptions.builder().taintFee(true).coinbaseLookup(h -> Optional.empty()).build();
    UtxoTaintEngine e = TaintEngine.utxo(TaintModels.HAIRCUT, o);
    assertFalse(e.fastPathApplies(UtxoTaintEngineTest.ledger()));
    assertTrue(
        TaintEngine.utxo(TaintModels.HAIRCUT).fastPathApplies(UtxoTaintEngineTest.ledger()));
    if (!UtxoTaintEngine.LEDGER_FAST_PATH) {
      fail("the fast path switch is off");
    }
  }
}
