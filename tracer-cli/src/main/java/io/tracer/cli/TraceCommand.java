package io.tracer.cli;

import io.tracer.core.model.Address;
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
      description = "forward | backward | both. Default: ${DEFAULT-VALUE}.")
  Direction direction;

  @Option(
      names = "--hops",
      defaultValue = "3",
      description = "Most transactions from the seed (1-100). Default: ${DEFAULT-VALUE}.")
  int hops;

  @Option(
      names = "--value-floor",
      defaultValue = "0",
      paramLabel = "UNITS",
      description = "Do not follow native-coin outputs/transfers below UNITS base units (sat, wei).")
  BigInteger valueFloor;

  @Option(
      names = "--fan-out",
      defaultValue = "100",
      description = "Do not follow transactions with more outputs than this. Default: ${DEFAULT-VALUE}.")
  int fanOut;

  @Option(
      names = "--max-tx",
      defaultValue = "10000",
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

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json | csv | graphml | dot | html. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() {
    Tracer.Builder b;
    try {
      b =
          Tracer.builder()
              .direction(direction)
              .maxHops(hops)
              .valueFloor(valueFloor)
              .fanOutLimit(fanOut)
              .maxTransactions(maxTx)
              .timeWindow(time(from, "--from", false), time(to, "--to", true));
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
      Set<Address> stops = new HashSet<>();
      for (String a : stopAt) {
        stops.add(Args.address(a, s.chain()));
      }
      TraceResult r = b.stopAt(stops::contains).build().trace(s, sd);
      TraceReport report = TraceReport.of(r);
      output.emit(render(report), spec.commandLine().getOut());
    }
    return ExitCode.OK;
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
