package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.risk.ExposureConfig;
import io.tracer.core.risk.FlowModel;
import io.tracer.core.risk.Policy;
import io.tracer.core.risk.PolicyException;
import io.tracer.core.risk.ScreenJson;
import io.tracer.core.risk.ScreenResult;
import io.tracer.core.risk.Screener;
import io.tracer.core.risk.Severity;
import io.tracer.core.source.LedgerSource;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracer screen}: exposure of an address or transaction to flagged wallets, with alerts. */
@Command(
    name = "screen",
    mixinStandardHelpOptions = true,
    description = {
      "Screen an address (or a Bitcoin transaction) against threat intelligence: direct and"
          + " indirect exposure per category (sanctions, CSAM, human trafficking, ransomware,"
          + " darknet markets, scams, ...), incoming and outgoing, with evidence paths; a policy"
          + " turns exposure into alerts with severities low|medium|high|severe.",
      "Prints JSON. With --fail-on LEVEL the exit code is 3 when the severity reaches LEVEL."
    })
final class ScreenCommand implements Callable<Integer> {
  @Mixin SourceOption source;
  @Mixin IntelOptions intel;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  static final class Subject {
    @Option(names = "--address", paramLabel = "ADDRESS", description = "The address to screen.")
    String address;

    @Option(names = "--tx", paramLabel = "TXID", description = "A Bitcoin transaction to screen.")
    String tx;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  @Option(
      names = "--hops",
      defaultValue = "5",
      description = "Longest path to a flagged wallet, in hops (1-50). Default: ${DEFAULT-VALUE}.")
  int hops;

  @Option(
      names = "--decay",
      defaultValue = "1/2",
      paramLabel = "N/D",
      description = "Hop decay lambda as a fraction in (0,1]. Default: ${DEFAULT-VALUE}.")
  String decay;

  @Option(
      names = "--dust",
      paramLabel = "UNITS",
      description = "Do not follow paths below UNITS base units (default 1000 sat / 10^14 wei).")
  BigInteger dust;

  @Option(
      names = "--model",
      defaultValue = "haircut",
      description = "Taint model for the path search: haircut | fifo | poison | lifo | lifo_reverse_out | tiho. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML/JSON (default: built-in).")
  Path policy;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit with code 3 if the severity is at least LEVEL: low | medium | high | severe.")
  String failOn;

  @Override
  public Integer call() {
    if (intel.files.isEmpty()) {
      // Screening against no intelligence would always answer "none": a compliance gate must not
      // pass silently because a flag was left out of a script.
      throw new ParameterException(spec.commandLine(),
          "screen needs at least one --intel FILE|DIR: without threat intelligence nothing can be flagged");
    }
    ExposureConfig config = config();
    Severity threshold = null;
    if (failOn != null) {
      threshold =
          Severity.parse(failOn)
              .filter(s -> s != Severity.NONE)
              .orElseThrow(
                  () -> new ParameterException(spec.commandLine(),
                      "--fail-on must be low, medium, high or severe, not '" + failOn + "'"));
    }
    Policy p;
    try {
      p = policy == null ? Policy.defaultPolicy() : Policy.load(policy);
    } catch (PolicyException e) {
      throw new CliException(e.getMessage(), e);
    }
    Watchlist w = intel.load(spec.commandLine().getErr());
    if (w.size() == 0) {
      throw new CliException("no address loaded from --intel " + intel.files
          + ": screening against an empty watchlist would flag nothing");
    }
    Screener screener = Screener.builder().watchlist(w).policy(p).config(config).build();
    ScreenResult r;
    try (LedgerSource s = source.open()) {
      if (subject.tx != null) {
        r = screener.screenTransaction(SourceOption.requireUtxo(s, "screen --tx"), Args.txId(subject.tx));
      } else {
        Address a = Args.address(subject.address, s.chain());
        r = screener.screen(s, a);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    ObjectNode tree = ScreenJson.toTree(r);
    tree.set("intel", IntelOptions.summary(w, 20));
    output.emit(ScreenJson.write(tree), spec.commandLine().getOut());
    return threshold != null && r.reaches(threshold) ? ExitCode.THRESHOLD : ExitCode.OK;
  }

  /** Runs {@code r}, naming {@code option} in the message of what it rejects. */
  private static void named(String option, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private ExposureConfig config() {
    try {
      ExposureConfig.Builder b = ExposureConfig.builder();
      named("--hops", () -> b.maxHops(hops));
      named("--decay", () -> {
        String[] f = decay.split("/");
        if (f.length != 2) {
          throw new IllegalArgumentException("must be a fraction N/D such as 1/2, not '" + decay + "'");
        }
        try {
          b.decay(Long.parseLong(f[0].trim()), Long.parseLong(f[1].trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a fraction N/D of whole numbers below 2^63,"
              + " such as 1/2, not '" + decay + "'");
        }
      });
      b.model(FlowModel.named(model).orElseThrow(
          () -> new IllegalArgumentException(
              "--model must be haircut, fifo, poison, lifo, lifo_reverse_out or tiho")));
      if (dust != null) {
        for (io.tracer.core.model.Chain c : io.tracer.core.model.Chain.values()) {
          b.dustFloor(c, dust);
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
