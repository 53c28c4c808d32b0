package io.tracer.cli;

import io.tracer.core.intel.IntelException;
import io.tracer.core.intel.LoadProblem;
import io.tracer.core.intel.LoadSummary;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.report.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --intel F}: threat-intelligence files to load (format detected from content). */
final class IntelOptions {
  @Option(
      names = "--intel",
      paramLabel = "FILE",
      description = {
        "Threat-intelligence file: OFAC sanctioned_addresses_<SYM>.txt|json, SDN_ADVANCED.XML or"
            + " sdn.xml, GraphSense TagPack YAML, MISP event JSON, STIX 2.1 bundle, or CSV"
            + " (address,chain,category,label,source,confidence). Format detected from content."
            + " Repeatable; a directory loads every file in it."
      })
  List<Path> files = new ArrayList<>();

  /**
   * Loads every file into one watchlist. Bad rows are skipped and summarised on stderr (file:line
   * for the first few); a file that cannot be read at all is an error.
   */
  Watchlist load(PrintWriter err) {
    Watchlist.Builder b = Watchlist.builder();
    for (Path p : expand()) {
      try {
        b.load(p);
      } catch (IntelException e) {
        throw new CliException("cannot load intel " + p + ": " + e.getMessage(), e);
      }
    }
    Watchlist w = b.build();
    if (!w.problems().isEmpty()) {
      err.println("tracer: warning: " + w.problems().size() + " intel rows skipped");
      for (LoadProblem p : w.problems().subList(0, Math.min(5, w.problems().size()))) {
        err.println("  " + p);
      }
      err.flush();
    }
    return w;
  }

  private List<Path> expand() {
    List<Path> out = new ArrayList<>();
    for (Path p : files) {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (java.io.IOException e) {
          throw new CliException("cannot list " + p + ": " + e.getMessage(), e);
        }
      } else if (!Files.exists(p)) {
        throw new CliException("intel file not found: " + p);
      } else if (!Files.isRegularFile(p)) {
        throw new CliException("intel file " + p + " is not a regular file or folder (a device or pipe?)");
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** What was loaded, for the JSON output. */
  static ObjectNode summary(Watchlist w, int maxProblems) {
    ObjectNode n = Json.object();
    n.put("addresses", w.size());
    n.put("labels", w.labelCount());
    ArrayNode loads = n.putArray("files");
    for (LoadSummary s : w.loads()) {
      ObjectNode l = loads.addObject();
      l.put("file", s.file());
      l.put("format", s.format().name().toLowerCase(java.util.Locale.ROOT));
      l.put("accepted", s.accepted());
      l.put("skipped", s.problems());
    }
    ArrayNode probs = n.putArray("problems");
    for (LoadProblem p : w.problems().subList(0, Math.min(maxProblems, w.problems().size()))) {
      ObjectNode o = probs.addObject();
      o.put("file", p.file());
      o.put("line", p.line());
      o.put("message", p.message());
    }
    n.put("problem_count", w.problems().size());
    return n;
  }
}
