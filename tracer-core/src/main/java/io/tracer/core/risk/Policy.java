package io.tracer.core.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.IntelException;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.SafeYaml;
import io.tracer.core.intel.Texts;
import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A screening policy: per-category thresholds on direct and indirect exposure (amount and share)
 * giving a {@link Severity}, severities for ownership, a dust cap and a sanctions override. Read
 * from YAML or JSON ({@link #parse}); {@link #defaultPolicy()} is the documented default in {@code
 * io/tracer/core/risk/default-policy.yaml}. Immutable and thread-safe.
 */
public final class Policy {
  /** Rules for a group of categories. */
  public record Rules(List<Threshold> direct, List<Threshold> indirect, Set<Direction> directions) {
    public Rules {
      direct = List.copyOf(direct);
      indirect = List.copyOf(indirect);
      directions = Collections.unmodifiableSet(EnumSet.copyOf(directions));
    }
  }

  private static final String DEFAULT_RESOURCE = "default-policy.yaml";
  /**
   * Longest number text read: 2^256 wei has 78 digits, and BigInteger/BigDecimal parsing is
   * quadratic, so a 900,000-digit amount would take seconds.
   */
  static final int MAX_NUMBER_CHARS = 80;
  /*
   * The keys of each mapping. Anything else is refused: a typo such as 'rule:' or 'min_shar:' would
   * otherwise silently drop the rules or make a threshold fire unconditionally.
   */
  private static final List<String> TOP_KEYS =
      List.of("name", "version", "dust", "sanctions_override", "ownership", "rules");
  private static final List<String> RULE_KEYS =
      List.of("categories", "directions", "direct", "indirect");
  private static final List<String> THRESHOLD_KEYS = List.of("severity", "min_share", "min_amount");

  private final String name;
  private final String version;
  private final Map<Chain, BigInteger> dust;
  private final boolean sanctionsOverride;
  private final Map<Category, Severity> ownership;
  private final Severity ownershipDefault;
  private final Map<Category, Rules> rules;
  private final Rules defaultRules;

  private Policy(
      String name, String version, Map<Chain, BigInteger> dust, boolean sanctionsOverride,
      Map<Category, Severity> ownership, Severity ownershipDefault, Map<Category, Rules> rules,
      Rules defaultRules) {
    this.name = name;
    this.version = version;
    this.dust = Collections.unmodifiableMap(new EnumMap<>(dust));
    this.sanctionsOverride = sanctionsOverride;
    this.ownership = Collections.unmodifiableMap(new EnumMap<>(ownership));
    this.ownershipDefault = ownershipDefault;
    this.rules = Collections.unmodifiableMap(new EnumMap<>(rules));
    this.defaultRules = defaultRules;
  }

  /** The built-in policy (default-policy.yaml). */
  public static Policy defaultPolicy() {
    try (InputStream in = Policy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new PolicyException("built-in policy resource missing: " + DEFAULT_RESOURCE);
      }
      return parse(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new PolicyException("cannot read built-in policy: " + e.getMessage(), e);
    }
  }

  public static Policy load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.getFileName().toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new PolicyException("policy file not found: " + file, e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new PolicyException("cannot read policy " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a YAML or JSON policy (JSON is YAML). Aliases, deep nesting and big files refused. */
  public static Policy parse(InputStream in, String fileName) {
    JsonNode root;
    try {
      root = SafeYaml.readTree(in, fileName, 1 << 20);
    } catch (IntelException e) {
      throw new PolicyException(e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(fileName + ": a policy is a mapping");
    }
    P p = new P(fileName);
    p.keys(root, TOP_KEYS, "");
    String name = p.text(root, "name", "unnamed");
    String version = p.text(root, "version", "");
    Map<Chain, BigInteger> dust = new EnumMap<>(Chain.class);
    dust.put(Chain.BITCOIN, BigInteger.valueOf(ExposureConfig.DEFAULT_DUST_SAT));
    dust.put(Chain.ETHEREUM, ExposureConfig.DEFAULT_DUST_WEI);
    if (root.has("dust")) {
      dust.putAll(p.amounts(root.get("dust"), "dust"));
    }
    boolean override = !root.has("sanctions_override") || p.bool(root.get("sanctions_override"));
    Map<Category, Severity> own = new EnumMap<>(Category.class);
    Severity ownDefault = Severity.NONE;
    JsonNode o = root.get("ownership");
    if (o != null) {
      p.object(o, "ownership");
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        var e = it.next();
        Severity s = p.severity(e.getValue(), "ownership." + Texts.plain(e.getKey(), 40));
        if (e.getKey().equals("default")) {
          ownDefault = s;
        } else {
          own.put(p.category(e.getKey(), "ownership"), s);
        }
      }
    }
    Map<Category, Rules> rules = new EnumMap<>(Category.class);
    Rules def = null;
    JsonNode rs = root.get("rules");
    if (rs != null) {
      if (!rs.isArray()) {
        throw new PolicyException(fileName + ": 'rules' must be a list");
      }
      for (int i = 0; i < rs.size(); i++) {
        JsonNode r = rs.get(i);
        String where = "rules[" + i + "]";
        p.object(r, where);
        p.keys(r, RULE_KEYS, where + ": ");
        if (!r.has("direct") && !r.has("indirect")) {
          // Such a rule would still replace the default rule for its categories: no alerts.
          throw new PolicyException(fileName + ": " + where
              + ": a rule needs 'direct' or 'indirect' thresholds ([] for none)");
        }
        JsonNode cats = r.get("categories");
        if (cats == null || !cats.isArray() || cats.isEmpty()) {
          throw new PolicyException(fileName + ": " + where + ".categories must be a non-empty list");
        }
        Set<Direction> dirs = EnumSet.allOf(Direction.class);
        if (r.has("directions")) {
          // Iterating a scalar, null or [] gave no direction at all: a rule that never applies.
          JsonNode ds = r.get("directions");
          if (!ds.isArray() || ds.isEmpty()) {
            throw new PolicyException(fileName + ": " + where
                + ".directions must be a non-empty list such as [incoming, outgoing]");
          }
          dirs = EnumSet.noneOf(Direction.class);
          for (JsonNode d : ds) {
            try {
              if (!d.isTextual()) {
                throw new IllegalArgumentException("not a scalar");
              }
              dirs.add(Direction.valueOf(d.asText().trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
              throw new PolicyException(fileName + ": " + where + ": unknown direction "
                  + P.show(d.isTextual() ? d.asText() : d.toString()) + " (incoming or outgoing)");
            }
          }
        }
        Rules rule =
            new Rules(
                p.thresholds(r.get("direct"), where + ".direct"),
                p.thresholds(r.get("indirect"), where + ".indirect"),
                dirs);
        for (JsonNode c : cats) {
          String id;
          if (c.asText().trim().equals("default")) {
            // A second default rule would silently replace the first, like a repeated category.
            id = def == null ? null : "default";
            def = rule;
          } else {
            Category cat = p.category(c.asText(), where);
            id = rules.putIfAbsent(cat, rule) == null ? null : cat.id();
          }
          if (id != null) {
            throw new PolicyException(
                fileName + ": " + where + ": category '" + id + "' has rules twice");
          }
        }
      }
    }
    return new Policy(name, version, dust, override, own, ownDefault, rules, def);
  }

  /** Small parsing helper that names the file and the field in every error. */
  private static final class P {
    final String file;

    P(String file) {
      this.file = file;
    }

    /** A short text field (name, version): shown in every report, so plain and bounded. */
    String text(JsonNode root, String field, String dflt) {
      JsonNode n = root.get(field);
      if (n == null || n.isNull()) {
        return dflt;
      }
      if (!n.isValueNode()) {
        throw new PolicyException(file + ": " + field + " must be text, not a "
            + (n.isObject() ? "mapping" : "list"));
      }
      return Texts.plain(n.asText(), 200);
    }

    void object(JsonNode n, String where) {
      if (n == null || !n.isObject()) {
        throw new PolicyException(file + ": " + where + " must be a mapping");
      }
    }

    /** Refuses a key of mapping {@code n} not in {@code known}, suggesting a near miss. */
    void keys(JsonNode n, List<String> known, String where) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!known.contains(k)) {
          String hint = k.equals("<<") ? " (YAML merge keys are not supported)" : "";
          int best = Integer.MAX_VALUE;
          for (String c : known) {
            int d = k.length() > 40 ? best : distance(k, c);
            // Close enough to be a typo of c, and not merely short: 'foo' is no 'name'.
            if (d < best && d <= 3 && 2 * d < k.length()) {
              best = d;
              hint = " (did you mean '" + c + "'?)";
            }
          }
          throw new PolicyException(file + ": " + where + "unknown key " + show(k) + hint);
        }
      }
    }

    /** Levenshtein distance; keys are at most 40 characters here. */
    static int distance(String a, String b) {
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
          cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
        }
        int[] t = prev;
        prev = cur;
        cur = t;
      }
      return prev[b.length()];
    }

    boolean bool(JsonNode n) {
      String t = n.asText().trim();
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
      throw new PolicyException(file + ": sanctions_override must be true or false");
    }

    Severity severity(JsonNode n, String where) {
      return Severity.parse(n == null ? null : n.asText())
          .orElseThrow(
              () -> new PolicyException(file + ": " + where + ": severity must be none, low, medium, high or severe"));
    }

    Category category(String s, String where) {
      return Category.fromId(s)
          .orElseThrow(
              () -> new PolicyException(file + ": " + where + ": unknown category " + show(s)));
    }

    /** The trimmed text of a number, refused before parsing if longer than MAX_NUMBER_CHARS. */
    String number(JsonNode n, String where) {
      String t = n.asText().trim();
      if (t.length() > MAX_NUMBER_CHARS) {
        throw new PolicyException(file + ": " + where + ": a number of " + t.length()
            + " characters (at most " + MAX_NUMBER_CHARS + ")");
      }
      return t;
    }

    /** Text from the file quoted for a one-line message: control characters blanked, cut. */
    static String show(String s) {
      return "'" + Texts.plain(s, 40) + "'";
    }

    Map<Chain, BigInteger> amounts(JsonNode n, String where) {
      object(n, where);
      Map<Chain, BigInteger> m = new EnumMap<>(Chain.class);
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        Chain c =
            Chain.fromId(e.getKey())
                .orElseThrow(() -> new PolicyException(
                    file + ": " + where + ": unknown chain " + show(e.getKey())));
        String w = where + "." + e.getKey();
        String t = number(e.getValue(), w);
        try {
          BigInteger v = new BigInteger(t);
          if (v.signum() < 0) {
            throw new NumberFormatException("negative");
          }
          m.put(c, v);
        } catch (NumberFormatException ex) {
          throw new PolicyException(file + ": " + w
              + " must be a non-negative integer of base units (satoshi, wei): " + show(t));
        }
      }
      return m;
    }

    List<Threshold> thresholds(JsonNode n, String where) {
      List<Threshold> out = new ArrayList<>();
      if (n == null) {
        return out;
      }
      if (!n.isArray()) {
        throw new PolicyException(
            file + ": " + where + " must be a list of thresholds ([] for none)");
      }
      for (int i = 0; i < n.size(); i++) {
        JsonNode t = n.get(i);
        String w = where + "[" + i + "]";
        object(t, w);
        keys(t, THRESHOLD_KEYS, w + ": ");
        Severity s = severity(t.get("severity"), w);
        BigDecimal share = null;
        if (t.has("min_share")) {
          String text = number(t.get("min_share"), w + ".min_share");
          try {
            share = new BigDecimal(text);
          } catch (NumberFormatException e) {
            throw new PolicyException(
                file + ": " + w + ".min_share must be a decimal percentage: " + show(text));
          }
        }
        Map<Chain, BigInteger> min = t.has("min_amount") ? amounts(t.get("min_amount"), w + ".min_amount") : Map.of();
        try {
          out.add(new Threshold(s, share, min));
        } catch (IllegalArgumentException e) {
          throw new PolicyException(file + ": " + w + ": " + e.getMessage());
        }
      }
      return out;
    }
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public boolean sanctionsOverride() {
    return sanctionsOverride;
  }

  /** Exposure below this (base units) raises at most {@link Severity#LOW}. */
  public BigInteger dust(Chain chain) {
    BigInteger d = dust.get(chain);
    return d != null ? d : chain.isEvm() ? ExposureConfig.DEFAULT_DUST_WEI : BigInteger.valueOf(ExposureConfig.DEFAULT_DUST_SAT);
  }

  public Optional<Rules> rulesFor(Category c) {
    Rules r = rules.get(c);
    if (r == null && c.isIllicit()) {
      r = defaultRules;
    }
    return Optional.ofNullable(r);
  }

  public Severity ownershipSeverity(Category c) {
    Severity s = ownership.get(c);
    if (s == null) {
      s = c.isIllicit() ? ownershipDefault : Severity.NONE;
    }
    if (sanctionsOverride && c == Category.SANCTIONS) {
      s = Severity.SEVERE;
    }
    return s;
  }

  /** The alerts this policy raises for an exposure of a subject on {@code chain}, sorted. */
  public List<Alert> evaluate(Exposure exposure, Chain chain) {
    Objects.requireNonNull(exposure, "exposure");
    List<Alert> alerts = new ArrayList<>();
    Map<Category, List<Label>> own = new EnumMap<>(Category.class);
    for (Label l : exposure.subjectLabels()) {
      own.computeIfAbsent(l.category(), k -> new ArrayList<>()).add(l);
    }
    for (var e : own.entrySet()) {
      Severity s = ownershipSeverity(e.getKey());
      if (s != Severity.NONE) {
        alerts.add(
            new Alert(s, e.getKey(), ExposureKind.OWNERSHIP, null, BigInteger.ZERO,
                BigDecimal.ZERO.setScale(4), 0,
                "the subject itself is labelled " + e.getKey().id()
                    + (sanctionsOverride && e.getKey() == Category.SANCTIONS ? " (sanctions override)" : ""),
                e.getValue(), List.of()));
      }
    }
    BigInteger dustFloor = dust(chain);
    for (Direction d : Direction.values()) {
      BigInteger total = exposure.total(d);
      for (CategoryExposure ce : exposure.of(d)) {
        Optional<Rules> r = rulesFor(ce.category());
        if (r.isEmpty() || !r.get().directions().contains(d)) {
          continue;
        }
        for (ExposureKind kind : new ExposureKind[] {ExposureKind.DIRECT, ExposureKind.INDIRECT}) {
          BigInteger amount = kind == ExposureKind.DIRECT ? ce.direct() : ce.indirect();
          if (amount.signum() <= 0) {
            continue;
          }
          Severity best = Severity.NONE;
          String why = null;
          for (Threshold t : kind == ExposureKind.DIRECT ? r.get().direct() : r.get().indirect()) {
            if (t.severity().compareTo(best) > 0 && t.fires(amount, total, chain)) {
              best = t.severity();
              why = kind.id() + " " + ce.category().id() + ": " + t.describe(chain);
            }
          }
          boolean dust = amount.compareTo(dustFloor) < 0;
          if (dust && best.compareTo(Severity.LOW) > 0) {
            best = Severity.LOW;
            why += "; capped at low: below the dust floor of " + dustFloor;
          }
          if (sanctionsOverride && !dust && ce.category() == Category.SANCTIONS
              && kind == ExposureKind.DIRECT && best != Severity.SEVERE) {
            best = Severity.SEVERE;
            why = "direct sanctions exposure at or above the dust floor (sanctions override)";
          }
          if (best == Severity.NONE) {
            continue;
          }
          List<ExposurePath> ev = new ArrayList<>();
          for (ExposurePath p : ce.paths()) {
            if (p.kind() == kind) {
              ev.add(p);
            }
          }
          int hops = kind == ExposureKind.DIRECT ? 1 : Math.max(2, ce.minIndirectHops());
          alerts.add(
              new Alert(best, ce.category(), kind, d, amount, Exposure.percent(amount, total), hops,
                  why, List.of(), ev));
        }
      }
    }
    alerts.sort(Alert.ORDER);
    return List.copyOf(alerts);
  }

  @Override
  public String toString() {
    return name + (version.isEmpty() ? "" : " v" + version);
  }
}
