package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.intel.AddressChecks;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.report.Json;
import io.tracer.core.risk.ScreenJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracer intel stats|lookup}: inspect threat-intelligence files. */
@Command(
    name = "intel",
    mixinStandardHelpOptions = true,
    description = "Inspect threat-intelligence files: counts per category and chain, or the labels of an address.",
    subcommands = {IntelCommand.Stats.class, IntelCommand.Lookup.class})
final class IntelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: stats or lookup");
  }

  /** {@code tracer intel stats --intel F...}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Load the files and print what they hold: addresses per category and chain, files, skipped rows.")
  static final class Stats implements Callable<Integer> {
    @Mixin IntelOptions intel;
    @Mixin OutputOption output;
    @Mixin GlobalOptions global;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (intel.files.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "at least one --intel FILE is required");
      }
      Watchlist w = intel.load(spec.commandLine().getErr());
      Watchlist.Stats st = w.stats();
      ObjectNode root = IntelOptions.summary(w, 1000);
      ObjectNode cats = root.putObject("addresses_by_category");
      for (Map.Entry<Category, Integer> e : st.addressesByCategory().entrySet()) {
        cats.put(e.getKey().id(), e.getValue());
      }
      ObjectNode chains = root.putObject("addresses_by_chain");
      for (Map.Entry<Chain, Integer> e : st.addressesByChain().entrySet()) {
        chains.put(e.getKey().id(), e.getValue());
      }
      output.emit(ScreenJson.write(root), spec.commandLine().getOut());
      return ExitCode.OK;
    }
  }

  /** {@code tracer intel lookup --intel F... ADDRESS...}. */
  @Command(
      name = "lookup",
      mixinStandardHelpOptions = true,
      description = "Print the labels of each ADDRESS (chain:address, or a bare address whose chain is guessed).")
  static final class Lookup implements Callable<Integer> {
    @Mixin IntelOptions intel;
    @Mixin OutputOption output;
    @Mixin GlobalOptions global;
    @Spec CommandSpec spec;

    @Option(names = "--chain", paramLabel = "CHAIN", description = "Chain of bare addresses (bitcoin, ethereum, tron, ...).")
    String chain;

    @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "Addresses to look up.")
    List<String> addresses;

    @Override
    public Integer call() {
      if (intel.files.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "at least one --intel FILE is required");
      }
      Chain fixed = null;
      if (chain != null) {
        fixed = Chain.fromId(chain).orElseThrow(
            () -> new ParameterException(spec.commandLine(), "unknown chain '" + chain + "'"));
      }
      Watchlist w = intel.load(spec.commandLine().getErr());
      ObjectNode root = Json.object();
      ArrayNode results = root.putArray("results");
      int hits = 0;
      for (String text : addresses) {
        Address a = parse(text, fixed);
        List<Label> labels = w.lookup(a);
        ObjectNode n = results.addObject();
        n.put("address", a.display());
        n.put("chain", a.chain().id());
        n.put("flagged", !labels.isEmpty());
        ArrayNode ls = n.putArray("labels");
        for (Label l : labels) {
          ObjectNode o = ls.addObject();
          o.put("category", l.category().id());
          o.put("kind", l.category().kind().name().toLowerCase(Locale.ROOT));
          o.put("original_category", l.originalCategory());
          o.put("label", l.label());
          o.put("source", l.source());
          o.put("confidence", l.confidence().id());
          o.put("confidence_level", l.confidence().level());
          o.put("date", l.date() == null ? null : l.date().toString());
          o.put("actor", l.actor());
          o.put("origin", l.origin());
        }
        hits += labels.isEmpty() ? 0 : 1;
      }
      root.put("flagged_count", hits);
      output.emit(ScreenJson.write(root), spec.commandLine().getOut());
      return ExitCode.OK;
    }

    private Address parse(String text, Chain fixed) {
      if (fixed != null) {
        return Args.address(text, fixed);
      }
      int colon = text.indexOf(':');
      if (colon > 0 && Chain.fromId(text.substring(0, colon)).isPresent()) {
        return Args.address(text, Chain.BITCOIN);
      }
      Chain c = AddressChecks.likelyChain(text).orElseThrow(
          () -> new CliException("cannot tell the chain of '" + text + "'; use --chain or chain:address"));
      return Args.address(text, c);
    }
  }
}
