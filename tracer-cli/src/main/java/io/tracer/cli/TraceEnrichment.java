package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.report.TraceAnnotations;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.account.AccountSeed;
import io.tracer.core.taint.account.AccountTaintModel;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Runs the taint engine for {@code tracer trace --taint}, seeded like the trace. */
final class TraceEnrichment {
  private TraceEnrichment() {}

  static BiConsumer<TraceEdge, ObjectNode> taint(LedgerSource s, Seed seed, String model, int hops) {
    if (s instanceof UtxoSource) {
      UtxoSource u = (UtxoSource) s;
      List<OutPoint> seeds = new ArrayList<>();
      switch (seed.kind()) {
        case OUTPUT:
          seeds.add(seed.output());
          break;
        case TRANSACTION:
          {
            UtxoTx tx = u.transaction(seed.tx()).orElseThrow();
            for (TxOut o : tx.outputs()) {
              seeds.add(tx.outPoint(o.index()));
            }
            break;
          }
        default:
          for (var id : u.history(seed.address())) {
            UtxoTx tx = u.transaction(id).orElseThrow();
            for (TxOut o : tx.outputs()) {
              if (o.address().equals(seed.address())) {
                seeds.add(tx.outPoint(o.index()));
              }
            }
          }
      }
      var m = TaintModels.byId(model);
      var opts = UtxoTaintOptions.builder().maxHops(hops).build();
      return TraceAnnotations.taint(TaintEngine.utxo(m, opts).propagate(u, seeds));
    }
    AccountSource a = SourceOption.requireAccount(s, "--taint");
    AccountSeed as =
        seed.kind() == Seed.Kind.TRANSACTION
            ? AccountSeed.transaction(seed.tx())
            : AccountSeed.sourceAddress(seed.address());
    return TraceAnnotations.taint(TaintEngine.account(AccountTaintModel.byId(model)).propagate(a, List.of(as)));
  }
}
