package io.tracer.core.intel;

import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * tracer's CSV: a header naming at least {@code address,chain,category,label,source,confidence}
 * (any order; optional {@code date} and {@code actor}), then one row per address. RFC 4180 quoting
 * ({@code "a ""quoted"" label"}); a quoted field may span lines, up to {@link #MAX_LINE}
 * characters per record.
 */
final class CsvReader {
  private CsvReader() {}

  static final List<String> REQUIRED =
      List.of("address", "chain", "category", "label", "source", "confidence");

  /**
   * Longest line, and longest record of several lines, read; longer ones are reported and
   * skipped (protects memory).
   */
  static final int MAX_LINE = 64 * 1024;

  static void read(InputStream in, LoadContext ctx) throws IOException {
    Source src =
        new Source(
            new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE));
    Map<String, Integer> col = null;
    int width = 0; // fields in the header: every row needs at least as many
    Cache cache = new Cache();
    String line;
    while ((line = src.next()) != null) {
      long n = src.number;
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
      List<String> f = record(src, line, ctx);
      if (f == null) {
        continue;
      }
      if (col == null) {
        col = header(ctx, n, f);
        width = f.size();
        continue;
      }
      if (f.size() < width) {
        ctx.problem(n, "expected " + width + " fields, got " + f.size());
        continue;
      }
      row(ctx, n, f, col, cache);
    }
  }

  /** Column index by lower-case name; refuses a header that lacks or repeats a column. */
  private static Map<String, Integer> header(LoadContext ctx, long n, List<String> f) {
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < f.size(); i++) {
      String name = f.get(i).trim().toLowerCase(Locale.ROOT);
      // A repeated column would leave it unclear which one holds the value.
      if (!name.isEmpty() && col.putIfAbsent(name, i) != null) {
        throw new IntelException(
            ctx.file + ":" + n + ": CSV header repeats column '" + Texts.plain(name, 40) + "'");
      }
    }
    for (String req : REQUIRED) {
      if (!col.containsKey(req)) {
        throw new IntelException(
            ctx.file + ":" + n + ": CSV header lacks column '" + req + "' (needs "
                + String.join(",", REQUIRED) + ")");
      }
    }
    return col;
  }

  /**
   * The fields of the record that starts with {@code first} (line {@code src.number}), reading
   * on while a quoted field spans lines; null, reported, if the record is malformed. The lines
   * a malformed record took in are read again as records of their own: the likely cause is one
   * stray quote, and the rows after it must not be lost (nor become part of a label).
   */
  private static List<String> record(Source src, String first, LoadContext ctx)
      throws IOException {
    long start = src.number;
    Fields p = new Fields();
    boolean done = p.feed(first);
    String unclosed = "quoted field not closed on its line";
    List<String> taken = new ArrayList<>();
    long size = first.length();
    while (!done && src.mayJoin()) {
      String next = src.next();
      if (next == null) {
        unclosed = "quoted field not closed before the end of the file";
        break;
      }
      taken.add(next);
      size += next.length() + 1;
      if (next == BoundedLines.TOO_LONG || size > MAX_LINE) {
        unclosed = "quoted field not closed within " + MAX_LINE + " characters";
        break;
      }
      done = p.feed(next);
    }
    if (!done || p.error() != null) {
      ctx.problem(start, done ? p.error() : unclosed);
      src.again(start + 1, taken);
      return null;
    }
    return p.fields();
  }

  /**
   * Numbered lines, with lines pushed back to be read again. Lines read again are not joined
   * into multi-line records a second time, which keeps a load linear in the file's size.
   */
  private static final class Source {
    private final BoundedLines lines;
    private final ArrayDeque<String> again = new ArrayDeque<>();
    private long againFrom;
    long number;
    private boolean fromAgain;

    Source(BoundedLines lines) {
      this.lines = lines;
    }

    String next() throws IOException {
      fromAgain = !again.isEmpty();
      if (fromAgain) {
        number = againFrom++;
        return again.poll();
      }
      number++;
      return lines.next();
    }

    boolean mayJoin() {
      return !fromAgain;
    }

    /** Pushes back {@code taken}, the lines numbered from {@code from} on. */
    void again(long from, List<String> taken) {
      if (!taken.isEmpty()) {
        againFrom = from;
        again.addAll(taken);
      }
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

  /** Splits one RFC 4180 line; null if a quote is not closed or a field is malformed. */
  static List<String> split(String line) {
    Fields p = new Fields();
    return p.feed(line) && p.error() == null ? p.fields() : null;
  }

  /**
   * An RFC 4180 record parsed one line at a time, so that a quoted field may span lines. Strict
   * about quotes: one inside an unquoted field, or text after a closing quote, is an error, since
   * either means a quote went astray and the fields of the record may not be what they seem.
   */
  static final class Fields {
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder cur = new StringBuilder();
    private boolean quoted; // inside a quoted field
    private boolean closed; // the current field was quoted and its closing quote has been read
    private String error;

    /** Parses one more line; true when the record is complete or malformed (see {@link #error}). */
    boolean feed(String line) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c != '"') {
            cur.append(c);
          } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
            closed = true;
          }
        } else if (c == ',') {
          fields.add(cur.toString());
          cur.setLength(0);
          closed = false;
        } else if (closed) {
          if (!Character.isWhitespace(c)) {
            error = "text after a closing quote";
            return true;
          }
        } else if (c == '"') {
          if (!isBlank(cur)) {
            error = "quote inside an unquoted field";
            return true;
          }
          quoted = true;
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      if (quoted) {
        cur.append('\n'); // the line break belongs to the quoted field
        return false;
      }
      fields.add(cur.toString());
      return true;
    }

    String error() {
      return error;
    }

    List<String> fields() {
      return fields;
    }

    private static boolean isBlank(CharSequence s) {
      for (int i = 0; i < s.length(); i++) {
        if (!Character.isWhitespace(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
