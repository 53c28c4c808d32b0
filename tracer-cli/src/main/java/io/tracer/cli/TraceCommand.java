package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.report.Json;
import io.tracer.core.report.TraceAnnotations;
import io.tracer.core.report.TraceReport;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.trace.Direction;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracer trace}: follow value from a seed, hop by hop. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Follow value from a transaction, an output or an address, forward (where it went),"
          + " backward (where it came from) or both, up to N hops. Prints a flow graph of address"
          + " nodes and transaction edges with amounts and hop numbers."
    })
final class TraceCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    json,
    csv,
    graphml,
    dot,
    html
  }

  @Mixin SourceOption source;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      required = true,
      paramLabel = "TX|TX:N|ADDRESS",
      description = "Where to start: a transaction id, one output (TXID:N) or an address.")
  String seed;

  @Option(
      names = "--direction",
      defaultValue = "forward",
      paramLabel = "DIR",
      converter = DirectionConverter.class,
      description = "forward | backward | both. Default: ${DEFAULT-VALUE}.")
  Direction direction;

  @Option(
      names = "--hops",
      defaultValue = "3",
      paramLabel = "N",
      description = "Most transactions from the seed (1-100). Default: ${DEFAULT-VALUE}.")
  int hops;

  @Option(
      names = "--value-floor",
      defaultValue = "0",
      paramLabel = "UNITS",
      description = "Do not follow native-coin outputs/transfers below UNITS base units (sat, wei)."
          + " Default: ${DEFAULT-VALUE}.")
  BigInteger valueFloor;

  @Option(
      names = "--fan-out",
      defaultValue = "100",
      paramLabel = "N",
      description = "Do not follow transactions with more outputs than this. Default: ${DEFAULT-VALUE}.")
  int fanOut;

  @Option(
      names = "--max-tx",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Transaction budget; past it the result is marked truncated. Default: ${DEFAULT-VALUE}.")
  int maxTx;

  @Option(names = "--from", paramLabel = "TIME", description = "Ignore transactions before TIME (ISO date or instant).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Ignore transactions after TIME (ISO date or instant).")
  String to;

  @Option(
      names = "--stop-at",
      paramLabel = "ADDRESS",
      split = ",",
      description = "Addresses to record but not go past (e.g. an exchange). Repeatable.")
  List<String> stopAt = List.of();

  @Mixin IntelOptions intel;

  @Option(
      names = "--through-services",
      description = "With --intel: keep following past addresses labelled as services (exchanges,"
          + " mixers...). By default the trace stops there: their internal moves are not the"
          + " customer's.")
  boolean throughServices;

  @Option(
      names = "--taint",
      paramLabel = "MODEL",
      description = "Annotate every forward edge with its tainted amount under MODEL, the seed being"
          + " fully tainted: poison | haircut | fifo | lifo | lifo_reverse_out | tiho (UTXO);"
          + " poison | haircut | fifo | lifo | taint_first (account chains).")
  String taint;

  /** Granularity of the report. */
  enum Level {
    address,
    cluster
  }

  @Option(
      names = "--level",
      defaultValue = "address",
      paramLabel = "LEVEL",
      description = "address | cluster. With cluster, nodes carry their entity (cluster) id and the"
          + " JSON gains the flows between entities and the clustering's parameters (UTXO sources;"
          + " heuristics from --heuristics)."
          + " Default: ${DEFAULT-VALUE}.")
  Level level;

  @Option(
      names = "--heuristics",
      paramLabel = "LIST",
      description = "With --level cluster: the clustering heuristics, as for 'tracer cluster"
          + " --heuristics'. Default: " + AddressClustering.DEFAULT_HEURISTICS + ".")
  String heuristics;

  @Option(
      names = "--format",
      defaultValue = "json",
      paramLabel = "FORMAT",
      description = "json | csv | graphml | dot | html. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    // Checked here so that the message names the option the user typed.
    usage(hops >= 1 && hops <= 100, "--hops must be between 1 and 100, got " + hops);
    usage(fanOut >= 1, "--fan-out must be at least 1, got " + fanOut);
    usage(maxTx >= 1, "--max-tx must be at least 1, got " + maxTx);
    usage(valueFloor.signum() >= 0, "--value-floor must not be negative, got " + valueFloor);
    Instant fromTime = time(from, "--from", false);
    Instant toTime = time(to, "--to", true);
    usage(fromTime == null || toTime == null || !fromTime.isAfter(toTime),
        "--from " + from + " is after --to " + to);
    if (taint != null && direction == Direction.BACKWARD) {
      throw new ParameterException(
          spec.commandLine(), "--taint follows money forward; it cannot annotate a backward trace");
    }
    if (taint != null && !knownTaintModel(taint)) {
      throw new ParameterException(
          spec.commandLine(),
          "--taint must be one of " + io.tracer.core.taint.TaintModels.ids() + ", taint_first; not '" + taint + "'");
    }
    if (heuristics != null && level != Level.cluster) {
      throw new ParameterException(spec.commandLine(), "--heuristics needs --level cluster");
    }
    AddressClustering clusterer = null;
    if (level == Level.cluster) {
      try {
        clusterer =
            AddressClustering.builder()
                .heuristics(heuristics == null ? AddressClustering.DEFAULT_HEURISTICS : heuristics)
                .build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Tracer.Builder b;
    try {
      b =
          Tracer.builder()
              .direction(direction)
              .maxHops(hops)
              .valueFloor(valueFloor)
              .fanOutLimit(fanOut)
              .maxTransactions(maxTx)
              .timeWindow(fromTime, toTime);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (LedgerSource s = source.open()) {
      Seed sd;
      try {
        sd = Seed.parse(seed, s.chain());
      } catch (IllegalArgumentException e) {
        throw new CliException("--seed '" + seed + "' is not a txid, TXID:N or address: " + e.getMessage());
      }
      if (taint != null && !TraceEnrichment.modelFits(s, taint)) {
        throw new ParameterException(
            spec.commandLine(),
            "--taint " + taint + " is not a model for " + s.chain().id() + " sources; use "
                + TraceEnrichment.modelsFor(s));
      }
      if (sd.kind() == Seed.Kind.ADDRESS) {
        sd = Seed.address(Args.address(seed, s)); // checksum: a typo must not trace nothing
      }
      Set<Address> stops = new HashSet<>();
      for (String a : stopAt) {
        stops.add(Args.address(a, s));
      }
      Watchlist w = intel.files.isEmpty() ? null : intel.load(spec.commandLine().getErr());
      Predicate<Address> stop = stops::contains;
      if (w != null && !throughServices) {
        stop = stop.or(w::isService);
      }
      TraceResult r = b.stopAt(stop).build().trace(s, sd);
      TraceReport report = TraceReport.of(r);
      if (w != null) {
        report.annotateNodes(TraceAnnotations.labels(w));
      }
      if (taint != null) {
        report.annotateEdges(TraceEnrichment.taint(s, sd, taint, r));
      }
      Clustering clustering = null;
      if (clusterer != null) {
        clustering = clusterer.run(SourceOption.requireUtxo(s, "--level cluster"));
        report.annotateNodes(TraceAnnotations.clusters(clustering));
      }
      if (format == Format.json && clustering != null) {
        ObjectNode json = report.toJson();
        json.set("entities", TraceAnnotations.entityFlows(r, clustering));
        output.emit(Json.write(json), spec.commandLine().getOut());
      } else {
        output.emit(render(report), spec.commandLine().getOut());
      }
    }
    return ExitCode.OK;
  }

  private void usage(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  /** Reads forward|backward|both in any case, and lists them in lower case when it cannot. */
  static final class DirectionConverter implements picocli.CommandLine.ITypeConverter<Direction> {
    @Override
    public Direction convert(String value) {
      try {
        return Direction.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected forward, backward or both, not '" + value + "'");
      }
    }
  }

  private static boolean knownTaintModel(String id) {
    try {
      io.tracer.core.taint.TaintModels.byId(id);
      return true;
    } catch (IllegalArgumentException e) {
      try {
        io.tracer.core.taint.account.AccountTaintModel.byId(id);
        return true;
      } catch (IllegalArgumentException e2) {
        return false;
      }
    }
  }

  private String render(TraceReport report) {
    switch (format) {
      case csv:
        return report.csv();
      case graphml:
        return report.graphml();
      case dot:
        return report.dot();
      case html:
        return report.html();
      default:
        return report.json();
    }
  }

  private Instant time(String text, String option, boolean endOfDay) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate d = LocalDate.parse(text);
        return endOfDay
            ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
            : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), option + " '" + text + "' is not a date (2024-01-31) or instant (2024-01-31T12:00:00Z)");
    }
  }
}
