package io.tracer.bitcoin.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.source.SourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The machine-readable description of the demo case ({@code demo-case.json}): who owns which
 * addresses, which transactions play which part, and the amounts that tests of the clustering,
 * taint and trace engines can assert against. Immutable.
 *
 * <p>Names used in the sections:
 *
 * <ul>
 *   <li>{@linkplain #entities() entities}: the true owner of each address (ground truth for
 *       clustering): {@code advertiser}, {@code controller}, {@code exchange}, {@code miner},
 *       {@code buyer01..14}, {@code cj-alice}, {@code cj-bob}, {@code cj-carol}, {@code payee-*}.
 *   <li>{@linkplain #role roles}: {@code exchangeHot}, {@code exchangeDeposits}, {@code
 *       advertiserAdAddresses}, {@code advertiserVault}, {@code controller}, {@code
 *       controllerMixed}, {@code buyers}, {@code buyerChange}, {@code coinjoinParticipants},
 *       {@code peelChain} (6: the cut's change, then each hop's change), {@code payees}.
 *   <li>{@linkplain #transactions transactions}: {@code exchangeFunding}, {@code
 *       exchangeWithdrawal}, {@code payments} (14), {@code consolidation}, {@code controllerCut},
 *       {@code coinjoin}, {@code peelHops} (5, in order), {@code deposits} (3), {@code sweep}.
 *   <li>{@linkplain #outpoints outpoints}: {@code paymentOutputs} (the 14 payments to the
 *       advertiser; natural taint seeds), {@code controllerCut}, {@code peelChange}, {@code
 *       coinjoinControllerMixed}, {@code depositOutputs}.
 *   <li>{@linkplain #fact facts} (integers; amounts in satoshi end in {@code Sats}): {@code
 *       paymentsTotalSats}, {@code consolidatedSats}, {@code controllerCutSats}, {@code
 *       peelPaymentsSats}, {@code coinjoinDenominationSats}, {@code depositsTotalSats}, {@code
 *       sweptToHotWalletSats}, {@code buyerCount}, {@code peelHopCount}, {@code
 *       coinjoinParticipants}, {@code tipHeight}, {@code blockCount}, {@code transactionCount}.
 * </ul>
 */
public final class DemoManifest {
  /** Format tag written into the file; bump it if the layout changes. */
  public static final String FORMAT = "tracer-demo-case/1";

  /** One payment leg: output {@code output} of {@code txid} pays {@code sats} to {@code to}. */
  public record Flow(
      String step,
      TxId txid,
      long height,
      int output,
      String from,
      Address fromAddress,
      int inputs,
      String to,
      Address toAddress,
      long sats) {}

  private final String title;
  private final Map<String, List<Address>> entities;
  private final Map<String, List<Address>> roles;
  private final Map<String, List<TxId>> transactions;
  private final Map<String, List<OutPoint>> outpoints;
  private final Map<String, Long> facts;
  private final List<Flow> flows;

  private DemoManifest(JsonNode root) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new SourceException(
          "not a demo manifest of format " + FORMAT + ": " + root.path("format").asText("(none)"));
    }
    this.title = root.path("title").asText();
    this.entities = readMap(root.path("entities"), DemoManifest::btc);
    this.roles = readMap(root.path("roles"), DemoManifest::btc);
    this.transactions = readMap(root.path("transactions"), TxId::parse);
    this.outpoints = readMap(root.path("outpoints"), OutPoint::parse);
    Map<String, Long> f = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("facts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      f.put(e.getKey(), Long.parseLong(e.getValue().asText()));
    }
    this.facts = Collections.unmodifiableMap(f);
    List<Flow> fl = new ArrayList<>();
    for (JsonNode n : root.path("flows")) {
      fl.add(
          new Flow(
              n.path("step").asText(),
              TxId.parse(n.path("txid").asText()),
              n.path("height").asLong(),
              n.path("output").asInt(),
              n.path("from").asText(),
              btc(n.path("fromAddress").asText()),
              n.path("inputs").asInt(),
              n.path("to").asText(),
              btc(n.path("toAddress").asText()),
              Long.parseLong(n.path("sats").asText())));
    }
    this.flows = List.copyOf(fl);
  }

  /** Parses the manifest JSON. */
  public static DemoManifest parse(byte[] json) {
    try {
      return new DemoManifest(new ObjectMapper().readTree(json));
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException("cannot read the demo manifest: " + e.getMessage(), e);
    }
  }

  private static Address btc(String text) {
    return Address.of(Chain.BITCOIN, text);
  }

  private interface Parser<T> {
    T parse(String s);
  }

  private static <T> Map<String, List<T>> readMap(JsonNode node, Parser<T> p) {
    Map<String, List<T>> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<T> l = new ArrayList<>();
      for (JsonNode v : e.getValue()) {
        l.add(p.parse(v.asText()));
      }
      m.put(e.getKey(), List.copyOf(l));
    }
    return Collections.unmodifiableMap(m);
  }

  public String title() {
    return title;
  }

  /** True owner → the addresses it controls, in the order they were created. */
  public Map<String, List<Address>> entities() {
    return entities;
  }

  /** The addresses of one owner. */
  public List<Address> entity(String name) {
    return require(entities, name, "entity");
  }

  /** The addresses playing a role, e.g. {@code exchangeDeposits}. */
  public List<Address> role(String name) {
    return require(roles, name, "role");
  }

  /** The single address of a one-address role, e.g. {@code controller}. */
  public Address address(String role) {
    List<Address> l = role(role);
    if (l.size() != 1) {
      throw new IllegalArgumentException("role " + role + " has " + l.size() + " addresses");
    }
    return l.get(0);
  }

  /** The transactions of a part of the story, in chain order, e.g. {@code payments}. */
  public List<TxId> transactions(String name) {
    return require(transactions, name, "transaction role");
  }

  /** The single transaction of a one-transaction part, e.g. {@code coinjoin}. */
  public TxId transaction(String name) {
    List<TxId> l = transactions(name);
    if (l.size() != 1) {
      throw new IllegalArgumentException(name + " has " + l.size() + " transactions");
    }
    return l.get(0);
  }

  /** Outputs of interest, e.g. {@code paymentOutputs}. */
  public List<OutPoint> outpoints(String name) {
    return require(outpoints, name, "outpoint role");
  }

  /** An expected fact, e.g. {@code controllerCutSats}. */
  public long fact(String name) {
    Long v = facts.get(Objects.requireNonNull(name, "name"));
    if (v == null) {
      throw new IllegalArgumentException("no fact '" + name + "'; known: " + facts.keySet());
    }
    return v;
  }

  public Map<String, Long> facts() {
    return facts;
  }

  /** Every payment leg, in chain order. */
  public List<Flow> flows() {
    return flows;
  }

  /** The flows as a Markdown table (used for docs/demo-case.md). */
  public String flowTable() {
    StringBuilder sb =
        new StringBuilder(
            "| height | step | txid | inputs | from | to | to address | sats |\n"
                + "|---:|---|---|---:|---|---|---|---:|\n");
    for (Flow f : flows) {
      sb.append("| ")
          .append(f.height())
          .append(" | ")
          .append(f.step())
          .append(" | `")
          .append(f.txid().toString(), 0, 16)
          .append("…:")
          .append(f.output())
          .append("` | ")
          .append(f.inputs())
          .append(" | ")
          .append(f.from())
          .append(" | ")
          .append(f.to())
          .append(" | `")
          .append(f.toAddress().value())
          .append("` | ")
          .append(String.format(java.util.Locale.ROOT, "%,d", f.sats()))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static <T> List<T> require(Map<String, List<T>> m, String key, String what) {
    List<T> l = m.get(Objects.requireNonNull(key, "name"));
    if (l == null) {
      throw new IllegalArgumentException("no " + what + " '" + key + "'; known: " + m.keySet());
    }
    return l;
  }
}
