package io.tracer.core.intel;

import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * tracer's CSV: a header naming at least {@code address,chain,category,label,source,confidence}
 * (any order; optional {@code date} and {@code actor}), then one row per address. RFC 4180 quoting
 * ({@code "a ""quoted"" label"}). Fields must not span lines.
 */
final class CsvReader {
  private CsvReader() {}

  static final List<String> REQUIRED =
      List.of("address", "chain", "category", "label", "source", "confidence");

  /** Longest line read; longer lines are reported and skipped (protects memory). */
  static final int MAX_LINE = 64 * 1024;

  static void read(InputStream in, LoadContext ctx) throws IOException {
    BoundedLines r = new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
    Map<String, Integer> col = null;
    Cache cache = new Cache();
    String line;
    long n = 0;
    while ((line = r.next()) != null) {
      n++;
      if (line == BoundedLines.TOO_LONG) {
        ctx.problem(n, "line longer than " + MAX_LINE + " characters");
        continue;
      }
      if (n == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = split(line);
      if (f == null) {
        ctx.problem(n, "unbalanced quotes");
        continue;
      }
      if (col == null) {
        col = new HashMap<>();
        for (int i = 0; i < f.size(); i++) {
          col.putIfAbsent(f.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String req : REQUIRED) {
          if (!col.containsKey(req)) {
            throw new IntelException(
                ctx.file + ":" + n + ": CSV header lacks column '" + req + "' (needs "
                    + String.join(",", REQUIRED) + ")");
          }
        }
        continue;
      }
      if (f.size() < col.size()) {
        ctx.problem(n, "expected " + col.size() + " fields, got " + f.size());
        continue;
      }
      row(ctx, n, f, col, cache);
    }
  }

  /** Parsed chain, category and confidence texts: generated lists repeat a handful of values. */
  private static final class Cache {
    final Map<String, Optional<Chain>> chains = new HashMap<>();
    final Map<String, Optional<Category>> categories = new HashMap<>();
    final Map<String, Optional<Confidence>> confidences = new HashMap<>();
    final Map<List<Object>, Label> labels = new HashMap<>();
  }

  private static void row(
      LoadContext ctx, long n, List<String> f, Map<String, Integer> col, Cache cache) {
    String chainText = get(f, col, "chain");
    Optional<Chain> chain =
        cache.chains.computeIfAbsent(
            chainText, t -> Chain.fromId(t).or(() -> Chain.fromTicker(t)));
    if (chain.isEmpty()) {
      ctx.problem(n, "unknown chain '" + LoadContext.abbreviate(chainText) + "'");
      return;
    }
    String catText = get(f, col, "category");
    Optional<Category> cat =
        cache.categories.computeIfAbsent(
            catText, t -> Category.fromId(t).or(() -> Taxonomy.category(t)));
    if (cat.isEmpty()) {
      ctx.problem(n, "unknown category '" + LoadContext.abbreviate(catText) + "'");
      return;
    }
    String confText = get(f, col, "confidence");
    Confidence conf = Confidence.UNKNOWN;
    if (!confText.isBlank()) {
      Optional<Confidence> c = cache.confidences.computeIfAbsent(confText, Confidence::parse);
      if (c.isEmpty()) {
        ctx.problem(n, "unknown confidence '" + LoadContext.abbreviate(confText) + "'");
        return;
      }
      conf = c.get();
    }
    LocalDate date = null;
    String dateText = col.containsKey("date") ? get(f, col, "date") : "";
    if (!dateText.isBlank()) {
      try {
        date = LocalDate.parse(dateText.trim());
      } catch (DateTimeParseException e) {
        ctx.problem(n, "bad date '" + LoadContext.abbreviate(dateText) + "' (want YYYY-MM-DD)");
        return;
      }
    }
    String actor = col.containsKey("actor") ? get(f, col, "actor") : null;
    Category category = cat.get();
    Confidence confidence = conf;
    LocalDate d = date;
    String labelText = get(f, col, "label");
    String source = get(f, col, "source");
    // Identical rows share one Label (and skip re-cleaning its text); bounded so that a file of
    // unique labels does not grow a second copy of itself.
    List<Object> key = java.util.Arrays.asList(category, catText, labelText, source, confidence, d, actor);
    Label l = cache.labels.get(key);
    if (l == null) {
      l = new Label(category, catText, labelText, source, confidence, d, actor, ctx.file + " (CSV)");
      if (cache.labels.size() < 100_000) {
        cache.labels.put(key, l);
      }
    }
    Label use = l;
    ctx.address(n, chain.get(), get(f, col, "address")).ifPresent(a -> ctx.emit(a, use));
  }

  private static String get(List<String> f, Map<String, Integer> col, String name) {
    return f.get(col.get(name)).trim();
  }

  /** Splits one RFC 4180 line; null if quotes are unbalanced. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        cur.setLength(0);
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(cur.toString());
    return out;
  }
}
