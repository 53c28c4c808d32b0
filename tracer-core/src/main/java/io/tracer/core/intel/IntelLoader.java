package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads intelligence files into an {@link IntelSink} (usually a {@link Watchlist.Builder}). The
 * format is detected from the content (see {@link #detect}); the file name matters only for OFAC
 * address lists, whose symbol is in the name ({@code sanctioned_addresses_XBT.txt}).
 *
 * <p>Text formats (TXT, CSV, SDN XML, STIX objects) are streamed, so file size is bounded only by
 * the labels kept. Bad rows are reported as {@link LoadProblem}s with file and line and skipped;
 * files that cannot be read at all, or that are hostile (XML DTDs and external entities, YAML
 * aliases), throw {@link IntelException}. Stateless and thread-safe.
 */
public final class IntelLoader {
  private IntelLoader() {}

  private static final int SNIFF = 8192;

  /**
   * Limits and overrides for a load.
   *
   * @param format the format, or null to detect it from the content
   * @param symbol the OFAC symbol (XBT, ETH, USDT…) of a plain address list, or null to take it
   *     from the file name
   * @param maxTreeBytes largest MISP document read as a whole (other formats are streamed)
   * @param maxYamlCodePoints largest TagPack accepted (SnakeYAML code point limit)
   * @param maxProblems problems listed per file before the rest are only counted
   */
  public record Options(
      IntelFormat format, String symbol, long maxTreeBytes, int maxYamlCodePoints, int maxProblems) {
    public static final Options DEFAULT =
        new Options(null, null, 256L << 20, 256 << 20, 1000);

    public Options {
      if (maxTreeBytes <= 0 || maxYamlCodePoints <= 0 || maxProblems < 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    public Options withFormat(IntelFormat f) {
      return new Options(f, symbol, maxTreeBytes, maxYamlCodePoints, maxProblems);
    }

    public Options withSymbol(String s) {
      return new Options(format, s, maxTreeBytes, maxYamlCodePoints, maxProblems);
    }

    public Options withMaxTreeBytes(long n) {
      return new Options(format, symbol, n, maxYamlCodePoints, maxProblems);
    }

    public Options withMaxYamlCodePoints(int n) {
      return new Options(format, symbol, maxTreeBytes, n, maxProblems);
    }
  }

  /** Loads {@code file} with default options. */
  public static LoadSummary load(Path file, IntelSink sink) {
    return load(file, Options.DEFAULT, sink);
  }

  public static LoadSummary load(Path file, Options options, IntelSink sink) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.getFileName().toString(), options, sink);
    } catch (IOException e) {
      throw new IntelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a stream. {@code name} is used in problems and labels (and, for OFAC lists, gives the
   * symbol). The stream is not closed.
   */
  public static LoadSummary load(InputStream in, String name, Options options, IntelSink sink) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(options, "options");
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    try {
      IntelFormat f = options.format();
      boolean blank = false;
      if (f == null) {
        b.mark(SNIFF);
        byte[] head = b.readNBytes(SNIFF);
        b.reset();
        blank = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").isBlank();
        f = detect(head, name)
            .orElseThrow(
                () -> new IntelException(name + ": unrecognised intelligence format"));
      }
      LoadContext ctx = new LoadContext(name, sink, options);
      switch (f) {
        case OFAC_TXT:
        case OFAC_JSON:
          if (blank && options.symbol() == null && !OFAC_NAME.matcher(name).find()) {
            // only an OFAC list named for its symbol may legitimately be empty
            throw new IntelException(name + ": empty file, no intelligence in it");
          }
          OfacListReader.read(b, f, symbol(name, options), ctx);
          break;
        case SDN_ADVANCED_XML:
        case SDN_XML:
          SdnXmlReader.read(b, ctx);
          break;
        case TAGPACK:
          TagPackReader.read(b, ctx);
          break;
        case MISP:
          MispReader.read(b, ctx);
          break;
        case STIX:
          StixReader.read(b, ctx);
          break;
        case CSV:
          CsvReader.read(b, ctx);
          break;
        default:
          throw new IntelException(name + ": format " + f + " not supported");
      }
      return ctx.summary(f);
    } catch (IOException e) {
      throw new IntelException(name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Guesses the format from the first bytes of a file: XML root element, JSON shape, CSV header,
   * TagPack header keys, else a plain address list. The name only breaks the tie between a plain
   * list and nothing.
   */
  public static Optional<IntelFormat> detect(byte[] head, String name) {
    String s = new String(head, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    String t = s.stripLeading();
    if (t.isEmpty()) {
      return name.toLowerCase(Locale.ROOT).endsWith(".json")
          ? Optional.of(IntelFormat.OFAC_JSON)
          : Optional.of(IntelFormat.OFAC_TXT);
    }
    if (t.startsWith("<")) {
      if (t.contains("<sdnList") || t.contains(":sdnList")) {
        return Optional.of(IntelFormat.SDN_XML);
      }
      if (t.contains("ADVANCED_XML")
          || t.contains("<Sanctions")
          || t.contains("ReferenceValueSets")
          || t.contains("DistinctParties")) {
        return Optional.of(IntelFormat.SDN_ADVANCED_XML);
      }
      // Any other XML (including a bare DOCTYPE) goes to the SDN reader, which refuses DTDs and
      // reports an unexpected root element.
      return Optional.of(IntelFormat.SDN_ADVANCED_XML);
    }
    if (t.startsWith("[")) {
      String inner = t.substring(1).stripLeading();
      if (inner.startsWith("\"") || inner.startsWith("]")) {
        return Optional.of(IntelFormat.OFAC_JSON);
      }
      Optional<IntelFormat> byKeys = jsonByKeys(t);
      if (byKeys.isPresent()) {
        return byKeys;
      }
      if (inner.startsWith("{")) {
        return inner.contains("\"Event\"")
            ? Optional.of(IntelFormat.MISP)
            : t.contains("\"spec_version\"") || t.contains("\"type\"")
                ? Optional.of(IntelFormat.STIX)
                : Optional.empty();
      }
      return Optional.empty();
    }
    if (t.startsWith("{")) {
      Optional<IntelFormat> byKeys = jsonByKeys(t);
      if (byKeys.isPresent()) {
        return byKeys;
      }
      // keys not seen in the head (a huge first value): fall back to what the head contains
      if (t.contains("\"Event\"") || t.contains("\"Attribute\"")) {
        return Optional.of(IntelFormat.MISP);
      }
      if (t.contains("\"bundle\"") || t.contains("\"spec_version\"") || t.contains("\"objects\"")) {
        return Optional.of(IntelFormat.STIX);
      }
      return Optional.empty();
    }
    String first = firstContentLine(t);
    String lower = first.toLowerCase(Locale.ROOT);
    if (lower.startsWith("address,") || lower.startsWith("\"address\",") || isCsvHeader(first)) {
      return Optional.of(IntelFormat.CSV);
    }
    if (TAGPACK_KEY.matcher(first).find()) {
      return Optional.of(IntelFormat.TAGPACK);
    }
    for (String line : t.split("\n", 200)) {
      String l = line.strip();
      if (l.startsWith("tags:")
          || l.startsWith("title:")
          || l.startsWith("creator:")
          || l.equals("---")) {
        return Optional.of(IntelFormat.TAGPACK);
      }
    }
    return Optional.of(IntelFormat.OFAC_TXT);
  }

  /**
   * MISP or STIX from the top-level keys of the JSON object (or of the first object in a top-level
   * array) that the head shows, and the value of its {@code type}: a word such as "Event" in a
   * label or description decides nothing. Empty if the head shows neither.
   */
  private static Optional<IntelFormat> jsonByKeys(String head) {
    Set<String> keys = new HashSet<>();
    String type = null;
    try (JsonParser p = JsonSupport.mapper().getFactory().createParser(head)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken();
      }
      if (t != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        keys.add(key);
        if (p.nextToken() == JsonToken.VALUE_STRING && key.equals("type")) {
          type = p.getText();
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      // the head ends mid-document (or is not JSON): decide on the keys seen so far
    }
    if (keys.contains("Event") || keys.contains("response") || keys.contains("Attribute")) {
      return Optional.of(IntelFormat.MISP);
    }
    if ("bundle".equals(type) || keys.contains("spec_version") || keys.contains("objects")
        || (type != null && keys.contains("id"))) {
      return Optional.of(IntelFormat.STIX);
    }
    return Optional.empty();
  }

  /** A CSV header: names every column {@link CsvReader} requires, in any order. */
  private static boolean isCsvHeader(String line) {
    List<String> fields = CsvReader.split(line);
    if (fields == null) {
      return false;
    }
    Set<String> names = new HashSet<>();
    for (String f : fields) {
      names.add(f.trim().toLowerCase(Locale.ROOT));
    }
    return names.containsAll(CsvReader.REQUIRED);
  }

  /**
   * A YAML mapping key that TagPack headers use, at the start of the first line: the mandatory
   * keys may come after a description longer than the head.
   */
  private static final Pattern TAGPACK_KEY =
      Pattern.compile(
          "^(title|creator|tags|description|owner|is_public|currency|network|label|source"
              + "|confidence|category|abuse|lastmod|actor|concepts|context):(\\s|$)");

  private static String firstContentLine(String t) {
    for (String line : t.split("\n", 50)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        return l;
      }
    }
    return "";
  }

  private static final Pattern OFAC_NAME =
      Pattern.compile("(?i)sanctioned_addresses_([A-Z0-9]+)\\.(txt|json)$");

  private static String symbol(String name, Options options) {
    if (options.symbol() != null) {
      return options.symbol().trim().toUpperCase(Locale.ROOT);
    }
    var m = OFAC_NAME.matcher(name);
    if (m.find()) {
      return m.group(1).toUpperCase(Locale.ROOT);
    }
    throw new IntelException(
        name
            + ": a plain address list needs its OFAC symbol, from the file name"
            + " (sanctioned_addresses_XBT.txt) or given explicitly");
  }
}
