package io.tracer.core.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests with fixed seeds (so failures reproduce): for every model but poison, taint in =
 * taint out + fee taint (+ the recorded haircut residue), per transaction and over whole random
 * chains, with and without coinbases and {@code taintFee}; the exact math agrees with {@link
 * BigInteger}.
 */
class ConservationPropertyTest {
  private static final long MAX_SAT = 2_100_000_000_000_000L;

  @Test
  void apply_randomTransactions_conservePerTransaction() {
    Random rnd = new Random(20_261_123L);
    for (int round = 0; round < 3_000; round++) {
      long scale = rnd.nextBoolean() ? 10_000 : MAX_SAT / 4;
      int nIn = 1 + rnd.nextInt(4);
      List<TaintState> ins = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < nIn; i++) {
        long v = 1 + (long) (rnd.nextDouble() * scale); // random test data only, never an amount rule
        total += v;
        int kind = rnd.nextInt(3);
        ins.add(kind == 0 ? TaintState.clean(v) : kind == 1 ? TaintState.fullyTainted(v) : mixed(rnd, v));
      }
      long fee = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt((int) Math.min(total, 1_000_000)) % total;
      long[] outs = split(rnd, total - fee, 1 + rnd.nextInt(5));
      long taint = ins.stream().mapToLong(TaintState::tainted).sum();
      for (TaintModel m : TaintModels.all()) {
        for (FeePolicy p : FeePolicy.values()) {
          List<TaintState> in = m.isOrdered() ? ins : unordered(ins);
          TaintModel.TxResult r = m.apply(in, outs, p);
          String ctx = m.id() + "/" + p + " round " + round;
          assertEquals(fee, r.fee().value(), ctx);
          for (int j = 0; j < outs.length; j++) {
            assertEquals(outs[j], r.outputs().get(j).value(), ctx);
            assertTrue(r.outputs().get(j).tainted() <= outs[j], ctx);
          }
          if (m.conservesTaint()) {
            assertEquals(taint, r.outputTaint() + r.fee().tainted() + r.lost(), ctx);
            if (m == TaintModels.HAIRCUT) {
              assertTrue(r.lost() < outs.length, ctx + " lost " + r.lost());
            } else {
              assertEquals(0, r.lost(), ctx);
            }
          }
          if (m.isOrdered()) {
            for (TaintState o : r.outputs()) {
              Segments s = o.segments().orElseThrow();
              assertEquals(o.value(), s.total(), ctx);
              assertEquals(o.tainted(), s.tainted(), ctx);
              for (int k = 1; k < s.size(); k++) {
                assertTrue(s.isTainted(k) != s.isTainted(k - 1), ctx + ": unmerged " + s);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void propagate_randomChains_conserveForEveryNonPoisonModel() {
    for (long seed = 1; seed <= 12; seed++) {
      Random rnd = new Random(seed);
      List<UtxoTx> txs = new ArrayList<>();
      List<long[]> utxo = new ArrayList<>(); // {txIndex, vout, value}
      List<String> names = new ArrayList<>();
      // funding: 20 outputs
      for (int i = 0; i < 20; i++) {
        String n = "s" + seed + "-fund" + i;
        long v = 1_000 + rnd.nextInt(1_000_000);
        txs.add(Txs.tx(n).height(1).position(i + 1).in("coin" + seed + "-" + i, 0, "a" + i, v + 10).out("a" + i, v).build());
        names.add(n);
        utxo.add(new long[] {names.size() - 1, 0, v});
      }
      int height = 2;
      for (int t = 0; t < 300; t++) {
        if (t % 7 == 0) {
          height++;
        }
        int nIn = 1 + rnd.nextInt(Math.min(3, utxo.size()));
        Txs.Builder b = Txs.tx("s" + seed + "-t" + t).height(height).position(1 + t);
        long in = 0;
        for (int i = 0; i < nIn; i++) {
          long[] u = utxo.remove(rnd.nextInt(utxo.size()));
          b.in(names.get((int) u[0]), (int) u[1], "x", u[2]);
          in += u[2];
        }
        long fee = Math.min(in, rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(500));
        long[] outs = split(rnd, in - fee, 1 + rnd.nextInt(3));
        names.add("s" + seed + "-t" + t);
        for (int j = 0; j < outs.length; j++) {
          boolean burn = rnd.nextInt(40) == 0;
          b.out("y" + j, outs[j], burn ? OutputType.OP_RETURN : OutputType.P2WPKH);
          if (!burn) {
            utxo.add(new long[] {names.size() - 1, j, outs[j]});
          }
        }
        txs.add(b.build());
      }
      UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
      List<OutPoint> seeds = List.of(txs.get(0).outPoint(0), txs.get(5).outPoint(0));
      long seededValue = txs.get(0).output(0).value() + txs.get(5).output(0).value();
      for (TaintModel m : TaintModels.all()) {
        for (FeePolicy p : FeePolicy.values()) {
          if (!m.conservesTaint() && p == FeePolicy.PRO_RATA_FIRST) {
            continue;
          }
          for (int hops : new int[] {3, Integer.MAX_VALUE}) {
            UtxoTaintOptions o = UtxoTaintOptions.builder().feePolicy(p).maxHops(hops).build();
            UtxoTaintResult r = TaintEngine.utxo(m, o).propagate(ledger, seeds);
            String ctx = m.id() + "/" + p + "/hops " + hops + " chain " + seed;
            if (m.conservesTaint()) {
              assertEquals(seededValue, r.totals().seeded(), ctx);
              assertTrue(r.conserved(), ctx + " " + r.totals());
              for (TxTaint tx : r.transactions()) {
                assertEquals(tx.inputTaint(), tx.outputTaint() + tx.feeTaint() + tx.lost(), ctx);
              }
            }
            for (OutputTaint out : r.outputs()) {
              assertTrue(out.tainted() <= out.value(), ctx);
            }
          }
        }
      }
    }
  }

  /**
   * Random chains with a coinbase per block (some under-claiming), OP_RETURN burns, zero fees and
   * same-block spends, run with and without {@code taintFee}: for every conserving model and fee
   * policy the totals balance, and each total equals the sum over the records it summarises
   * (counted here independently of the engine's bookkeeping).
   */
  @Test
  void propagate_randomChainsWithCoinbasesAndTaintFee_totalsEqualRecordsAndConserve() {
    boolean sawFeeToCoinbase = false;
    boolean sawLost = false;
    boolean sawBurn = false;
    for (long chain = 1; chain <= 6; chain++) {
      Random rnd = new Random(100 + chain);
      List<UtxoTx> txs = LedgerFastPathTest.randomChain(rnd, 100 + chain, 20, 12);
      UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
      List<OutPoint> seeds = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        UtxoTx t = txs.get(rnd.nextInt(txs.size() / 4));
        seeds.add(t.outPoint(rnd.nextInt(t.outputs().size())));
      }
      for (TaintModel m : TaintModels.all()) {
        if (!m.conservesTaint()) {
          continue;
        }
        for (FeePolicy p : FeePolicy.values()) {
          for (boolean taintFee : new boolean[] {false, true}) {
            for (int hops : new int[] {2, Integer.MAX_VALUE}) {
              UtxoTaintOptions o =
                  UtxoTaintOptions.builder().feePolicy(p).taintFee(taintFee).maxHops(hops).build();
              UtxoTaintResult r = TaintEngine.utxo(m, o).propagate(ledger, seeds);
              String ctx = m.id() + "/" + p + "/taintFee " + taintFee + "/hops " + hops + " chain " + chain;
              UtxoTaintResult.Totals t = r.totals();
              assertTrue(r.conserved(), ctx + " " + t);
              long held = 0;
              long burned = 0;
              for (OutputTaint out : r.outputs()) {
                assertTrue(out.tainted() >= 0 && out.tainted() <= out.value(), ctx);
                held += out.isTerminal() ? out.tainted() : 0;
                burned += out.status() == OutputTaint.Status.BURNED ? out.tainted() : 0;
              }
              long fees = 0;
              long toCoinbase = 0;
              long lost = 0;
              long txBurned = 0;
              for (TxTaint tx : r.transactions()) {
                assertEquals(tx.inputTaint(), tx.outputTaint() + tx.feeTaint() + tx.lost(), ctx + " " + tx);
                if (tx.feeToCoinbase()) {
                  toCoinbase += tx.feeTaint();
                } else {
                  fees += tx.feeTaint();
                }
                lost += tx.lost();
                txBurned += tx.burned();
              }
              assertEquals(held, t.held(), ctx);
              assertEquals(burned, t.burned(), ctx);
              assertEquals(txBurned, t.burned(), ctx);
              assertEquals(fees, t.fees(), ctx);
              assertEquals(toCoinbase, t.feesToCoinbase(), ctx);
              assertEquals(lost, t.lost(), ctx);
              assertEquals(r.transactions().size(), t.transactions(), ctx);
              sawFeeToCoinbase |= toCoinbase > 0;
              sawLost |= lost > 0;
              sawBurn |= burned > 0;
            }
          }
        }
      }
    }
    // the property is only worth something if the chains exercised these branches
    assertTrue(sawFeeToCoinbase, "fee taint into a coinbase");
    assertTrue(sawLost, "lost taint");
    assertTrue(sawBurn, "burned taint");
  }

  @Test
  void mulDivFloor_randomLargeOperands_matchesBigInteger() {
    Random rnd = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long c = 1 + (rnd.nextLong() & Long.MAX_VALUE) % MAX_SAT;
      long a = (rnd.nextLong() & Long.MAX_VALUE) % (c + 1); // a <= c so the quotient fits
      long b = (rnd.nextLong() & Long.MAX_VALUE) % MAX_SAT;
      BigInteger p = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
      assertEquals(p.divide(BigInteger.valueOf(c)).longValueExact(), ExactMath.mulDivFloor(a, b, c));
      assertEquals(p.mod(BigInteger.valueOf(c)).longValueExact(), ExactMath.mulMod(a, b, c));
    }
  }

  @Test
  void mulDivFloor_productExactlyAtTwoToThe64_correct() {
    // 2^32 · 2^32 = 2^64: high word 1, low word 0
    assertEquals(1L << 32, ExactMath.mulDivFloor(1L << 32, 1L << 32, 1L << 32));
    // 2^63-1 squared over itself
    assertEquals(Long.MAX_VALUE, ExactMath.mulDivFloor(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    // product just under 2^64 (unsigned low word with the sign bit set)
    long a = 4_294_967_295L; // 2^32 - 1
    assertEquals(a, ExactMath.mulDivFloor(a, a + 2, a + 2));
  }

  @Test
  void apportion_sharesSumExactlyAndLargestRemainderWins() {
    long[] s = ExactMath.apportion(new long[] {1, 1, 1}, 3, 2);
    assertEquals(List.of(1L, 1L, 0L), List.of(s[0], s[1], s[2])); // ties: lower index
    long[] t = ExactMath.apportion(new long[] {3_000, 7_000}, 10_000, 500);
    assertEquals(List.of(150L, 350L), List.of(t[0], t[1]));
    long[] u = ExactMath.apportion(new long[] {1, 2}, 3, 1); // 1/3 vs 2/3: remainder 2 wins
    assertEquals(List.of(0L, 1L), List.of(u[0], u[1]));
  }

  private static TaintState mixed(Random rnd, long v) {
    // a vector of up to 4 runs summing to v
    List<Segments.Segment> runs = new ArrayList<>();
    long left = v;
    boolean t = rnd.nextBoolean();
    for (int k = 0; k < 3 && left > 1; k++) {
      long len = 1 + (long) (rnd.nextDouble() * (left - 1));
      runs.add(new Segments.Segment(len, t));
      left -= len;
      t = !t;
    }
    runs.add(new Segments.Segment(left, t));
    return TaintState.of(Segments.of(runs));
  }

  private static List<TaintState> unordered(List<TaintState> ins) {
    List<TaintState> l = new ArrayList<>();
    for (TaintState s : ins) {
      l.add(TaintState.of(s.value(), s.tainted()));
    }
    return l;
  }

  private static long[] split(Random rnd, long total, int n) {
    long[] o = new long[n];
    long left = total;
    for (int i = 0; i < n - 1; i++) {
      o[i] = left == 0 ? 0 : (long) (rnd.nextDouble() * left);
      left -= o[i];
    }
    o[n - 1] = left;
    return o;
  }
}
