package io.tracer.core.cluster;

import io.tracer.core.heuristic.MultiInput;
import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the common-input rule made of one transaction an address spent from: the answer to "why is
 * this address (not) in a bigger cluster?" that the merge log alone cannot give, since it records
 * only the merges that happened. Outcomes, by the rules {@link AddressClustering} applies, in its
 * order: {@link Kind#FLAGGED} (a CoinJoin-like transaction: nothing merges through it), {@link
 * Kind#DUST} (the address's inputs are all at or below the dust limit), {@link Kind#ALONE} (no
 * other eligible input address), {@link Kind#REFUSED} (the super-cluster guard refused a link of
 * this transaction), {@link Kind#MERGED}; {@link Kind#RULE_OFF} when the run had no multi-input
 * rule.
 *
 * @param others the other eligible input addresses (not dust, resolved), in input order
 * @param detectors for {@link Kind#FLAGGED}: the detectors that fired
 */
public record SpendOutcome(TxId tx, Kind kind, List<Address> others, List<String> detectors) {
  /** See {@link SpendOutcome}. */
  public enum Kind {
    FLAGGED,
    DUST,
    ALONE,
    REFUSED,
    MERGED,
    RULE_OFF;

    /** The lower-case name reports use. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public SpendOutcome {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(kind, "kind");
    others = List.copyOf(others);
    detectors = List.copyOf(detectors);
  }

  /**
   * The outcome of every transaction in {@code source} that spends from {@code address}, in the
   * order of its history there. {@code clustering} must be a run over {@code source}.
   */
  public static List<SpendOutcome> of(Clustering clustering, UtxoSource source, Address address) {
    Objects.requireNonNull(clustering, "clustering");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(address, "address");
    ClusteringParams p = clustering.params();
    // the run's own rule decides what is dust
    MultiInput rule = MultiInput.of(p.multiInputConfidence(), p.dustLimitSat());
    Map<TxId, List<String>> flagged = new HashMap<>();
    for (FlaggedTransaction f : clustering.flaggedTransactions()) {
      flagged.put(f.tx(), f.detectors());
    }
    Set<TxId> refused = new LinkedHashSet<>(); // transactions with a refused common-input link
    for (RefusedMerge r : clustering.refusedMerges()) {
      if (r.link().heuristic().startsWith(MultiInput.NAME)) {
        refused.add(r.link().tx());
      }
    }
    List<SpendOutcome> out = new ArrayList<>();
    for (TxId id : source.history(address)) {
      UtxoTx tx = source.transaction(id).orElse(null);
      if (tx == null) {
        continue;
      }
      boolean spends = false;
      boolean eligible = false;
      Set<Address> others = new LinkedHashSet<>();
      for (TxIn in : tx.inputs()) {
        if (in.isCoinbase() || in.address() == null) {
          continue;
        }
        boolean dust = rule.isDust(in);
        if (in.address().equals(address)) {
          spends = true;
          eligible |= !dust;
        } else if (!dust) {
          others.add(in.address());
        }
      }
      if (!spends) {
        continue; // the address only receives here
      }
      List<Address> o = List.copyOf(others);
      List<String> detectors = flagged.get(id);
      Kind kind;
      if (detectors != null) {
        kind = Kind.FLAGGED;
      } else if (!p.multiInput()) {
        kind = Kind.RULE_OFF;
      } else if (!eligible) {
        kind = Kind.DUST;
      } else if (others.isEmpty()) {
        kind = Kind.ALONE;
      } else if (refused.contains(id)) {
        kind = Kind.REFUSED;
      } else {
        kind = Kind.MERGED;
      }
      out.add(new SpendOutcome(id, kind, o, detectors == null ? List.of() : detectors));
    }
    return out;
  }
}
