package io.tracer.core.report;

import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import io.tracer.core.taint.account.AccountSeed;
import io.tracer.core.taint.account.AccountTaintModel;
import io.tracer.core.taint.account.AccountTaintOptions;
import io.tracer.core.taint.account.AccountTaintResult;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceEdge;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** {@code trace --taint}: every edge gets its tainted amount, 0 where known clean, none if unknown. */
class TraceAnnotationsTaintTest {
  /**
   * f:0 victim 3,000 (the seed) and g:0 bob 7,000 into t1: o0 2,000, o1 5,000, o2 2,500 (FIFO: o1
   * holds 1,000 of taint, o2 none). t3 spends the clean o2, t4 spends o1.
   */
  static final UtxoLedger LEDGER =
      UtxoLedger.builder(Chain.BITCOIN)
          .add(tx("f").height(1).position(1).in("x", 0, "src", 3_100).out("victim", 3_000).build())
          .add(tx("g").height(1).position(2).in("y", 0, "c", 7_100).out("bob", 7_000).build())
          .add(
              tx("t1").height(2).in("f", 0, "victim", 3_000).in("g", 0, "bob", 7_000)
                  .out("o0", 2_000).out("o1", 5_000).out("o2", 2_500).build())
          .add(tx("t3").height(3).in("t1", 2, "o2", 2_500).out("z", 2_400).build())
          .add(tx("t4").height(4).in("t1", 1, "o1", 5_000).out("w", 4_900).build())
          .build();

  static final OutPoint SEED = new OutPoint(id("f"), 0);

  /** The {@code tainted} field of every annotated edge, by output; absent when not written. */
  private static Map<OutPoint, String> annotate(TraceResult trace, BiConsumer<TraceEdge, ObjectNode> a) {
    Map<OutPoint, String> m = new HashMap<>();
    for (TraceEdge e : trace.edges()) {
      ObjectNode j = Json.object();
      a.accept(e, j);
      if (j.has("tainted")) {
        m.put(e.output(), j.get("tainted").asText());
      }
    }
    return m;
  }

  @Test
  void taintUtxo_unlimitedPropagation_cleanOutputBeyondACleanSpendIsZero() {
    TraceResult trace = Tracer.builder().maxHops(3).build().trace(LEDGER, Seed.output(SEED));
    UtxoTaintResult r =
        TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.defaults()).propagate(LEDGER, List.of(SEED));
    Map<OutPoint, String> t = annotate(trace, TraceAnnotations.taint(r));
    assertEquals("2000", t.get(new OutPoint(id("t1"), 0)));
    assertEquals("1000", t.get(new OutPoint(id("t1"), 1)));
    assertEquals("0", t.get(new OutPoint(id("t1"), 2)));
    assertEquals("1000", t.get(new OutPoint(id("t4"), 0)));
    // t3 spends only a clean output, so the propagation never processed it: known clean
    assertEquals("0", t.get(new OutPoint(id("t3"), 0)));
    assertEquals(5, t.size());
  }

  @Test
  void taintUtxo_hopLimitedPropagation_unreachedOutputLeftUnannotated() {
    TraceResult trace = Tracer.builder().maxHops(3).build().trace(LEDGER, Seed.output(SEED));
    UtxoTaintResult r =
        TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.builder().maxHops(1).build())
            .propagate(LEDGER, List.of(SEED));
    Map<OutPoint, String> t = annotate(trace, TraceAnnotations.taint(r));
    assertEquals("1000", t.get(new OutPoint(id("t1"), 1)));
    // t4 is beyond the propagation's hop limit: its taint is unknown, not 0
    assertFalse(t.containsKey(new OutPoint(id("t4"), 0)));
    assertFalse(t.containsKey(new OutPoint(id("t3"), 0)));
  }

  @Test
  void taintUtxo_heightLimitedPropagation_zeroOnlyUpToTheHeight() {
    TraceResult trace = Tracer.builder().maxHops(3).build().trace(LEDGER, Seed.output(SEED));
    UtxoTaintResult r =
        TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.builder().untilHeight(3).build())
            .propagate(LEDGER, List.of(SEED));
    Map<OutPoint, String> t = annotate(trace, TraceAnnotations.taint(r));
    assertEquals("0", t.get(new OutPoint(id("t3"), 0))); // height 3: covered
    assertFalse(t.containsKey(new OutPoint(id("t4"), 0))); // height 4: not covered
  }

  @Test
  void taintAccount_transferWithoutTaintIsZero_beyondUntilHeightUnannotated() {
    Address alice = Address.of(Chain.ETHEREUM, "0x" + "a1".repeat(20));
    Address bob = Address.of(Chain.ETHEREUM, "0x" + "b0".repeat(20));
    Address carol = Address.of(Chain.ETHEREUM, "0x" + "c0".repeat(20));
    Transfer seed = transfer("s", 1, alice, bob, 1_000);
    Transfer clean = transfer("c", 2, carol, bob, 500);
    Transfer later = transfer("l", 3, bob, carol, 1_500);
    AccountTaintResult r =
        TaintEngine.account(AccountTaintModel.HAIRCUT, AccountTaintOptions.builder().untilHeight(2).build())
            .propagate(List.of(seed, clean, later), List.of(AccountSeed.transaction(seed.txId())));
    BiConsumer<TraceEdge, ObjectNode> a = TraceAnnotations.taint(r);
    assertEquals("1000", field(a, edge(seed)));
    assertEquals("0", field(a, edge(clean)));
    assertEquals(null, field(a, edge(later)));
  }

  private static Transfer transfer(String tx, long height, Address from, Address to, long amount) {
    return new Transfer(
        id(tx), BlockRef.of(height, 0, Instant.ofEpochSecond(1_700_000_000L + height)), -1, from, to,
        Asset.ETH, BigInteger.valueOf(amount), TransferKind.NATIVE, true);
  }

  private static TraceEdge edge(Transfer t) {
    return new TraceEdge(
        t.txId(), t.block(), t.from(), t.to(), null, t.position(), t.asset(), t.amount(), t.amount(), 1);
  }

  private static String field(BiConsumer<TraceEdge, ObjectNode> a, TraceEdge e) {
    ObjectNode j = Json.object();
    a.accept(e, j);
    return j.has("tainted") ? j.get("tainted").asText() : null;
  }
}
