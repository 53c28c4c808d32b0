package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.ClusterId;
import io.tracer.core.cluster.ClusterReport;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.cluster.SpendOutcome;
import io.tracer.core.cluster.SuperClusterGuard;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.report.ClusterAnnotations;
import io.tracer.core.report.Json;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracer cluster}: group the addresses of a UTXO source into entities, with evidence. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Cluster the addresses of a Bitcoin source into entities (multi-input and change"
          + " heuristics; CoinJoins, Whirlpool, Wasabi and JoinMarket transactions are never"
          + " merged through). Every merge is recorded as (address, address, rule, txid,"
          + " confidence); cluster ids are stable (derived from the cluster's earliest address).",
      "",
      "Examples:",
      "  tracer cluster --source demo",
      "  tracer cluster --source demo --address ADDR --explain",
      "  tracer cluster --source demo --intel DIR --flagged-only --min-size 1",
      "  tracer cluster --source btc-blocks:DIR --heuristics multi-input,graphsense",
      ""
    })
final class ClusterCommand implements Callable<Integer> {
  @Mixin SourceOption source;
  @Mixin IntelOptions intel;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Option(
      names = "--heuristics",
      paramLabel = "LIST",
      defaultValue = "multi-input,default",
      description = {
        "Comma-separated: 'multi-input' and at most one change rule, a name or an expression"
            + " with & (and), | (or), ' - ' (minus), unique(...). Names: peeling-chain,"
            + " power-of-ten[:N], optimal-change, address-type, locktime, address-reuse,"
            + " fresh-address, fixed-fee, one-time-change, direct-change, multi-input-change,"
            + " graphsense (consensus of one-time-change, direct-change, multi-input-change),"
            + " default (= unique(optimal-change) & unique(fresh-address) & address-type)."
            + " Default: ${DEFAULT-VALUE}."
      })
  String heuristics;

  @Option(
      names = {"-a", "--address"},
      paramLabel = "ADDRESS",
      description = "Report only this address's cluster.")
  String address;

  @Option(
      names = "--explain",
      description =
          "With --address: the chain of merges (rule, txid, confidence) from the address to its"
              + " cluster's anchor, the cluster's evidence, and for each transaction it spent from"
              + " what the common-input rule made of it (merged, alone, dust, flagged, refused)."
              + " Without: evidence for every listed cluster.")
  boolean explain;

  @Option(
      names = "--link",
      paramLabel = "ADDRESS",
      description = "With --address: the merges (and transactions) linking the two addresses.")
  String link;

  @Option(
      names = "--min-size",
      paramLabel = "N",
      defaultValue = "2",
      description = "List clusters of at least this many addresses. Default: ${DEFAULT-VALUE}.")
  int minSize;

  @Option(
      names = "--max-clusters",
      paramLabel = "N",
      defaultValue = "1000",
      description = "List at most this many clusters, largest first. Default: ${DEFAULT-VALUE}.")
  int maxClusters;

  @Option(
      names = "--flagged-only",
      description =
          "With --intel: list only clusters with a member labelled in an illicit category"
              + " (sanctions, trafficking, ransomware, ...). Use --min-size 1 to include lone addresses.")
  boolean flaggedOnly;

  @Option(
      names = "--max-members",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "List at most this many members, and as many merges of evidence, per cluster (its"
              + " size is always the whole count). Default: ${DEFAULT-VALUE}.")
  int maxMembers;

  @Option(
      names = "--guard-size",
      paramLabel = "N",
      defaultValue = "" + SuperClusterGuard.DEFAULT_MIN_CLUSTER_SIZE,
      description =
          "Super-cluster guard: refuse weak links between two clusters both this large."
              + " Default: ${DEFAULT-VALUE}.")
  int guardSize;

  @Option(
      names = "--guard-confidence",
      paramLabel = "N",
      defaultValue = "" + SuperClusterGuard.DEFAULT_MIN_CONFIDENCE,
      description =
          "Super-cluster guard: links below this confidence (0-100) count as weak; 0 disables"
              + " the guard. Default: ${DEFAULT-VALUE}.")
  int guardConfidence;

  @Option(
      names = "--dust-limit",
      paramLabel = "SAT",
      defaultValue = "" + AddressClustering.DEFAULT_DUST_LIMIT_SAT,
      description = "Inputs of at most this many satoshi are not merged. Default: ${DEFAULT-VALUE}.")
  long dustLimit;

  @Override
  public Integer call() {
    if (minSize < 1) {
      throw new ParameterException(spec.commandLine(), "--min-size must be at least 1, got " + minSize);
    }
    if (maxClusters < 0) {
      throw new ParameterException(spec.commandLine(), "--max-clusters must not be negative, got " + maxClusters);
    }
    if (flaggedOnly && intel.files.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--flagged-only needs --intel");
    }
    if (maxMembers < 1) {
      throw new ParameterException(spec.commandLine(), "--max-members must be at least 1, got " + maxMembers);
    }
    if (dustLimit < 0) {
      throw new ParameterException(spec.commandLine(), "--dust-limit must not be negative, got " + dustLimit);
    }
    if (guardSize < 2) {
      // checked here to name the option (the guard itself names its own field)
      throw new ParameterException(spec.commandLine(), "--guard-size must be at least 2, got "
          + guardSize);
    }
    if ((explain && address == null && link != null) || (link != null && address == null)) {
      throw new ParameterException(spec.commandLine(), "--link needs --address");
    }
    AddressClustering engine;
    try {
      SuperClusterGuard guard =
          guardConfidence == 0
              ? SuperClusterGuard.disabled()
              : new SuperClusterGuard(guardSize, guardConfidence);
      engine =
          AddressClustering.builder()
              .heuristics(heuristics)
              .guard(guard)
              .dustLimitSat(dustLimit)
              .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Watchlist w = null;
    if (!intel.files.isEmpty()) {
      w = intel.load(spec.commandLine().getErr());
      if (w.size() == 0) {
        throw new CliException("no address loaded from --intel " + intel.files
            + ": every cluster would look clean");
      }
    }
    try (LedgerSource s = source.open()) {
      UtxoSource u = SourceOption.requireUtxo(s, "cluster");
      Address a = address == null ? null : Args.address(address, u);
      Address b = link == null ? null : Args.address(link, u);
      Clustering c = engine.run(u);
      BiConsumer<ClusterId, ObjectNode> annotate =
          w == null ? (id, n) -> { } : ClusterAnnotations.labels(w, c);
      ObjectNode json;
      if (b != null) {
        json = ClusterReport.link(c, a, b);
      } else if (a != null) {
        if (!c.contains(a)) {
          throw new CliException("address " + a.display() + " does not appear in " + u.describe());
        }
        json = ClusterReport.address(c, a, explain, maxMembers, annotate);
        if (explain) {
          // why each spend did or did not merge: the merge path alone only shows what merged
          json.set("spends", ClusterReport.spends(SpendOutcome.of(c, u, a)));
        }
      } else {
        Predicate<ClusterId> include = flaggedOnly ? ClusterAnnotations.flagged(w, c) : id -> true;
        json = ClusterReport.all(c, minSize, maxClusters, explain, maxMembers, include, annotate);
        if (flaggedOnly) {
          json.put("flaggedOnly", true);
        }
      }
      if (w != null) {
        json.set("intel", IntelOptions.summary(w, 20));
      }
      output.emit(Json.write(json), spec.commandLine().getOut());
    }
    return ExitCode.OK;
  }
}
