package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.report.Json;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracer address}: totals and history of one address in the loaded data. */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    description = {
      "Totals of one address in the loaded data: received, sent, balance, transaction count,"
          + " first and last seen, and its history."
    })
final class AddressCommand implements Callable<Integer> {
  @Mixin SourceOption source;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ADDRESS", description = "The address (any case for 0x addresses).")
  String address;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Most history entries to list (totals always cover all). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative, got " + limit);
    }
    try (LedgerSource s = source.open()) {
      Address a = Args.address(address, s);
      ObjectNode json;
      if (s instanceof UtxoSource) {
        json = utxo(a, (UtxoSource) s);
      } else {
        json = account(a, SourceOption.requireAccount(s, "address"));
      }
      output.emit(Json.write(json), spec.commandLine().getOut());
    }
    return ExitCode.OK;
  }

  private ObjectNode utxo(Address a, UtxoSource s) {
    List<TxId> history = s.history(a);
    if (history.isEmpty()) {
      throw new CliException("address " + a.display() + " does not appear in " + s.describe());
    }
    // Totals as BigInteger: real data stays far below 2^63 sat, but an export can give any input
    // values, and a sum that overflowed would stop the command with no useful answer.
    BigInteger received = BigInteger.ZERO;
    BigInteger sent = BigInteger.ZERO;
    BlockRef first = null;
    BlockRef last = null;
    ObjectNode n = Json.object();
    n.put("chain", a.chain().id());
    n.put("address", a.display());
    n.put("asset", Asset.nativeOf(a.chain()).toString());
    ArrayNode hist = Json.array();
    for (TxId id : history) {
      UtxoTx tx = s.transaction(id).orElseThrow();
      BigInteger in = BigInteger.ZERO;
      BigInteger out = BigInteger.ZERO;
      for (TxOut o : tx.outputs()) {
        if (o.address().equals(a)) {
          in = in.add(BigInteger.valueOf(o.value()));
        }
      }
      for (TxIn i : tx.inputs()) {
        if (a.equals(i.address())) {
          out = out.add(BigInteger.valueOf(i.value()));
        }
      }
      received = received.add(in);
      sent = sent.add(out);
      first = first == null ? tx.block() : first;
      last = tx.block();
      if (hist.size() < limit) {
        ObjectNode h = hist.addObject();
        h.put("txid", id.toString());
        h.set("block", Reports.block(tx.block()));
        Json.putUnits(h, "received", in);
        Json.putUnits(h, "sent", out);
      }
    }
    Json.putUnits(n, "received", received);
    Json.putUnits(n, "sent", sent);
    Json.putUnits(n, "balance", received.subtract(sent));
    n.put("txCount", history.size());
    n.set("firstSeen", Reports.block(first));
    n.set("lastSeen", Reports.block(last));
    n.put("historyShown", hist.size());
    n.set("history", hist);
    return n;
  }

  private ObjectNode account(Address a, AccountSource s) {
    List<Transfer> history = s.history(a);
    if (history.isEmpty()) {
      throw new CliException("address " + a.display() + " does not appear in " + s.describe());
    }
    Map<Asset, BigInteger[]> totals = new LinkedHashMap<>();
    ObjectNode n = Json.object();
    n.put("chain", a.chain().id());
    n.put("address", a.display());
    ArrayNode hist = Json.array();
    java.util.Set<TxId> txs = new java.util.HashSet<>();
    for (Transfer t : history) {
      txs.add(t.txId());
      if (!t.movesValue()) {
        continue;
      }
      BigInteger[] tot = totals.computeIfAbsent(t.asset(), k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
      if (t.to().equals(a)) {
        tot[0] = tot[0].add(t.amount());
      }
      if (t.from().equals(a)) {
        tot[1] = tot[1].add(t.amount());
      }
      if (hist.size() < limit) {
        hist.add(Reports.transfer(t));
      }
    }
    ArrayNode assets = n.putArray("assets");
    for (Map.Entry<Asset, BigInteger[]> e : totals.entrySet()) {
      ObjectNode j = assets.addObject();
      j.set("asset", Json.asset(e.getKey()));
      Json.putUnits(j, "received", e.getValue()[0]);
      Json.putUnits(j, "sent", e.getValue()[1]);
      Json.putUnits(j, "balance", e.getValue()[0].subtract(e.getValue()[1]));
    }
    n.put("txCount", txs.size());
    n.set("firstSeen", Reports.block(history.get(0).block()));
    n.set("lastSeen", Reports.block(history.get(history.size() - 1).block()));
    n.put("historyShown", hist.size());
    n.set("history", hist);
    return n;
  }
}
