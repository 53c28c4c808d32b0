package io.tracer.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.Txs;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyTest {
  static Policy parse(String yaml) {
    return Policy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml");
  }

  /** An exposure with one category: direct and indirect amounts out of a total, incoming. */
  static Exposure exposure(Category c, long direct, long indirect, long total, List<Label> own) {
    CategoryExposure ce =
        new CategoryExposure(c, Direction.INCOMING, BigInteger.valueOf(direct), BigInteger.valueOf(indirect),
            BigInteger.valueOf(indirect * 2), direct > 0 ? 1 : 2, indirect > 0 ? 2 : 0, 1, List.of());
    return new Exposure("bitcoin:X", Asset.BTC, own, BigInteger.valueOf(total), BigInteger.ZERO,
        List.of(ce), List.of(), false, List.of(), "haircut", 5);
  }

  static Severity severity(Policy p, Exposure e) {
    return p.evaluate(e, Chain.BITCOIN).stream().map(Alert::severity).reduce(Severity.NONE, Severity::max);
  }

  @Nested
  class DefaultPolicy {
    final Policy p = Policy.defaultPolicy();

    @Test
    void defaultPolicy_loads_namedAndOverrideOn() {
      assertEquals("tracer-default", p.name());
      assertTrue(p.sanctionsOverride());
      assertEquals(BigInteger.valueOf(1_000), p.dust(Chain.BITCOIN));
      assertEquals(new BigInteger("100000000000000"), p.dust(Chain.ETHEREUM));
    }

    @Test
    void evaluate_directCsamAtDustFloor_severe() {
      assertEquals(Severity.SEVERE, severity(p, exposure(Category.CHILD_SEXUAL_ABUSE, 1_000, 0, 1_000_000, List.of())));
    }

    @Test
    void evaluate_directCsamOneBelowDust_cappedLow() {
      Exposure e = exposure(Category.CHILD_SEXUAL_ABUSE, 999, 0, 1_000_000, List.of());
      List<Alert> a = p.evaluate(e, Chain.BITCOIN);
      assertEquals(Severity.LOW, a.get(0).severity());
      assertTrue(a.get(0).rule().contains("dust"), a.get(0).rule());
    }

    @Test
    void evaluate_dustFromSanctionedWallet_lowNotSevere() {
      assertEquals(Severity.LOW, severity(p, exposure(Category.SANCTIONS, 546, 0, 100_000_000, List.of())));
    }

    @Test
    void evaluate_indirectTraffickingShareThreshold_probedAtPlusMinusOne() {
      // high from 0.1% of volume: 1,000 of 1,000,000 exactly; 999 is below.
      assertEquals(Severity.HIGH, severity(p, exposure(Category.HUMAN_TRAFFICKING, 0, 1_000, 1_000_000, List.of())));
      assertEquals(Severity.MEDIUM, severity(p, exposure(Category.HUMAN_TRAFFICKING, 0, 1_001, 1_000_001 * 10, List.of())));
      assertEquals(Severity.HIGH, severity(p, exposure(Category.HUMAN_TRAFFICKING, 0, 1_001, 1_001_000, List.of())));
      assertEquals(Severity.MEDIUM, severity(p, exposure(Category.HUMAN_TRAFFICKING, 0, 1_000, 1_000_001, List.of())));
    }

    @Test
    void evaluate_scamIndirectBelowFivePercent_noAlert() {
      assertEquals(Severity.NONE, severity(p, exposure(Category.SCAM, 0, 4_999, 100_000, List.of())));
      assertEquals(Severity.LOW, severity(p, exposure(Category.SCAM, 0, 5_000, 100_000, List.of())));
    }

    @Test
    void evaluate_exchangeExposure_noAlert() {
      assertEquals(Severity.NONE, severity(p, exposure(Category.EXCHANGE, 50_000, 0, 100_000, List.of())));
    }

    @Test
    void evaluate_subjectIsSanctioned_severeOwnership() {
      Label l = RiskFixtures.label(Category.SANCTIONS, "SDN");
      List<Alert> a = p.evaluate(exposure(Category.EXCHANGE, 0, 0, 0, List.of(l)), Chain.BITCOIN);
      assertEquals(1, a.size());
      assertEquals(ExposureKind.OWNERSHIP, a.get(0).kind());
      assertEquals(Severity.SEVERE, a.get(0).severity());
      assertEquals(List.of(l), a.get(0).labels());
    }

    @Test
    void evaluate_alertsSortedMostSevereFirst() {
      CategoryExposure scam = new CategoryExposure(Category.SCAM, Direction.INCOMING, BigInteger.valueOf(5_000),
          BigInteger.ZERO, BigInteger.ZERO, 1, 0, 1, List.of());
      CategoryExposure csam = new CategoryExposure(Category.CHILD_SEXUAL_ABUSE, Direction.INCOMING,
          BigInteger.valueOf(5_000), BigInteger.ZERO, BigInteger.ZERO, 1, 0, 1, List.of());
      Exposure e = new Exposure("bitcoin:X", Asset.BTC, List.of(), BigInteger.valueOf(1_000_000), BigInteger.ZERO,
          List.of(scam, csam), List.of(), false, List.of(), "haircut", 5);
      List<Alert> a = p.evaluate(e, Chain.BITCOIN);
      assertEquals(List.of(Category.CHILD_SEXUAL_ABUSE, Category.SCAM), a.stream().map(Alert::category).toList());
    }
  }

  @Nested
  class Custom {
    @Test
    void parse_minAmountPerChain_appliesOnlyToThatChain() {
      Policy p = parse("rules:\n- categories: [ransomware]\n  direct:\n  - {severity: high, min_amount: {bitcoin: 50000}}\n");
      assertEquals(Severity.NONE, severity(p, exposure(Category.RANSOMWARE, 49_999, 0, 1_000_000, List.of())));
      assertEquals(Severity.HIGH, severity(p, exposure(Category.RANSOMWARE, 50_000, 0, 1_000_000, List.of())));
    }

    @Test
    void parse_json_sameAsYaml() {
      Policy p = parse("{\"name\":\"j\",\"sanctions_override\":false,\"rules\":[{\"categories\":[\"default\"],\"direct\":[{\"severity\":\"medium\"}]}]}");
      assertEquals("j", p.name());
      assertEquals(Severity.MEDIUM, severity(p, exposure(Category.SANCTIONS, 5_000, 0, 10_000, List.of())));
    }

    @Test
    void parse_directionsIncomingOnly_outgoingIgnored() {
      Policy p = parse("rules:\n- categories: [scam]\n  directions: [incoming]\n  direct: [{severity: low}]\n");
      assertTrue(p.rulesFor(Category.SCAM).orElseThrow().directions().contains(Direction.INCOMING));
      assertEquals(1, p.rulesFor(Category.SCAM).orElseThrow().directions().size());
    }
  }

  @Nested
  class Rejection {
    @Test
    void parse_nameThatIsNotText_isRefused_andControlCharactersAreBlanked() {
      PolicyException e = assertThrows(PolicyException.class,
          () -> parse("name: {a: b}\nrules: []\n"));
      assertEquals("p.yaml: name must be text, not a mapping", e.getMessage());
      assertThrows(PolicyException.class, () -> parse("version: [1]\nrules: []\n"));
      Policy p = parse("name: \"desk\\u001b[31m A\\nB\"\nrules: []\n");
      assertEquals("desk [31m A B", p.name());
    }

    @Test
    void parse_unknownCategory_namesIt() {
      PolicyException e = assertThrows(PolicyException.class,
          () -> parse("rules:\n- categories: [human_trafikcing]\n  direct: [{severity: high}]\n"));
      assertTrue(e.getMessage().contains("human_trafikcing"), e.getMessage());
    }

    @Test
    void parse_badSeverity_rejected() {
      assertThrows(PolicyException.class, () -> parse("rules:\n- categories: [scam]\n  direct: [{severity: critical}]\n"));
    }

    @Test
    void parse_shareAbove100_rejected() {
      assertThrows(PolicyException.class,
          () -> parse("rules:\n- categories: [scam]\n  direct: [{severity: low, min_share: \"100.01\"}]\n"));
    }

    /** Message of the PolicyException that parsing {@code yaml} throws. */
    String refusal(String yaml) {
      return assertThrows(PolicyException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void parse_minShareBeyondTenDecimalPlaces_refusedNotPrintedInFull() {
      String rule = "rules:\n- categories: [scam]\n  direct: [{severity: low, min_share: %s}]\n";
      assertEquals("p.yaml: rules[0].direct[0]: min_share must have at most 10 decimal places:"
          + " 1E-999999999", refusal(rule.formatted("1e-999999999")));
      assertEquals("p.yaml: rules[0].direct[0]: min_share must have at most 10 decimal places:"
          + " 1.00000000001", refusal(rule.formatted("\"1.00000000001\"")));
      Threshold t = parse(rule.formatted("\"0.0000000001000\"")).rulesFor(Category.SCAM)
          .orElseThrow().direct().get(0);
      assertEquals("amount > 0 and share >= 0.0000000001000%", t.describe(Chain.BITCOIN));
    }

    @Test
    void parse_numberLongerThan80Characters_refusedBeforeParsing() {
      String digits = "1".repeat(81);
      assertEquals("p.yaml: dust.bitcoin: a number of 81 characters (at most 80)",
          refusal("dust: {bitcoin: " + digits + "}\n"));
      assertEquals(new BigInteger(digits.substring(1)),
          parse("dust: {bitcoin: " + digits.substring(1) + "}\n").dust(Chain.BITCOIN));
      assertEquals("p.yaml: rules[0].direct[0].min_amount.ethereum: a number of 900000 characters"
          + " (at most 80)", refusal("rules:\n- categories: [scam]\n  direct: [{severity: low,"
          + " min_amount: {ethereum: " + "9".repeat(900_000) + "}}]\n"));
      assertEquals("p.yaml: rules[0].direct[0].min_share: a number of 100000 characters"
          + " (at most 80)", refusal("rules:\n- categories: [scam]\n  direct: [{severity: low,"
          + " min_share: 0." + "0".repeat(99_998) + "}]\n"));
    }

    @Test
    void parse_unknownKeyAtEachLevel_namedWithNearestKnownKey() {
      assertEquals("p.yaml: unknown key 'rule' (did you mean 'rules'?)",
          refusal("rule:\n- categories: [scam]\n  direct: [{severity: high}]\n"));
      assertEquals("p.yaml: unknown key 'foo'", refusal("foo: bar\n"));
      assertEquals("p.yaml: rules[0]: unknown key 'indirects' (did you mean 'indirect'?)",
          refusal("rules:\n- categories: [scam]\n  indirects: [{severity: high}]\n"));
      assertEquals("p.yaml: rules[0].direct[0]: unknown key 'min_shar' (did you mean 'min_share'?)",
          refusal("rules:\n- categories: [scam]\n  direct: [{severity: high, min_shar: 50}]\n"));
      assertEquals(
          "p.yaml: rules[0].direct[0]: unknown key '<<' (YAML merge keys are not supported)",
          refusal("rules:\n- categories: [scam]\n  direct: [{<<: {severity: high}}]\n"));
    }

    @Test
    void parse_ruleWithoutThresholds_refusedExplicitEmptyListAccepted() {
      assertEquals("p.yaml: rules[0]: a rule needs 'direct' or 'indirect' thresholds ([] for none)",
          refusal("rules:\n- categories: [scam]\n"));
      assertEquals("p.yaml: rules[0].direct must be a list of thresholds ([] for none)",
          refusal("rules:\n- categories: [scam]\n  direct:\n"));
      Policy p = parse("rules:\n- categories: [scam]\n  direct: []\n");
      assertEquals(List.of(), p.rulesFor(Category.SCAM).orElseThrow().direct());
    }

    @Test
    void parse_directionsNotANonEmptyListOfDirections_refused() {
      String rule =
          "rules:\n- categories: [scam]\n  directions: %s\n  direct: [{severity: high}]\n";
      String notList = "p.yaml: rules[0].directions must be a non-empty list such as"
          + " [incoming, outgoing]";
      assertEquals(notList, refusal(rule.formatted("incoming")));
      assertEquals(notList, refusal(rule.formatted("")));
      assertEquals(notList, refusal(rule.formatted("[]")));
      assertEquals("p.yaml: rules[0]: unknown direction 'in' (incoming or outgoing)",
          refusal(rule.formatted("[in]")));
      assertEquals("p.yaml: rules[0]: unknown direction '[\"incoming\"]' (incoming or outgoing)",
          refusal(rule.formatted("[[incoming]]")));
    }

    @Test
    void parse_duplicateKey_refusedWithLine() {
      assertEquals("p.yaml:3: malformed or refused YAML: duplicate key 'rules'",
          refusal("rules:\n- {categories: [scam], direct: [{severity: high}]}\nrules: []\n"));
      assertEquals("p.yaml:1: malformed or refused YAML: duplicate key 'severity'",
          refusal("{\"rules\": [{\"categories\": [\"scam\"],"
              + " \"direct\": [{\"severity\": \"high\", \"severity\": \"low\"}]}]}"));
    }

    @Test
    void parse_contentAfterTheFirstDocument_refused() {
      String rules = "rules:\n- {categories: [scam], direct: [{severity: high}]}\n";
      assertEquals("p.yaml:3: content after the first document is refused",
          refusal("rules: []\n---\n" + rules));
      assertEquals("p.yaml:4: content after the first document is refused",
          refusal(rules + "---\ngarbage: [\n"));
      assertEquals("p.yaml:1: content after the first document is refused",
          refusal("{\"rules\": []} garbage"));
      assertEquals("p", parse("name: p\n...\n").name());
    }

    @Test
    void parse_yamlTagOtherThanPlainData_refused() {
      String rule = "rules:\n- categories: [scam]\n  direct: [{severity: %s}]\n";
      assertEquals("p.yaml:3: YAML tag '!foo' is refused", refusal(rule.formatted("!foo high")));
      assertEquals("p.yaml:3: YAML tag '!!binary' is refused",
          refusal(rule.formatted("!!binary aGlnaA==")));
      assertEquals("p.yaml:1: YAML tag '!!omap' is refused", refusal("rules: !!omap []\n"));
      assertEquals("p.yaml:3: YAML tag 'tag:evil.com,2000:x' is refused",
          refusal("%TAG ! tag:evil.com,2000:\n---\nrules: !x []\n"));
      Policy p = parse("!!map\nname: !!str p\n" + rule.formatted("!!str high"));
      assertEquals(
          Severity.HIGH, p.rulesFor(Category.SCAM).orElseThrow().direct().get(0).severity());
    }

    @Test
    void parse_yamlStructureRefusals_sayWhatAndWhereInPlainWords() {
      assertEquals("p.yaml:1: malformed or refused YAML: a complex (non-scalar) key is refused",
          refusal("? [rules]\n: []\n"));
      assertEquals("p.yaml:1: malformed or refused YAML: nesting deeper than 20 levels is refused",
          refusal("{\"rules\": " + "[".repeat(30) + "]".repeat(30) + "}"));
      assertEquals("p.yaml:4: malformed or refused YAML: nesting deeper than 20 levels is refused",
          refusal("a:\n b:\n  c:\n   d: " + "[".repeat(20) + "]".repeat(20) + "\n"));
    }

    @Test
    void parse_controlCharactersInEchoedKeys_blanked() {
      assertEquals("p.yaml: ownership: unknown category 'sc am'",
          refusal("ownership: {\"sc\\nam\": high}\n"));
      assertEquals("p.yaml: ownership.sc am: severity must be none, low, medium, high or severe",
          refusal("ownership: {\"sc\\u001bam\": critical}\n"));
      assertEquals("p.yaml: dust: unknown chain 'bit coin'",
          refusal("dust: {\"bit\\rcoin\": 1}\n"));
    }

    @Test
    void parse_negativeDust_rejected() {
      assertThrows(PolicyException.class, () -> parse("dust: {bitcoin: \"-1\"}\n"));
    }

    @Test
    void parse_yamlAlias_rejected() {
      assertEquals("p.yaml:2: YAML aliases are refused",
          refusal("name: &x a\nversion: *x\nrules: []\n"));
    }

    @Test
    void parse_duplicateCategory_rejected() {
      assertEquals("p.yaml: rules[1]: category 'scam' has rules twice", refusal(
          "rules:\n- {categories: [scam], direct: []}\n- {categories: [scam], direct: []}\n"));
    }

    @Test
    void parse_defaultTwice_rejected() {
      String rule = "- {categories: [default], direct: []}\n";
      assertEquals("p.yaml: rules[1]: category 'default' has rules twice",
          refusal("rules:\n" + rule + rule));
      assertEquals("p.yaml: rules[0]: category 'default' has rules twice",
          refusal("rules:\n- {categories: [default, default], direct: []}\n"));
    }
  }

  @Test
  void threshold_share_exactDecimalComparison() {
    Threshold t = new Threshold(Severity.HIGH, new BigDecimal("33.3333"), null);
    assertTrue(t.fires(BigInteger.valueOf(333_333), BigInteger.valueOf(1_000_000), Chain.BITCOIN));
    assertTrue(!t.fires(BigInteger.valueOf(333_332), BigInteger.valueOf(1_000_000), Chain.BITCOIN));
  }

  @Test
  void evaluate_unusedTxsHelper_compiles() {
    assertEquals(Txs.id("a"), Txs.id("a"));
  }

  @Test
  void load_missingFile_saysNotFoundOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path f = dir.resolve("nope.yaml");
    PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(f));
    assertEquals("policy file not found: " + f, e.getMessage());
  }
}
