package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.Asset;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.report.Json;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import io.tracer.core.taint.FeePolicy;
import io.tracer.core.taint.OutputTaint;
import io.tracer.core.taint.Segments;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.TxTaint;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import io.tracer.core.taint.account.AccountSeed;
import io.tracer.core.taint.account.AccountTaintModel;
import io.tracer.core.taint.account.AccountTaintOptions;
import io.tracer.core.taint.account.AccountTaintResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracer taint}: how much of each reached output (or account) is tainted, exactly. */
@Command(
    name = "taint",
    mixinStandardHelpOptions = true,
    description = {
      "Propagate taint forward from seed outputs (UTXO) or transfers (account chains) under one"
          + " model, and print every output or account reached with its value and tainted amount,"
          + " the fee taint of every transaction, and totals. Amounts are exact integers (strings"
          + " of base units).",
      "",
      "UTXO models: poison, haircut, fifo, lifo (TaintedTX: inputs reversed), lifo_reverse_out"
          + " (zkokelj: outputs filled last to first), tiho.",
      "Account models: poison, haircut, fifo, lifo, taint_first."
    })
final class TaintCommand implements Callable<Integer> {
  @Mixin SourceOption source;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      required = true,
      split = ",",
      paramLabel = "TX:N|TX",
      description = {
        "Tainted in full. UTXO: an output TXID:N, or TXID for all its outputs.",
        "Account: TXID (its value transfers) or TXID:N (the transfer at trace/log position N,"
            + " -1 for the top-level value). Repeatable."
      })
  List<String> seeds;

  @Option(
      names = "--model",
      defaultValue = "haircut",
      paramLabel = "M",
      description = "Taint model (see above). Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(
      names = "--hops",
      paramLabel = "N",
      description = {
        "UTXO: process transactions at most N hops from a seed.",
        "Account: follow taint at most N transfers from a seed transfer (hop 0); taint moving"
            + " further rests at the limit (totals \"limit\"). Default: no limit."
      })
  Integer hops;

  @Option(
      names = "--until-height",
      paramLabel = "H",
      description = "Ignore transactions in blocks above H.")
  Long untilHeight;

  @Option(
      names = "--fee-policy",
      defaultValue = "terminal",
      paramLabel = "P",
      description =
          "UTXO: terminal (fee paid last, BlockSci) | pro_rata_first (fee removed pro rata from"
              + " each input first, TaintedTX). Default: ${DEFAULT-VALUE}.")
  String feePolicy;

  @Option(
      names = "--taint-fee",
      description = "UTXO: feed fee taint into the block's coinbase instead of ending it there.")
  boolean taintFee;

  @Option(
      names = "--max-tx",
      defaultValue = "1000000",
      paramLabel = "N",
      description =
          "UTXO: transaction budget (poison can reach the whole chain); past it the result says"
              + " \"complete\": false. Default: ${DEFAULT-VALUE}.")
  long maxTx;

  @Override
  public Integer call() {
    try (LedgerSource s = source.open()) {
      ObjectNode json;
      if (s instanceof UtxoSource) {
        json = utxo((UtxoSource) s);
      } else if (s instanceof AccountSource) {
        json = account((AccountSource) s);
      } else {
        throw new CliException("unsupported source " + s.describe());
      }
      output.emit(Json.write(json), spec.commandLine().getOut());
    }
    return ExitCode.OK;
  }

  private ObjectNode utxo(UtxoSource s) {
    TaintModel m;
    FeePolicy policy;
    UtxoTaintOptions options;
    try {
      m = TaintModels.byId(model);
      policy = FeePolicy.valueOf(feePolicy.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      UtxoTaintOptions.Builder b =
          UtxoTaintOptions.builder().feePolicy(policy).taintFee(taintFee).maxTransactions(maxTx);
      if (hops != null) {
        b.maxHops(hops);
      }
      if (untilHeight != null) {
        b.untilHeight(untilHeight);
      }
      options = b.build();
      TaintEngine.utxo(m, options); // rejects meaningless combinations before any work
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Set<OutPoint> outs = new LinkedHashSet<>();
    for (String seed : seeds) {
      String t = seed.trim();
      if (t.contains(":")) {
        outs.add(Args.outPoint(t));
      } else {
        TxId id = Args.txId(t);
        UtxoTx tx =
            s.transaction(id)
                .orElseThrow(() -> new CliException("seed transaction " + id + " not found in " + s.describe()));
        for (int i = 0; i < tx.outputs().size(); i++) {
          outs.add(tx.outPoint(i));
        }
      }
    }
    UtxoTaintResult r = TaintEngine.utxo(m, options).propagate(s, outs);
    ObjectNode n = utxoJson(r, s.chain().id(), Asset.nativeOf(s.chain()));
    ArrayNode sd = ((ObjectNode) n.get("parameters")).putArray("seeds");
    outs.forEach(o -> sd.add(o.toString()));
    return n;
  }

  /** The JSON form of a UTXO result (also usable by other commands that annotate with taint). */
  static ObjectNode utxoJson(UtxoTaintResult r, String chain, Asset asset) {
    ObjectNode n = Json.object();
    n.put("chain", chain);
    n.put("model", r.model().id());
    n.put("asset", asset.toString());
    n.put("unit", asset.baseUnit());
    ObjectNode p = n.putObject("parameters");
    UtxoTaintOptions o = r.options();
    p.put("feePolicy", o.feePolicy().name().toLowerCase(Locale.ROOT));
    p.put("taintFee", o.taintFee());
    putLimit(p, "hops", o.maxHops() == Integer.MAX_VALUE ? null : (long) o.maxHops());
    putLimit(p, "untilHeight", o.untilHeight() == Long.MAX_VALUE ? null : o.untilHeight());
    putLimit(p, "maxTx", o.maxTransactions() == Long.MAX_VALUE ? null : o.maxTransactions());
    n.put("complete", r.isComplete());
    UtxoTaintResult.Totals t = r.totals();
    ObjectNode tot = n.putObject("totals");
    Json.putUnits(tot, "seeded", t.seeded());
    Json.putUnits(tot, "held", t.held());
    Json.putUnits(tot, "fees", t.fees());
    Json.putUnits(tot, "feesToCoinbase", t.feesToCoinbase());
    Json.putUnits(tot, "burned", t.burned());
    Json.putUnits(tot, "lost", t.lost());
    tot.put("transactions", t.transactions());
    tot.put("outputs", r.outputs().size());
    if (r.model().conservesTaint()) {
      tot.put("conserved", r.conserved());
    }
    if (r.model().isOrdered()) {
      tot.put("maxSegments", t.maxSegments());
    }
    ArrayNode outs = n.putArray("outputs");
    for (OutputTaint ot : r.outputs()) {
      ObjectNode j = outs.addObject();
      j.put("output", ot.outPoint().toString());
      j.put("address", Json.address(ot.address()));
      Json.putUnits(j, "value", ot.value());
      Json.putUnits(j, "tainted", ot.tainted());
      j.put("hop", ot.hop());
      j.put("status", ot.status().name().toLowerCase(Locale.ROOT));
      if (ot.spentBy() != null) {
        j.put("spentBy", ot.spentBy().toString());
      }
      ot.segmentVector().ifPresent(sg -> j.set("segments", segments(sg)));
    }
    ArrayNode txs = n.putArray("transactions");
    for (TxTaint x : r.transactions()) {
      ObjectNode j = txs.addObject();
      j.put("txid", x.txId().toString());
      j.set("block", Reports.block(x.block()));
      j.put("hop", x.hop());
      if (x.coinbase()) {
        j.put("coinbase", true);
      }
      Json.putUnits(j, "inputTaint", x.inputTaint());
      Json.putUnits(j, "outputTaint", x.outputTaint());
      Json.putUnits(j, "fee", x.fee());
      Json.putUnits(j, "feeTaint", x.feeTaint());
      if (x.feeToCoinbase()) {
        j.put("feeToCoinbase", true);
      }
      if (x.burned() > 0) {
        Json.putUnits(j, "burned", x.burned());
      }
      if (x.lost() > 0) {
        Json.putUnits(j, "lost", x.lost());
      }
    }
    return n;
  }

  private static ArrayNode segments(Segments s) {
    ArrayNode a = Json.array();
    for (Segments.Segment seg : s.toList()) {
      ObjectNode j = a.addObject();
      Json.putUnits(j, "value", seg.length());
      j.put("tainted", seg.tainted());
    }
    return a;
  }

  private static void putLimit(ObjectNode p, String name, Long v) {
    if (v == null) {
      p.putNull(name);
    } else {
      p.put(name, v);
    }
  }

  private ObjectNode account(AccountSource s) {
    AccountTaintModel m;
    AccountTaintOptions.Builder b = AccountTaintOptions.builder();
    List<AccountSeed> sd = new ArrayList<>();
    try {
      m = AccountTaintModel.byId(model);
      if (untilHeight != null) {
        b.untilHeight(untilHeight);
      }
      if (hops != null) {
        b.maxHops(hops);
      }
      if (taintFee || !feePolicy.equalsIgnoreCase("terminal")) {
        throw new IllegalArgumentException(
            "--taint-fee and --fee-policy apply to UTXO sources only; account chains pay gas as"
                + " its own outflow");
      }
      for (String seed : seeds) {
        sd.add(AccountSeed.parse(seed));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    AccountTaintResult r = TaintEngine.account(m, b.build()).propagate(s, sd);
    ObjectNode n = Json.object();
    n.put("chain", s.chain().id());
    n.put("model", m.id());
    ObjectNode p = n.putObject("parameters");
    putLimit(p, "hops", hops == null ? null : (long) hops);
    putLimit(p, "untilHeight", untilHeight);
    ArrayNode ps = p.putArray("seeds");
    sd.forEach(x -> ps.add(x.toString()));
    ArrayNode tot = n.putArray("totals");
    for (Map.Entry<Asset, AccountTaintResult.Totals> e : r.totals().entrySet()) {
      ObjectNode j = tot.addObject();
      j.put("asset", e.getKey().toString());
      Json.putUnits(j, "seeded", e.getValue().seeded());
      Json.putUnits(j, "held", e.getValue().held());
      Json.putUnits(j, "fees", e.getValue().fees());
      Json.putUnits(j, "limit", e.getValue().limit());
      j.put("transfers", e.getValue().transfers());
      if (m.conservesTaint()) {
        j.put("conserved", e.getValue().conserved());
      }
    }
    ArrayNode hs = n.putArray("accounts");
    for (AccountTaintResult.Holding h : r.holdings()) {
      ObjectNode j = hs.addObject();
      j.put("address", Json.address(h.address()));
      j.put("asset", h.asset().toString());
      Json.putUnits(j, "balance", h.balance());
      Json.putUnits(j, "tainted", h.tainted());
      if (h.unknownFunds().signum() > 0) {
        Json.putUnits(j, "unknownFunds", h.unknownFunds());
      }
    }
    ArrayNode ts = n.putArray("transfers");
    for (AccountTaintResult.TransferTaint tt : r.transfers()) {
      ObjectNode j = Reports.transfer(tt.transfer());
      Json.putUnits(j, "tainted", tt.tainted());
      j.put("hop", tt.hop());
      if (tt.seed()) {
        j.put("seed", true);
      }
      if (tt.limit()) {
        j.put("limit", true); // moved beyond --hops: its taint rests here
      }
      ts.add(j);
    }
    ArrayNode fs = n.putArray("fees");
    r.feeTaints().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode j = fs.addObject();
              j.put("txid", e.getKey().toHex0x());
              Json.putUnits(j, "feeTaint", e.getValue());
            });
    return n;
  }

}
