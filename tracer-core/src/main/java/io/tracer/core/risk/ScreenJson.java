package io.tracer.core.risk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.intel.Label;
import io.tracer.core.model.Asset;
import io.tracer.core.report.Json;
import java.math.BigInteger;
import java.util.List;

/**
 * Writes a {@link ScreenResult} as JSON: keys in a fixed order, amounts as strings of base units
 * with the asset beside them, shares as decimal strings, labels as plain text. {@code <}, {@code >}
 * and {@code &} are escaped as {@code \u003c}… so that a label carrying markup stays inert even if
 * the JSON is pasted into an HTML page. Stateless and thread-safe.
 */
public final class ScreenJson {
  private ScreenJson() {}

  private static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    // tracer's one Jackson configuration (non-ASCII escaped, indented), plus < > & escaped.
    ObjectMapper m = Json.mapper().copy();
    m.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return m;
  }

  /** Escapes {@code < > &} (and, by default, control characters) in strings. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] table;

    HtmlSafeEscapes() {
      table = CharacterEscapes.standardAsciiEscapesForJSON();
      table['<'] = CharacterEscapes.ESCAPE_STANDARD;
      table['>'] = CharacterEscapes.ESCAPE_STANDARD;
      table['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  /** The result as a JSON tree (for embedding into a larger document). */
  public static ObjectNode toTree(ScreenResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    Exposure e = r.exposure();
    root.put("subject", e.subject());
    root.put("severity", r.severity().id());
    root.put("policy", r.policy());
    ObjectNode cfg = root.putObject("exposure_model");
    cfg.put("model", e.model());
    cfg.put("max_hops", e.maxHops());
    root.put("asset", e.asset().toString());
    root.put("base_unit", e.asset().baseUnit());
    root.set("subject_labels", labels(e.subjectLabels()));
    ArrayNode alerts = root.putArray("alerts");
    for (Alert a : r.alerts()) {
      ObjectNode n = alerts.addObject();
      n.put("severity", a.severity().id());
      n.put("category", a.category().id());
      n.put("kind", a.kind().id());
      n.put("direction", a.direction() == null ? null : a.direction().id());
      amount(n, "amount", a.amount(), e.asset());
      n.put("share_percent", a.sharePercent().toPlainString());
      n.put("hops", a.hops());
      n.put("rule", a.rule());
      if (!a.labels().isEmpty()) {
        n.set("labels", labels(a.labels()));
      }
      n.set("evidence", paths(a.evidence(), e.asset()));
    }
    ObjectNode ex = root.putObject("exposure");
    for (Direction d : Direction.values()) {
      ObjectNode dn = ex.putObject(d.id());
      amount(dn, "total", e.total(d), e.asset());
      ArrayNode cats = dn.putArray("categories");
      for (CategoryExposure c : e.of(d)) {
        ObjectNode cn = cats.addObject();
        cn.put("category", c.category().id());
        amount(cn, "direct", c.direct(), e.asset());
        cn.put("direct_share_percent", Exposure.percent(c.direct(), e.total(d)).toPlainString());
        amount(cn, "indirect", c.indirect(), e.asset());
        cn.put("indirect_share_percent", Exposure.percent(c.indirect(), e.total(d)).toPlainString());
        amount(cn, "indirect_undecayed", c.indirectUndecayed(), e.asset());
        cn.put("min_hops", c.minHops());
        cn.put("min_indirect_hops", c.minIndirectHops());
        cn.put("path_count", c.pathCount());
        cn.set("paths", paths(c.paths(), e.asset()));
      }
    }
    root.put("truncated", e.truncated());
    ArrayNode notes = root.putArray("notes");
    e.notes().forEach(notes::add);
    return root;
  }

  /** The result as indented JSON text. */
  public static String write(ScreenResult r) {
    return write(toTree(r));
  }

  /** A tree (e.g. {@link #toTree} with sections added) as indented JSON text, same escaping. */
  public static String write(com.fasterxml.jackson.databind.JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialise a JSON tree", ex);
    }
  }

  /** Writes to a generator (the CLI streams to stdout). */
  public static void write(ScreenResult r, JsonGenerator g) throws java.io.IOException {
    MAPPER.writeTree(g, toTree(r));
  }

  private static void amount(ObjectNode n, String field, BigInteger v, Asset asset) {
    n.put(field, v.toString());
  }

  static ArrayNode labels(List<Label> ls) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Label l : ls) {
      ObjectNode n = a.addObject();
      n.put("category", l.category().id());
      n.put("original_category", l.originalCategory());
      n.put("label", l.label());
      n.put("source", l.source());
      n.put("confidence", l.confidence().id());
      n.put("confidence_level", l.confidence().level());
      n.put("date", l.date() == null ? null : l.date().toString());
      n.put("actor", l.actor());
      n.put("origin", l.origin());
    }
    return a;
  }

  private static ArrayNode paths(List<ExposurePath> ps, Asset asset) {
    ArrayNode a = MAPPER.createArrayNode();
    for (ExposurePath p : ps) {
      ObjectNode n = a.addObject();
      n.put("category", p.category().id());
      n.put("direction", p.direction().id());
      n.put("hops", p.hops());
      n.put("amount", p.amount().toString());
      n.put("decayed", p.decayed().toString());
      n.put("counterparty", p.counterparty().display());
      n.put("counterparty_chain", p.counterparty().chain().id());
      n.set("labels", labels(p.labels()));
      ArrayNode steps = n.putArray("steps");
      for (PathStep s : p.steps()) {
        ObjectNode sn = steps.addObject();
        sn.put("tx", s.tx().toString());
        sn.put("from", s.from().display());
        sn.put("to", s.to().display());
        sn.put("amount", s.amount().toString());
      }
    }
    return a;
  }
}
