package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MISP event JSON: {@code {"Event":{…}}}, {@code {"response":[{"Event":…}]}} or a list of those.
 * Addresses come from attributes of type {@code btc}, {@code xmr}, {@code dash}, {@code ltc},
 * {@code eth} and from {@code coin-address} / {@code btc-wallet} objects. Categories come from
 * event and attribute tags and galaxies (through {@link Taxonomy}); an address with none gets
 * {@link Category#SCAM} when MISP files it under "Financial fraud", else {@link Category#FLAGGED}.
 * A MISP document is read whole, up to {@link IntelLoader.Options#maxTreeBytes()}.
 */
final class MispReader {
  private MispReader() {}

  static void read(InputStream in, LoadContext ctx) throws IOException {
    JsonNode root;
    try {
      root = JsonSupport.mapper().readTree(JsonSupport.limited(in, ctx.options.maxTreeBytes(), ctx.file));
    } catch (JsonProcessingException e) {
      throw new IntelException(
          ctx.file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
              + ": malformed JSON: " + Texts.plain(e.getOriginalMessage(), 200), e);
    }
    List<JsonNode> events = new ArrayList<>();
    collectEvents(root, events);
    if (events.isEmpty()) {
      throw new IntelException(ctx.file + ": no MISP Event found");
    }
    for (int i = 0; i < events.size(); i++) {
      event(ctx, events.get(i), "Event[" + i + "]");
    }
  }

  private static void collectEvents(JsonNode n, List<JsonNode> out) {
    if (n == null) {
      return;
    }
    if (n.isArray()) {
      for (JsonNode x : n) {
        collectEvents(x, out);
      }
    } else if (n.isObject()) {
      if (n.has("Event")) {
        out.add(n.get("Event"));
      } else if (n.has("response")) {
        collectEvents(n.get("response"), out);
      } else if (n.has("Attribute") || n.has("Object")) {
        out.add(n);
      }
    }
  }

  private static void event(LoadContext ctx, JsonNode ev, String where) {
    String info = JsonSupport.text(ev, "info");
    String uuid = JsonSupport.text(ev, "uuid");
    String org = ev.has("Orgc") ? JsonSupport.text(ev.get("Orgc"), "name") : null;
    LocalDate date = JsonSupport.date(JsonSupport.text(ev, "date"));
    String source =
        "MISP event " + (uuid == null ? "?" : uuid) + (org == null ? "" : " (" + org + ")");
    List<String> eventTags = tags(ev);
    JsonNode attrs = ev.get("Attribute");
    if (attrs != null && attrs.isArray()) {
      for (int i = 0; i < attrs.size(); i++) {
        JsonNode a = attrs.get(i);
        String type = lower(JsonSupport.text(a, "type"));
        Chain chain = chainOfType(type);
        if (chain == null) {
          continue; // not an address attribute (ip-dst, url, …)
        }
        String w = where + ".Attribute[" + i + "]";
        List<String> t = new ArrayList<>(eventTags);
        t.addAll(tags(a));
        emit(ctx, w, chain, JsonSupport.text(a, "value"), t, JsonSupport.text(a, "category"),
            "misp:" + type, info, source, date);
      }
    }
    JsonNode objs = ev.get("Object");
    if (objs != null && objs.isArray()) {
      for (int i = 0; i < objs.size(); i++) {
        JsonNode o = objs.get(i);
        String name = lower(JsonSupport.text(o, "name"));
        if (!"coin-address".equals(name) && !"btc-wallet".equals(name)) {
          continue;
        }
        String w = where + ".Object[" + i + "]";
        String symbol = null;
        List<String[]> addresses = new ArrayList<>(); // relation, value
        List<String> t = new ArrayList<>(eventTags);
        t.addAll(tags(o));
        JsonNode oa = o.get("Attribute");
        if (oa != null && oa.isArray()) {
          for (JsonNode a : oa) {
            String rel = lower(JsonSupport.text(a, "object_relation"));
            String v = JsonSupport.text(a, "value");
            if (rel == null || v == null) {
              continue;
            }
            t.addAll(tags(a));
            switch (rel) {
              case "symbol":
                symbol = v;
                break;
              case "address":
              case "address-xmr":
              case "address-crypto":
              case "wallet-address":
                addresses.add(new String[] {rel, v});
                break;
              default:
                break;
            }
          }
        }
        if (addresses.isEmpty()) {
          ctx.problem(0, w + ": " + name + " object without an address");
        }
        for (String[] ra : addresses) {
          Optional<Chain> chain;
          if (ra[0].equals("address-xmr")) {
            chain = Optional.of(Chain.MONERO);
          } else if (symbol != null) {
            chain = JsonSupport.guessChain(ra[1], symbol);
          } else if (ra[0].equals("address") || ra[0].equals("wallet-address")) {
            chain = Optional.of(Chain.BITCOIN);
          } else {
            chain = JsonSupport.guessChain(ra[1], null);
          }
          if (chain.isEmpty()) {
            ctx.problem(0, w + ": cannot tell the chain of '" + LoadContext.abbreviate(ra[1]) + "'");
            continue;
          }
          emit(ctx, w, chain.get(), ra[1], t, "Financial fraud", "misp-object:" + name + "/" + ra[0],
              info, source, date);
        }
      }
    }
  }

  private static void emit(
      LoadContext ctx, String where, Chain chain, String value, List<String> tags,
      String mispCategory, String original, String info, String source, LocalDate date) {
    if (value == null || value.isBlank()) {
      ctx.problem(0, where + ": empty address value");
      return;
    }
    EnumSet<Category> cats = EnumSet.noneOf(Category.class);
    List<String> matched = new ArrayList<>();
    for (String tag : tags) {
      for (String term : JsonSupport.tagTerms(tag)) {
        Optional<Category> c = Taxonomy.category(term);
        if (c.isPresent()) {
          cats.add(c.get());
          matched.add(tag);
          break;
        }
      }
    }
    if (cats.isEmpty()) {
      cats.add(
          mispCategory != null && mispCategory.equalsIgnoreCase("Financial fraud")
              ? Category.SCAM
              : Category.FLAGGED);
    }
    String orig =
        original + (mispCategory == null ? "" : " [" + mispCategory + "]")
            + (matched.isEmpty() ? "" : " tags: " + String.join(", ", matched));
    // Validation failure is reported with a JSON path instead of a line (the tree has none).
    Optional<String> bad = AddressChecks.problem(chain, value);
    if (bad.isPresent()) {
      ctx.problem(0, where + ": invalid " + chain.id() + " address '"
          + LoadContext.abbreviate(value) + "': " + bad.get());
      return;
    }
    Address a = Address.of(chain, value.trim());
    for (Category c : cats) {
      ctx.emit(a, new Label(c, orig, info == null ? "" : info, source, Confidence.UNKNOWN, date,
          null, ctx.file + " (MISP)"));
    }
  }

  private static List<String> tags(JsonNode n) {
    List<String> out = new ArrayList<>();
    JsonNode tags = n.get("Tag");
    if (tags != null && tags.isArray()) {
      for (JsonNode t : tags) {
        String name = JsonSupport.text(t, "name");
        if (name != null) {
          out.add(name);
        }
      }
    }
    JsonNode gal = n.get("Galaxy");
    if (gal != null && gal.isArray()) {
      for (JsonNode g : gal) {
        JsonNode clusters = g.get("GalaxyCluster");
        if (clusters != null && clusters.isArray()) {
          for (JsonNode c : clusters) {
            String tn = JsonSupport.text(c, "tag_name");
            if (tn != null) {
              out.add(tn);
            }
            String type = JsonSupport.text(c, "type");
            if (type != null) {
              out.add(type);
            }
          }
        }
      }
    }
    return out;
  }

  private static Chain chainOfType(String type) {
    if (type == null) {
      return null;
    }
    switch (type) {
      case "btc":
        return Chain.BITCOIN;
      case "xmr":
        return Chain.MONERO;
      case "dash":
        return Chain.DASH;
      case "ltc":
        return Chain.LITECOIN;
      case "eth":
        return Chain.ETHEREUM;
      default:
        return null;
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
