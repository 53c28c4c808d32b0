package io.tracer.cli;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Confidence;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Amount;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Transfer;
import io.tracer.core.report.Json;
import io.tracer.core.report.TraceAnnotations;
import io.tracer.core.report.TraceReport;
import io.tracer.core.risk.Policy;
import io.tracer.core.risk.ScreenJson;
import io.tracer.core.risk.ScreenResult;
import io.tracer.core.risk.Screener;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.account.AccountSeed;
import io.tracer.core.taint.account.AccountTaintModel;
import io.tracer.core.taint.account.AccountTaintResult;
import io.tracer.core.trace.Direction;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceNode;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import io.tracer.ethereum.demo.EthDemo;
import io.tracer.ethereum.rpc.EthRpcSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's Ethereum/USDT leg: a recorded ganache scenario (victims → collector → forwarder
 * contract → hops → OTC "swap" to USDT → exchange deposit → hot wallet) replayed offline through
 * the real {@code eth-rpc} source.
 */
final class EthDemoLeg {
  private static final String SOURCE = "tracer-demo (fictional)";

  private EthDemoLeg() {}

  /** The labels of the Ethereum leg: the collector is the ring's wallet, the exchange a service. */
  static Watchlist intel() {
    return Watchlist.builder()
        .add(EthDemo.COLLECTOR, label(Category.HUMAN_TRAFFICKING, "Demo ring collector (fictional)", Confidence.MANUAL_TRANSACTION))
        .add(EthDemo.DEPOSIT, label(Category.EXCHANGE, "Demo Exchange deposit address (fictional)", Confidence.SERVICE_API))
        .add(EthDemo.HOT_WALLET, label(Category.EXCHANGE, "Demo Exchange hot wallet (fictional)", Confidence.SERVICE_API))
        .build();
  }

  private static Label label(Category c, String text, Confidence conf) {
    return new Label(c, c.id(), text, SOURCE, conf, null, null, "tracer demo");
  }

  static void run(PrintWriter p, Path out) {
    EthRpcSource chain = EthDemo.source();
    Watchlist intel = intel();
    List<Address> victims = List.of(EthDemo.VICTIM_1, EthDemo.VICTIM_2, EthDemo.VICTIM_3);

    TraceResult trace =
        Tracer.builder()
            .direction(Direction.FORWARD)
            .maxHops(6)
            .stopAt(intel::isService)
            .build()
            .trace(chain, Seed.address(EthDemo.COLLECTOR));
    AccountTaintResult taint =
        TaintEngine.account(AccountTaintModel.HAIRCUT)
            .propagate(chain, victims.stream().map(AccountSeed::sourceAddress).toList());
    TraceReport report =
        TraceReport.of(trace).annotateNodes(TraceAnnotations.labels(intel)).annotateEdges(TraceAnnotations.taint(taint));
    ScreenResult screen =
        Screener.builder().watchlist(intel).policy(Policy.defaultPolicy()).build().screen(chain, EthDemo.DEPOSIT);

    OutputOption.writeAtomically(out.resolve("eth-trace.json"), report.json());
    OutputOption.writeAtomically(out.resolve("eth-trace.html"), report.html());
    OutputOption.writeAtomically(out.resolve("eth-screen.json"), ScreenJson.write(screen));

    Map<Asset, Amount> paid = new TreeMap<>(BY_SYMBOL);
    for (Address v : victims) {
      for (Transfer t : chain.history(v)) {
        if (t.from().equals(v) && t.to().equals(EthDemo.COLLECTOR) && t.movesValue()) {
          paid.merge(t.asset(), t.value(), Amount::plus);
        }
      }
    }
    Map<Asset, Amount> taintedAtDeposit = new TreeMap<>(BY_SYMBOL);
    for (AccountTaintResult.TransferTaint t : taint.transfers()) {
      if (t.transfer().to().equals(EthDemo.DEPOSIT)) {
        Asset a = t.transfer().asset();
        taintedAtDeposit.merge(a, Amount.of(a, t.tainted()), Amount::plus);
      }
    }
    p.printf("ethereum leg: %s (recorded from ganache, replayed offline)%n", chain.describe());
    p.printf("  payments  3 victims paid the collector %s%n", amounts(paid));
    p.printf(
        "  trace     forward from the collector %s: %d addresses, %d transfers%n",
        EthDemo.COLLECTOR.display(), trace.nodes().size(), trace.edges().size());
    for (TraceNode n : trace.nodes()) {
      if ("service".equals(n.stopReason())) {
        p.printf("  exchange  %s reached at hop %d; the trace stops there (service)%n", n.address().display(), n.hop());
      }
    }
    p.printf("  taint     haircut from the victims: %s reached the exchange deposit%n", amounts(taintedAtDeposit));
    p.printf(
        "  screen    deposit %s: severity %s%n",
        EthDemo.DEPOSIT.display(), screen.severity().name().toLowerCase(Locale.ROOT));
    p.printf("  reports   %s: eth-trace.json eth-trace.html eth-screen.json%n", out);
  }

  /** Assets in symbol order, so the summary reads the same on every run. */
  private static final Comparator<Asset> BY_SYMBOL =
      Comparator.comparing(Asset::symbol).thenComparing(Asset::toString);

  private static String amounts(Map<Asset, Amount> byAsset) {
    StringBuilder sb = new StringBuilder();
    for (Amount a : byAsset.values()) {
      if (sb.length() > 0) {
        sb.append(" and ");
      }
      sb.append(a.toDecimalString()).append(' ').append(a.asset().symbol());
    }
    return sb.length() == 0 ? "nothing" : sb.toString();
  }
}
