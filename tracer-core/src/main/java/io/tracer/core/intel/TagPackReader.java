package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * GraphSense TagPacks (YAML). Header fields other than {@code tags} are defaults that every tag
 * inherits unless it sets the field itself. A tag's categories come from {@code category}, {@code
 * abuse} and {@code concepts} through {@link Taxonomy}; a tag whose source is a US Treasury
 * sanctions page also gets {@link Category#SANCTIONS} (noted as inferred).
 *
 * <p>Hostile YAML: aliases are refused (SnakeYAML's alias limit is 0 for collections, and an alias
 * used as a scalar is reported), nesting depth and document size are capped, and the parser never
 * constructs arbitrary types (Jackson reads YAML as plain data).
 */
final class TagPackReader {
  private TagPackReader() {}

  static final int MAX_DEPTH = 20;

  private record RawTag(long line, JsonNode node) {}

  static ObjectMapper yamlMapper(int maxCodePoints) {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(0);
    lo.setAllowRecursiveKeys(false);
    lo.setNestingDepthLimit(MAX_DEPTH);
    lo.setCodePointLimit(maxCodePoints);
    lo.setAllowDuplicateKeys(true);
    YAMLFactory f =
        YAMLFactory.builder()
            .loaderOptions(lo)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1 << 20)
                    .build())
            .build();
    return new ObjectMapper(f);
  }

  static void read(InputStream in, LoadContext ctx) throws IOException {
    ObjectMapper m = yamlMapper(ctx.options.maxYamlCodePoints());
    Map<String, JsonNode> header = new LinkedHashMap<>();
    List<RawTag> tags = new ArrayList<>();
    try (JsonParser p = new AliasRefusingParser(m.getFactory().createParser(in), ctx.file)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntelException(ctx.file + ": a TagPack is a YAML mapping with a 'tags' list");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("tags")) {
          if (v != JsonToken.START_ARRAY) {
            throw new IntelException(ctx.file + ": 'tags' must be a list");
          }
          while (p.nextToken() != JsonToken.END_ARRAY) {
            long line = p.currentTokenLocation().getLineNr();
            if (p.currentToken() != JsonToken.START_OBJECT) {
              ctx.problem(line, "a tag must be a mapping");
              p.skipChildren();
              continue;
            }
            tags.add(new RawTag(line, readRaw(p)));
          }
        } else {
          header.put(field, readRaw(p));
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new IntelException(ctx.file + ": unexpected YAML structure");
      }
    } catch (JsonProcessingException e) {
      throw new IntelException(
          ctx.file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
              + ": malformed or refused YAML: " + Texts.plain(e.getOriginalMessage(), 200),
          e);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new IntelException(
          ctx.file + ": refused YAML: " + Texts.plain(e.getMessage(), 200), e);
    }
    String packTitle = text(header.get("title"));
    for (RawTag tag : tags) {
      tag(ctx, tag, header, packTitle);
    }
  }

  /**
   * Jackson reads YAML events without SnakeYAML's composer, so an alias ({@code *a}) arrives as
   * a string holding the anchor's name and is never expanded (no "billion laughs"). It would
   * still silently mislabel, so every token is checked and an alias refuses the whole file.
   */
  static final class AliasRefusingParser extends JsonParserDelegate {
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";
    /*
     * Tags that only say what plain data already is. Others (!foo, !!omap, !!set, !!binary, or a
     * %TAG prefix) ask for a meaning this reader never gives them, so they are refused too.
     */
    private static final List<String> PLAIN_TAGS =
        List.of("str", "int", "float", "bool", "null", "map", "seq");

    private final String file;

    AliasRefusingParser(JsonParser d, String file) {
      super(d);
      this.file = file;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t;
      try {
        t = super.nextToken();
      } catch (StreamConstraintsException e) {
        // It carries no location (reported as line 0) and names a Jackson setting.
        throw new JsonParseException(
            this, "nesting deeper than " + MAX_DEPTH + " levels is refused", e);
      } catch (JsonParseException e) {
        String m = e.getOriginalMessage();
        if (m != null && m.startsWith("Expected a field name")) {
          // Jackson's text quotes a raw SnakeYAML event object.
          throw new JsonParseException(this, "a complex (non-scalar) key is refused", e);
        }
        throw e;
      }
      if (delegate() instanceof YAMLParser y) {
        if (y.isCurrentAlias()) {
          throw new IntelException(
              file + ":" + currentTokenLocation().getLineNr() + ": YAML aliases are refused");
        }
        // Jackson gives the resolved tag without its leading '!'s.
        String tag = y.getTypeId();
        if (tag != null && !(tag.startsWith(STANDARD_TAG)
            && PLAIN_TAGS.contains(tag.substring(STANDARD_TAG.length())))) {
          String shown = tag.startsWith(STANDARD_TAG)
              ? "!!" + tag.substring(STANDARD_TAG.length())
              : tag.contains(":") ? tag : "!" + tag;
          throw new IntelException(file + ":" + currentTokenLocation().getLineNr()
              + ": YAML tag '" + Texts.plain(shown, 40) + "' is refused");
        }
      }
      return t;
    }
  }

  /** {@link #readRaw(JsonParser, boolean)} where a repeated key overrides (TagPacks). */
  static JsonNode readRaw(JsonParser p) throws IOException {
    return readRaw(p, false);
  }

  /**
   * Reads the current value keeping every scalar as its source text: YAML 1.1 would otherwise
   * turn an unquoted {@code 0x01e2…} address into a number and {@code 1e5} into a float. With
   * {@code refuseDuplicateKeys} a key repeated in a mapping is an error; otherwise the last one
   * wins, as TagPacks (third-party files) have always been read.
   */
  static JsonNode readRaw(JsonParser p, boolean refuseDuplicateKeys) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (refuseDuplicateKeys && o.has(name)) {
          throw new JsonParseException(p, "duplicate key '" + Texts.plain(name, 40) + "'");
        }
        p.nextToken();
        o.set(name, readRaw(p, refuseDuplicateKeys));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(readRaw(p, refuseDuplicateKeys));
      }
      return a;
    }
    if (t == JsonToken.VALUE_NULL) {
      return JsonNodeFactory.instance.nullNode();
    }
    return JsonNodeFactory.instance.textNode(p.getText());
  }

  private static String field(RawTag t, Map<String, JsonNode> header, String name) {
    JsonNode v = t.node.get(name);
    if (v == null || v.isNull()) {
      v = header.get(name);
    }
    return text(v);
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s == null ? null : s.trim();
  }

  private static void tag(
      LoadContext ctx, RawTag t, Map<String, JsonNode> header, String packTitle) {
    for (var it = t.node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().isContainerNode() && !e.getKey().equals("concepts")) {
        ctx.problem(t.line, "tag field '" + Texts.plain(e.getKey(), 40) + "' must be a scalar");
        return;
      }
    }
    String address = field(t, header, "address");
    if (address == null || address.isEmpty()) {
      // Transaction tags (tx_hash) and cluster-only tags carry no address: not an error.
      if (field(t, header, "tx_hash") == null) {
        ctx.problem(t.line, "tag without address");
      }
      return;
    }
    String currency = field(t, header, "currency");
    String network = field(t, header, "network");
    Optional<Chain> chain = chainOf(network, currency, address);
    if (chain.isEmpty()) {
      ctx.problem(
          t.line,
          "unknown currency/network '" + Texts.plain(currency + "/" + network, 40) + "'");
      return;
    }
    String label = field(t, header, "label");
    if (label == null) {
      label = packTitle == null ? "" : packTitle;
    }
    String source = field(t, header, "source");
    if (source == null) {
      source = "";
    }
    Confidence conf = ctx.confidence(t.line, field(t, header, "confidence"));
    LocalDate date = null;
    String lastmod = field(t, header, "lastmod");
    if (lastmod != null && !lastmod.isEmpty()) {
      try {
        date = LocalDate.parse(lastmod.length() > 10 ? lastmod.substring(0, 10) : lastmod);
      } catch (DateTimeParseException e) {
        ctx.problem(t.line, "bad lastmod '" + Texts.plain(lastmod, 30) + "'; kept without date");
      }
    }
    String actor = field(t, header, "actor");
    List<String> terms = new ArrayList<>();
    List<String> originals = new ArrayList<>();
    for (String key : List.of("category", "abuse")) {
      String v = field(t, header, key);
      if (v != null && !v.isEmpty()) {
        terms.add(v);
        originals.add(key + ":" + v);
      }
    }
    JsonNode concepts = t.node.has("concepts") ? t.node.get("concepts") : header.get("concepts");
    if (concepts != null && concepts.isArray()) {
      for (JsonNode c : concepts) {
        if (c.isTextual()) {
          terms.add(c.asText());
          originals.add("concept:" + c.asText());
        }
      }
    }
    String original = String.join(" ", originals);
    EnumSet<Category> cats = EnumSet.noneOf(Category.class);
    for (String term : terms) {
      Taxonomy.category(term).ifPresent(cats::add);
    }
    boolean inferred = false;
    if (Taxonomy.isOfacSource(source) && !cats.contains(Category.SANCTIONS)) {
      cats.add(Category.SANCTIONS);
      inferred = true;
    }
    if (cats.isEmpty()) {
      cats.add(Category.OTHER);
    }
    Optional<io.tracer.core.model.Address> a = ctx.address(t.line, chain.get(), address);
    if (a.isEmpty()) {
      return;
    }
    for (Category c : cats) {
      String orig =
          c == Category.SANCTIONS && inferred
              ? (original.isEmpty() ? "" : original + " ") + "(sanctions inferred from OFAC source)"
              : original;
      ctx.emit(
          a.get(),
          new Label(c, orig, label, source, conf, date, actor, ctx.file + " (TAGPACK)"));
    }
  }

  private static Optional<Chain> chainOf(String network, String currency, String address) {
    for (String s : new String[] {network, currency}) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      String u = s.trim().toUpperCase(Locale.ROOT);
      if (u.equals("USDT") || u.equals("USDC")) {
        return AddressChecks.chainOfTokenAddress(address);
      }
      Optional<Chain> c = Chain.fromTicker(u);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }
}
