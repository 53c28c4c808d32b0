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
import io.tracer.core.trace.TraceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Runs the taint engine for {@code tracer trace --taint}, seeded like the trace. */
final class TraceEnrichment {
  private TraceEnrichment() {}

  /** Whether {@code model} names a taint model for this kind of source (UTXO or account). */
  static boolean modelFits(LedgerSource s, String model) {
    try {
      if (s instanceof UtxoSource) {
        TaintModels.byId(model);
      } else {
        AccountTaintModel.byId(model);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The model ids for this kind of source, for messages. */
  static String modelsFor(LedgerSource s) {
    return s instanceof UtxoSource
        ? TaintModels.ids()
        : java.util.Arrays.stream(AccountTaintModel.values())
            .map(AccountTaintModel::id)
            .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Transactions the UTXO propagation may process (poison can reach a whole chain); past it, edges
   * the propagation did not reach get no {@code tainted} field rather than a wrong 0.
   */
  static final long TAINT_BUDGET = 1_000_000;

  static BiConsumer<TraceEdge, ObjectNode> taint(
      LedgerSource s, Seed seed, String model, TraceResult trace) {
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
      // No hop limit: the taint engine counts hops along tainted outputs only, so an edge the trace
      // reaches in N hops can be more than N taint hops away. Bounding by height instead is exact:
      // an output's taint depends only on transactions at or below its own height.
      long top = trace.edges().stream().mapToLong(e -> e.block().height()).max().orElse(0);
      var opts = UtxoTaintOptions.builder().untilHeight(top).maxTransactions(TAINT_BUDGET).build();
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
