package io.tracer.bitcoin.synth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.demo.CoinjoinRule;
import io.tracer.core.model.Address;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Determinism, conservation, spend-once and the documented shape bands of the generator. */
class SyntheticChainTest {
  /** Large enough for stable statistics, small enough for a unit test (a second or two). */
  private static final int N = 30_000;

  private static List<UtxoTx> chain;

  @BeforeAll
  static void generate() {
    chain = SyntheticChain.builder().seed(42).transactions(N).build().stream().toList();
  }

  private static List<UtxoTx> body() {
    return chain.stream().filter(t -> !t.isCoinbase()).toList();
  }

  @Nested
  class Determinism {
    @Test
    void stream_sameSeed_sameTxids() {
      List<TxId> again =
          SyntheticChain.builder().seed(42).transactions(N).build().stream().map(UtxoTx::id).toList();
      assertTrue(chain.stream().map(UtxoTx::id).toList().equals(again));
    }

    @Test
    void stream_otherSeed_otherTxids() {
      List<TxId> other =
          SyntheticChain.builder().seed(43).transactions(5_000).build().stream().map(UtxoTx::id).toList();
      Set<TxId> mine = chain.stream().map(UtxoTx::id).collect(Collectors.toSet());
      assertTrue(other.stream().noneMatch(mine::contains));
    }

    @Test
    void blocksWithBytes_sameSeed_sameTxidsAsStream() {
      SyntheticChain c = SyntheticChain.builder().seed(42).transactions(5_000).build();
      List<TxId> fromBlocks =
          c.blocksWithBytes().flatMap(b -> b.txs().stream()).map(UtxoTx::id).toList();
      List<TxId> fromStream = c.stream().map(UtxoTx::id).toList();
      assertEquals(5_000, fromBlocks.size());
      assertTrue(fromStream.equals(fromBlocks), "raw mode must draw the same random numbers");
    }

    @Test
    void stream_exactlyNTransactionsInChainOrder() {
      assertEquals(N, chain.size());
      for (int i = 1; i < chain.size(); i++) {
        assertTrue(chain.get(i - 1).block().compareTo(chain.get(i).block()) < 0, "order at " + i);
      }
      assertEquals(1, SyntheticChain.builder().transactions(1).build().stream().count());
    }
  }

  @Nested
  class Conservation {
    @Test
    void everyTransaction_inputsEqualOutputsPlusNonNegativeFee() {
      for (UtxoTx t : body()) {
        long fee = t.fee().orElseThrow();
        assertTrue(fee >= 0, t.id().toString());
        assertEquals(t.inputValue().orElseThrow(), t.outputValue() + fee);
        for (TxOut o : t.outputs()) {
          assertTrue(o.value() >= SyntheticChain.MIN_OUTPUT, "dust output in " + t.id());
        }
      }
    }

    @Test
    void everyCoinbase_claimsExactlySubsidyPlusFeesOfItsBlock() {
      Map<Long, Long> fees = new HashMap<>();
      Map<Long, Long> coinbase = new HashMap<>();
      for (UtxoTx t : chain) {
        if (t.isCoinbase()) {
          coinbase.put(t.block().height(), t.outputValue());
        } else {
          fees.merge(t.block().height(), t.fee().orElseThrow(), Long::sum);
        }
      }
      coinbase.forEach(
          (h, v) -> {
            if (h > 0) {
              assertEquals(Generator.subsidy(h) + fees.getOrDefault(h, 0L), v, "height " + h);
            }
          });
      assertEquals(5_000_000_000L, Generator.subsidy(209_999));
      assertEquals(2_500_000_000L, Generator.subsidy(210_000));
      assertEquals(0, Generator.subsidy(64 * 210_000L));
    }

    @Test
    void everyInput_spendsAnEarlierUnspentOutputExactlyOnce() {
      Map<OutPoint, TxOut> unspent = new HashMap<>();
      Map<OutPoint, Long> createdAt = new HashMap<>();
      long spends = 0;
      for (UtxoTx t : chain) {
        if (!t.isCoinbase()) {
          for (TxIn in : t.inputs()) {
            TxOut o = unspent.remove(in.prevout());
            assertNotNull(o, "spends a missing or already spent output: " + in.prevout());
            assertEquals(o.address(), in.address());
            assertEquals(o.value(), in.value());
            long born = createdAt.remove(in.prevout());
            assertTrue(born < 0 || t.block().height() - born >= SyntheticChain.COINBASE_MATURITY,
                "immature coinbase spend in " + t.id());
            spends++;
          }
        }
        for (TxOut o : t.outputs()) {
          OutPoint op = t.outPoint(o.index());
          assertEquals(null, unspent.put(op, o), "duplicate outpoint " + op);
          // Remember coinbase heights (except the bootstrap, spendable at once); -1 otherwise.
          createdAt.put(op, t.isCoinbase() && t.block().height() > 0 ? t.block().height() : -1L);
        }
      }
      assertTrue(spends > N, "inputs spent: " + spends);
    }

    @Test
    void tinyPool_evictsButStillConservesAndSpendsOnce() {
      SyntheticChain small = SyntheticChain.builder().seed(5).transactions(20_000).poolCapacity(1_024).build();
      Set<OutPoint> unspent = new HashSet<>();
      Iterator<UtxoTx> it = small.stream().iterator();
      long n = 0;
      while (it.hasNext()) {
        UtxoTx t = it.next();
        n++;
        if (!t.isCoinbase()) {
          assertEquals(t.inputValue().orElseThrow(), t.outputValue() + t.fee().orElseThrow());
          for (TxIn in : t.inputs()) {
            assertTrue(unspent.remove(in.prevout()), "double or unknown spend");
          }
        }
        for (TxOut o : t.outputs()) {
          unspent.add(t.outPoint(o.index()));
        }
      }
      assertEquals(20_000, n);
    }
  }

  /** The bands documented in docs/synthetic-chain.md; the generator must stay inside them. */
  @Nested
  class Shape {
    @Test
    void inputCounts_mostlyOneToThreeWithAHeavyTail() {
      List<UtxoTx> b = body();
      double one = share(b, t -> t.inputs().size() == 1);
      double upToThree = share(b, t -> t.inputs().size() <= 3);
      int max = b.stream().mapToInt(t -> t.inputs().size()).max().orElseThrow();
      assertTrue(one >= 0.52 && one <= 0.68, "1-input share " + one);
      assertTrue(upToThree >= 0.82 && upToThree <= 0.93, "<=3-input share " + upToThree);
      assertTrue(max >= 100, "largest fan-in " + max);
    }

    @Test
    void outputCounts_mostlyTwoWithAHeavyTail() {
      List<UtxoTx> b = body();
      double two = share(b, t -> t.outputs().size() == 2);
      int max = b.stream().mapToInt(t -> t.outputs().size()).max().orElseThrow();
      assertTrue(two >= 0.65 && two <= 0.80, "2-output share " + two);
      assertTrue(max >= 100, "largest fan-out " + max);
    }

    @Test
    void coinjoins_occasionalAndAllSatisfyIsCoinjoin() {
      List<UtxoTx> b = body();
      long flagged = b.stream().filter(CoinjoinRule::isCoinjoin).count();
      double share = (double) flagged / b.size();
      assertTrue(share >= 0.001 && share <= 0.004, "coinjoin share " + share);
      // Every generated coinjoin has >= 5 equal outputs of a known denomination.
      long generated =
          b.stream()
              .filter(t -> t.inputs().size() >= SyntheticChain.MIN_COINJOIN_PARTICIPANTS)
              .filter(t -> equalOutputs(t) >= SyntheticChain.MIN_COINJOIN_PARTICIPANTS)
              .count();
      assertEquals(generated, b.stream().filter(t -> equalOutputs(t) >= 5 && CoinjoinRule.isCoinjoin(t)).count());
    }

    @Test
    void addresses_areReusedInADocumentedShare() {
      Set<Address> seen = new HashSet<>();
      long outs = 0;
      long reused = 0;
      for (UtxoTx t : chain) {
        for (TxOut o : t.outputs()) {
          outs++;
          if (!seen.add(o.address())) {
            reused++;
          }
        }
      }
      double share = (double) reused / outs;
      assertTrue(share >= 0.10 && share <= 0.35, "reused-output share " + share);
    }

    @Test
    void peelChains_manyOneInTwoOutHopsSpendAnotherHop() {
      Map<TxId, UtxoTx> byId = new HashMap<>();
      chain.forEach(t -> byId.put(t.id(), t));
      long chained = 0;
      for (UtxoTx t : body()) {
        if (looksLikePeel(t)) {
          UtxoTx parent = byId.get(t.inputs().get(0).prevout().txId());
          if (parent != null && looksLikePeel(parent)) {
            chained++;
          }
        }
      }
      double share = (double) chained / body().size();
      assertTrue(share >= 0.05 && share <= 0.40, "chained 1-in-2-out share " + share);
    }

    @Test
    void exchangeHotWallet_hasHugeFanInAndFanOut() {
      Map<Address, Integer> received = new HashMap<>();
      for (UtxoTx t : chain) {
        for (TxOut o : t.outputs()) {
          received.merge(o.address(), 1, Integer::sum);
        }
      }
      int busiest = received.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      assertTrue(busiest >= 50, "busiest address received " + busiest + " outputs");
    }

    private static boolean looksLikePeel(UtxoTx t) {
      return !t.isCoinbase() && t.inputs().size() == 1 && t.outputs().size() == 2;
    }

    private static long equalOutputs(UtxoTx t) {
      return t.outputs().stream()
          .collect(Collectors.groupingBy(TxOut::value, Collectors.counting()))
          .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static double share(List<UtxoTx> txs, java.util.function.Predicate<UtxoTx> p) {
      return (double) txs.stream().filter(p).count() / txs.size();
    }
  }

  @Nested
  class Rejection {
    @Test
    void build_transactionsBelowOne_isRejected() {
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().transactions(0).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().transactions(1).build());
    }

    @Test
    void build_txsPerBlockOutsideTwoTo100000_isRejected() {
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().txsPerBlock(1).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().txsPerBlock(2).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().txsPerBlock(100_000).build());
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().txsPerBlock(100_001).build());
    }

    @Test
    void build_poolCapacityOutside1024To2pow26_isRejected() {
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().poolCapacity(1_023).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().poolCapacity(1_024).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().poolCapacity(1 << 26).build());
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().poolCapacity((1 << 26) + 1).build());
    }

    @Test
    void build_startHeightOutside0To100Million_isRejected() {
      assertThrows(IllegalArgumentException.class, () -> SyntheticChain.builder().startHeight(-1).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().startHeight(0).build());
      assertDoesNotThrow(() -> SyntheticChain.builder().startHeight(100_000_000).build());
      assertThrows(
          IllegalArgumentException.class, () -> SyntheticChain.builder().startHeight(100_000_001).build());
    }

    @Test
    void build_timesBeyond32Bits_isRejected() {
      assertThrows(
          IllegalArgumentException.class,
          () -> SyntheticChain.builder().startTime(java.time.Instant.parse("2106-02-07T06:00:00Z")).build());
      assertThrows(
          IllegalArgumentException.class,
          () -> SyntheticChain.builder().startTime(java.time.Instant.parse("1969-12-31T00:00:00Z")).build());
    }

    @Test
    void next_afterTheLastBlock_throwsNoSuchElement() {
      Iterator<SyntheticBlock> it = SyntheticChain.builder().transactions(1).build().blocks().iterator();
      assertFalse(it.next().txs().isEmpty());
      assertFalse(it.hasNext());
      assertThrows(java.util.NoSuchElementException.class, it::next);
    }
  }

  @Test
  void roundish_keepsTwoSignificantDigits() {
    assertEquals(1_200_000, Generator.roundish(1_234_567));
    assertEquals(99, Generator.roundish(99));
    assertEquals(100, Generator.roundish(100));
    assertEquals(100, Generator.roundish(109));
    assertNotEquals(0, Generator.roundish(546));
  }
}
