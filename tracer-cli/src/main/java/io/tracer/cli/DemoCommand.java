package io.tracer.cli;

import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.ClusterReport;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.report.Json;
import io.tracer.core.report.TraceAnnotations;
import io.tracer.core.report.TraceReport;
import io.tracer.core.risk.Alert;
import io.tracer.core.risk.Policy;
import io.tracer.core.risk.ScreenJson;
import io.tracer.core.risk.ScreenResult;
import io.tracer.core.risk.Screener;
import io.tracer.core.taint.OutputTaint;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintResult;
import io.tracer.core.trace.Direction;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceNode;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tracer demo}: the built-in trafficking case end to end — trace, intelligence hits, taint,
 * screening and clustering — with a short summary for people and JSON/HTML/DOT reports on disk.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run tracer end to end on the built-in case: a fictional trafficking ring paid by 14 buyers"
          + " (real, signed regtest Bitcoin transactions). Follows the money from the advertiser's"
          + " consolidation to the exchange, marks the flagged wallet, measures how much of the"
          + " buyers' money reached the exchange (haircut taint), screens the exchange deposit"
          + " addresses and groups addresses into entities. Then the Ethereum/USDT leg: a recorded"
          + " laundering scenario (victims, a forwarder contract, a swap to USDT, an exchange"
          + " deposit) replayed offline. Prints a summary and writes reports."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      defaultValue = "tracer-demo-out",
      description = "Folder for the reports (created if needed). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter p = spec.commandLine().getOut();
    DemoSource chain = DemoSource.open();
    DemoManifest demo = chain.manifest();
    prepareOutputFolder(out);
    Path intelFile;
    try {
      intelFile = DemoCase.copyIntelTo(out);
    } catch (UncheckedIOException e) {
      throw new CliException("cannot write the reports into " + out + ": " + IoMessages.reason(e.getCause()), e);
    }
    Watchlist intel = Watchlist.load(List.of(intelFile));

    // 1. Follow the money from the advertiser's consolidation, stopping at services.
    TxId consolidation = demo.transaction("consolidation");
    TraceResult trace =
        Tracer.builder()
            .direction(Direction.FORWARD)
            .maxHops(12)
            .stopAt(intel::isService)
            .build()
            .trace(chain, Seed.transaction(consolidation));

    // 2. How much of the buyers' money went where: haircut taint from every payment.
    List<OutPoint> payments = demo.outpoints("paymentOutputs");
    UtxoTaintResult taint = TaintEngine.utxo(TaintModels.HAIRCUT).propagate(chain, payments);

    // 3. Entities.
    Clustering clusters = AddressClustering.builder().heuristics(AddressClustering.DEFAULT_HEURISTICS).build().run(chain);

    TraceReport report =
        TraceReport.of(trace)
            .annotateNodes(TraceAnnotations.labels(intel))
            .annotateNodes(TraceAnnotations.clusters(clusters))
            .annotateEdges(TraceAnnotations.taint(taint));
    var traceJson = report.toJson();
    traceJson.set("entities", TraceAnnotations.entityFlows(trace, clusters));

    // 4. Screen the exchange's deposit addresses as a compliance team would before crediting.
    Screener screener = Screener.builder().watchlist(intel).policy(Policy.defaultPolicy()).build();
    List<Address> deposits = demo.role("exchangeDeposits");
    List<ScreenResult> screens = new ArrayList<>();
    var screenJson = Json.array();
    for (Address d : deposits) {
      ScreenResult r = screener.screen(chain, d);
      screens.add(r);
      screenJson.add(ScreenJson.toTree(r));
    }

    OutputOption.writeAtomically(out.resolve("trace.json"), Json.write(traceJson));
    OutputOption.writeAtomically(out.resolve("trace.html"), report.html());
    OutputOption.writeAtomically(out.resolve("trace.dot"), report.dot());
    OutputOption.writeAtomically(out.resolve("screen.json"), ScreenJson.write(screenJson));
    OutputOption.writeAtomically(
        out.resolve("clusters.json"), Json.write(ClusterReport.all(clusters, 2, 100, true, 1000)));
    OutputOption.writeAtomically(out.resolve("taint.json"), Json.write(taintJson(taint)));

    summary(p, chain, demo, intel, trace, taint, clusters, deposits, screens);
    p.println();
    EthDemoLeg.run(p, out);
    p.flush();
    return ExitCode.OK;
  }

  /** Creates the folder, or says in words why it cannot hold the reports, before any work. */
  private static void prepareOutputFolder(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException("cannot write the reports into " + dir + ": it is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CliException("cannot create the folder " + dir + ": " + IoMessages.reason(e), e);
    }
    if (!Files.isWritable(dir)) {
      throw new CliException("cannot write the reports into " + dir + ": permission denied");
    }
  }

  private void summary(
      PrintWriter p,
      DemoSource chain,
      DemoManifest demo,
      Watchlist intel,
      TraceResult trace,
      UtxoTaintResult taint,
      Clustering clusters,
      List<Address> deposits,
      List<ScreenResult> screens) {
    p.println("tracer demo: " + demo.title());
    p.printf(
        "  data      %d regtest transactions in %d blocks (built-in, real signed transactions)%n",
        chain.size(), demo.fact("blockCount"));
    p.printf(
        "  payments  %d buyers paid the advertiser %,d sat in %d payments%n",
        demo.fact("buyerCount"), demo.fact("paymentsTotalSats"), demo.outpoints("paymentOutputs").size());
    int maxHop = trace.nodes().stream().mapToInt(TraceNode::hop).max().orElse(0);
    p.printf(
        "  trace     forward from the consolidation %s: %d addresses, %d transactions, %d hops deep%n",
        shortId(demo.transaction("consolidation")), trace.nodes().size(), trace.transactions(), maxHop);
    for (TraceNode n : trace.nodes()) {
      List<Label> ls = intel.lookup(n.address());
      for (Label l : ls) {
        if (l.category().isIllicit()) {
          p.printf(
              "  FLAGGED   %s [%s: %s] reached at hop %d%n",
              n.address().display(), l.category().id(), l.label(), n.hop());
        }
      }
    }
    Set<Address> depositSet = new HashSet<>(deposits);
    long reached = trace.nodes().stream().filter(n -> depositSet.contains(n.address())).count();
    p.printf("  exchange  %d of %d deposit addresses reached; the trace stops there (service)%n", reached, deposits.size());
    long toExchange = 0;
    for (OutputTaint o : taint.outputs()) {
      if (depositSet.contains(o.address())) {
        toExchange += o.tainted();
      }
    }
    long seeded = demo.fact("paymentsTotalSats");
    p.printf(
        "  taint     haircut: %,d of the buyers' %,d sat reached exchange deposits (%s%%)%n",
        toExchange, seeded, percent(toExchange, seeded));
    for (int i = 0; i < deposits.size(); i++) {
      ScreenResult r = screens.get(i);
      String top = r.alerts().isEmpty() ? "no alert" : describe(r.alerts().get(0));
      p.printf(
          "  screen    deposit %s: severity %s (%s)%n",
          shortAddr(deposits.get(i)), r.severity().name().toLowerCase(Locale.ROOT), top);
    }
    Address ad = demo.role("advertiserAdAddresses").get(0);
    p.printf(
        "  entities  %d clusters, %d of them with more than one address; the advertiser's cluster %s"
            + " holds %d of the advertiser's %d addresses%n",
        clusters.stats().clusters(), clusters.clusters(2).size(), clusters.clusterOf(ad),
        clusters.sizeOf(ad), demo.entity("advertiser").size());
    p.printf(
        "  reports   %s: trace.json trace.html trace.dot taint.json screen.json clusters.json"
            + " demo-intel.csv%n",
        out);
    p.flush();
  }

  private static String describe(Alert a) {
    return a.kind().name().toLowerCase(Locale.ROOT) + " " + a.category().id() + " exposure, "
        + a.amount() + " sat at " + a.hops() + " hop" + (a.hops() == 1 ? "" : "s");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode taintJson(UtxoTaintResult r) {
    var n = Json.object();
    n.put("model", r.model().id());
    var arr = n.putArray("outputs");
    for (OutputTaint o : r.outputs()) {
      if (o.tainted() == 0) {
        continue;
      }
      var j = arr.addObject();
      j.put("output", o.outPoint().toString());
      j.put("address", o.address().display());
      j.put("value", Long.toString(o.value()));
      j.put("tainted", Long.toString(o.tainted()));
      j.put("hop", o.hop());
      j.put("status", o.status().name().toLowerCase(Locale.ROOT));
    }
    return n;
  }

  private static String percent(long part, long whole) {
    if (whole == 0) {
      return "0";
    }
    long bp = Math.multiplyExact(part, 10_000L) / whole; // basis points, exact integers
    return (bp / 100) + "." + String.format(Locale.ROOT, "%02d", bp % 100);
  }

  private static String shortId(TxId id) {
    return id.toString().substring(0, 16) + "...";
  }

  private static String shortAddr(Address a) {
    String d = a.display();
    return d.length() <= 24 ? d : d.substring(0, 14) + "..." + d.substring(d.length() - 6);
  }
}
