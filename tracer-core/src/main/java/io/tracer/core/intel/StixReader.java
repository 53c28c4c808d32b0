package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX 2.1 bundles, streamed object by object: {@code cryptocurrency-wallet} observables (OpenCTI
 * and stix2extensions, {@code value} or {@code address}) and {@code indicator}s whose pattern
 * compares {@code cryptocurrency-wallet:value} (or {@code :address}) with a literal. Categories
 * come from the object's {@code labels}, {@code x_opencti_labels} and {@code indicator_types}, and
 * from {@code malware} / {@code threat-actor} objects an indicator {@code indicates} (their
 * {@code malware_types}, {@code labels} and name). Without any, the category is {@link
 * Category#FLAGGED}. Confidence is the STIX {@code confidence} (0–100) or OpenCTI's {@code
 * x_opencti_score}.
 */
final class StixReader {
  private StixReader() {}

  /**
   * Where a wallet comparison's string literal starts (just after its opening quote). The literal
   * itself is read by {@link #literal}: a regex alternation over its characters recursed once per
   * character and overflowed the stack on a literal of about 1,500 characters.
   */
  static final Pattern WALLET =
      Pattern.compile("cryptocurrency-wallet:(?:value|address)\\s*=\\s*'");

  /**
   * Longest indicator pattern read. Scanning is linear, so this only bounds the work per object;
   * a pattern OR-ing thousands of wallets stays well below it.
   */
  static final int MAX_PATTERN = 1 << 20;

  private record Item(long line, String id, List<String> addresses, JsonNode node) {}

  static void read(InputStream in, LoadContext ctx) throws IOException {
    ObjectMapper m = JsonSupport.mapper();
    List<Item> items = new ArrayList<>();
    Map<String, List<String>> indicates = new HashMap<>(); // source_ref -> target refs
    Map<String, JsonNode> targets = new LinkedHashMap<>(); // malware, threat-actor, …
    try (JsonParser p = m.getFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("objects") && v == JsonToken.START_ARRAY) {
            found = true;
            objects(p, ctx, items, indicates, targets);
          } else {
            p.skipChildren();
          }
        }
        if (!found) {
          throw new IntelException(ctx.file + ": STIX bundle without an 'objects' list");
        }
      } else if (t == JsonToken.START_ARRAY) {
        objects(p, ctx, items, indicates, targets);
      } else {
        throw new IntelException(ctx.file + ": not a STIX bundle");
      }
    } catch (JsonProcessingException e) {
      throw new IntelException(
          ctx.file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
              + ": malformed JSON: " + Texts.plain(e.getOriginalMessage(), 200), e);
    }
    for (Item it : items) {
      List<String> terms = terms(it.node);
      for (String ref : indicates.getOrDefault(it.id, List.of())) {
        JsonNode target = targets.get(ref);
        if (target != null) {
          terms.addAll(terms(target));
          String name = JsonSupport.text(target, "name");
          if (name != null) {
            terms.add(name);
          }
          String type = JsonSupport.text(target, "type");
          if (type != null) {
            terms.add(type);
          }
        }
      }
      emit(ctx, it, terms);
    }
  }

  private static void objects(
      JsonParser p, LoadContext ctx, List<Item> items, Map<String, List<String>> indicates,
      Map<String, JsonNode> targets) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IntelException(ctx.file + ": truncated STIX bundle");
      }
      long line = p.currentTokenLocation().getLineNr();
      if (t != JsonToken.START_OBJECT) {
        ctx.problem(line, "STIX object expected, got " + t);
        p.skipChildren();
        continue;
      }
      JsonNode o = p.readValueAsTree();
      String type = JsonSupport.text(o, "type");
      String id = JsonSupport.text(o, "id");
      if (type == null) {
        ctx.problem(line, "STIX object without type");
        continue;
      }
      switch (type) {
        case "cryptocurrency-wallet":
          {
            String v = JsonSupport.text(o, "value");
            if (v == null) {
              v = JsonSupport.text(o, "address");
            }
            if (v == null) {
              ctx.problem(line, "cryptocurrency-wallet without value");
            } else {
              items.add(new Item(line, id, List.of(v), o));
            }
            break;
          }
        case "indicator":
          {
            String pattern = JsonSupport.text(o, "pattern");
            if (pattern == null) {
              break;
            }
            if (pattern.length() > MAX_PATTERN) {
              ctx.problem(line, "indicator pattern longer than " + MAX_PATTERN + " characters");
              break;
            }
            List<String> addrs = walletValues(pattern);
            if (!addrs.isEmpty()) {
              items.add(new Item(line, id, addrs, o));
            } else if (pattern.contains("cryptocurrency-wallet")) {
              ctx.problem(line, "indicator pattern on cryptocurrency-wallet not understood");
            }
            break;
          }
        case "relationship":
          {
            String rel = JsonSupport.text(o, "relationship_type");
            String src = JsonSupport.text(o, "source_ref");
            String dst = JsonSupport.text(o, "target_ref");
            if (src != null && dst != null
                && ("indicates".equals(rel) || "related-to".equals(rel)
                    || "attributed-to".equals(rel) || "belongs-to".equals(rel))) {
              indicates.computeIfAbsent(src, k -> new ArrayList<>()).add(dst);
            }
            break;
          }
        default:
          if (id != null) {
            targets.put(id, o);
          }
          break;
      }
    }
  }

  /** The literals compared with {@code cryptocurrency-wallet:value} (or {@code :address}). */
  static List<String> walletValues(String pattern) {
    List<String> out = new ArrayList<>();
    Matcher mt = WALLET.matcher(pattern);
    int from = 0;
    while (from < pattern.length() && mt.find(from)) {
      StringBuilder value = new StringBuilder();
      int end = literal(pattern, mt.end(), value);
      if (end < 0) {
        break; // unterminated: nothing after it can be a well-formed comparison
      }
      out.add(value.toString());
      from = end;
    }
    return out;
  }

  /**
   * Reads a STIX string literal whose opening quote ends before {@code start} into {@code out},
   * undoing the {@code \'} and {@code \\} escapes; the index after the closing quote, or -1 if
   * the literal is not closed. A loop, not a regex: its length cannot exhaust the stack.
   */
  private static int literal(String s, int start, StringBuilder out) {
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        if (next != '\'' && next != '\\') {
          out.append(c); // not an escape STIX defines: keep it as written
        }
        out.append(next);
      } else {
        out.append(c);
      }
    }
    return -1;
  }

  private static List<String> terms(JsonNode o) {
    List<String> t = new ArrayList<>();
    t.addAll(JsonSupport.texts(o, "labels"));
    t.addAll(JsonSupport.texts(o, "x_opencti_labels"));
    t.addAll(JsonSupport.texts(o, "indicator_types"));
    t.addAll(JsonSupport.texts(o, "malware_types"));
    t.addAll(JsonSupport.texts(o, "threat_actor_types"));
    return t;
  }

  private static void emit(LoadContext ctx, Item it, List<String> terms) {
    EnumSet<Category> cats = EnumSet.noneOf(Category.class);
    List<String> matched = new ArrayList<>();
    for (String term : terms) {
      for (String x : JsonSupport.tagTerms(term)) {
        Optional<Category> c = Taxonomy.category(x);
        if (c.isPresent()) {
          cats.add(c.get());
          matched.add(term);
          break;
        }
      }
    }
    if (cats.isEmpty()) {
      cats.add(Category.FLAGGED);
    }
    String type = JsonSupport.text(it.node, "type");
    String name = JsonSupport.text(it.node, "name");
    String description = JsonSupport.text(it.node, "description");
    String label = name != null ? name : description != null ? description : "";
    String c = JsonSupport.text(it.node, "confidence");
    if (c == null) {
      c = JsonSupport.text(it.node, "x_opencti_score");
    }
    Confidence conf = ctx.confidence(it.line, c);
    LocalDate date = JsonSupport.date(JsonSupport.text(it.node, "modified"));
    if (date == null) {
      date = JsonSupport.date(JsonSupport.text(it.node, "valid_from"));
    }
    String source = "STIX " + type + " " + (it.id == null ? "?" : it.id);
    String original =
        "stix:" + type + (matched.isEmpty() ? "" : " labels: " + String.join(", ", matched));
    String symbol = JsonSupport.text(it.node, "symbol");
    for (String addr : it.addresses) {
      Optional<Chain> chain = JsonSupport.guessChain(addr, symbol);
      if (chain.isEmpty()) {
        ctx.problem(it.line, "cannot tell the chain of '" + LoadContext.abbreviate(addr) + "'");
        continue;
      }
      LocalDate d = date;
      Confidence cf = conf;
      ctx.address(it.line, chain.get(), addr)
          .ifPresent(
              a -> {
                for (Category cat : cats) {
                  ctx.emit(a, new Label(cat, original, label, source, cf, d, null,
                      ctx.file + " (STIX)"));
                }
              });
    }
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
