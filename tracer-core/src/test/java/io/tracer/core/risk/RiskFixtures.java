package io.tracer.core.risk;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.Confidence;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.Txs;

/** Hand-made graphs shared by the risk tests. */
final class RiskFixtures {
  private RiskFixtures() {}

  static Label label(Category c, String name) {
    return new Label(c, c.id(), name, "test", Confidence.FORENSIC, null, null, "test");
  }

  /**
   * HEURISTICS.md §4.3 example: X received 10,000 in total: 1,000 directly from flagged F, 4,000
   * from unattributed U (half of whose inflow came from F), 5,000 from clean C.
   */
  static UtxoLedger heuristicsExample() {
    return UtxoLedger.builder(Chain.BITCOIN)
        .add(Txs.tx("cb1").height(1).coinbase().out("F", 2_000).out("F", 1_000).build())
        .add(Txs.tx("cb2").height(1).position(1).coinbase().out("C2", 2_000).out("C", 5_000).build())
        .add(Txs.tx("P").height(2).in("cb1", 0, "F", 2_000).in("cb2", 0, "C2", 2_000).out("U", 4_000).build())
        .add(Txs.tx("T1").height(3).position(1).in("cb1", 1, "F", 1_000).out("X", 1_000).build())
        .add(Txs.tx("T2").height(3).position(2).in("P", 0, "U", 4_000).out("X", 4_000).build())
        .add(Txs.tx("T3").height(3).position(3).in("cb2", 1, "C", 5_000).out("X", 5_000).build())
        .build();
  }

  static Watchlist flagged(Category c, String... names) {
    Watchlist.Builder b = Watchlist.builder();
    for (String n : names) {
      b.add(Txs.addr(n), label(c, n));
    }
    return b.build();
  }
}
