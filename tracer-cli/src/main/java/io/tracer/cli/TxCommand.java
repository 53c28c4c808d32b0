package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.bitcoin.source.BitcoinSource;
import io.tracer.core.model.Asset;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.report.Json;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import io.tracer.ethereum.etherscan.EtherscanSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracer tx}: one transaction decoded. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = {
      "Decode one transaction: inputs (spent outpoint, address, value), outputs (address, type,"
          + " value, spending transaction when known), fee; or, on Ethereum, its transfers."
    })
final class TxCommand implements Callable<Integer> {
  @Mixin SourceOption source;
  @Mixin OutputOption output;
  @Mixin GlobalOptions global;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TXID", description = "Transaction id (64 hex digits, 0x optional).")
  String txid;

  @Override
  public Integer call() {
    TxId id = Args.txId(txid);
    try (LedgerSource s = source.open()) {
      ObjectNode json;
      if (s instanceof UtxoSource) {
        UtxoSource u = (UtxoSource) s;
        UtxoTx tx =
            u.transaction(id)
                .orElseThrow(() -> new CliException("transaction " + id + " not found in " + s.describe()));
        json = utxoTx(tx, u);
        if (u instanceof BitcoinSource) {
          // Block files know the block's hash; other sources only its position.
          ((BitcoinSource) u).blockOf(tx).ifPresent(b -> {
            ObjectNode blk = (ObjectNode) json.get("block");
            blk.put("hash", b.hash());
            blk.put("network", b.network().name().toLowerCase(java.util.Locale.ROOT));
          });
        }
      } else if (s instanceof AccountSource) {
        List<Transfer> transfers = ((AccountSource) s).transfers(id);
        if (transfers.isEmpty()) {
          throw new CliException("transaction " + id.toHex0x() + " not found in " + s.describe()
              + (s instanceof EtherscanSource
                  ? "; an Etherscan API is asked by address, so it knows only the transactions of"
                      + " addresses already read: use 'tracer address' or 'tracer trace --seed ADDRESS'"
                  : ""));
        }
        json = accountTx(id, transfers);
      } else {
        throw new CliException("unsupported source " + s.describe());
      }
      output.emit(Json.write(json), spec.commandLine().getOut());
    }
    return ExitCode.OK;
  }

  static ObjectNode utxoTx(UtxoTx tx, UtxoSource source) {
    ObjectNode n = Json.object();
    n.put("chain", tx.chain().id());
    n.put("txid", tx.id().toString());
    n.set("block", Reports.block(tx.block()));
    n.put("coinbase", tx.isCoinbase());
    n.put("version", tx.version());
    n.put("locktime", tx.lockTime());
    if (tx.vsize() > 0) {
      n.put("vsize", tx.vsize());
    }
    n.put("asset", Asset.nativeOf(tx.chain()).toString());
    ArrayNode ins = n.putArray("inputs");
    for (int i = 0; i < tx.inputs().size(); i++) {
      TxIn in = tx.inputs().get(i);
      ObjectNode j = ins.addObject();
      j.put("index", i);
      if (in.isCoinbase()) {
        j.put("coinbase", true);
        continue;
      }
      j.put("spends", in.prevout().toString());
      if (in.isResolved()) {
        j.put("address", Json.address(in.address()));
        Json.putUnits(j, "value", in.value());
      } else {
        j.putNull("address");
        j.putNull("value");
        j.put("note", "spent output not in the loaded data");
      }
    }
    ArrayNode outs = n.putArray("outputs");
    for (TxOut o : tx.outputs()) {
      ObjectNode j = outs.addObject();
      j.put("index", o.index());
      j.put("address", Json.address(o.address()));
      j.put("type", o.type().name().toLowerCase(java.util.Locale.ROOT));
      Json.putUnits(j, "value", o.value());
      Optional<InPoint> sp = source.spender(tx.outPoint(o.index()));
      if (sp.isPresent()) {
        j.put("spentBy", sp.get().txId() + ":" + sp.get().index());
      } else {
        j.putNull("spentBy");
      }
    }
    Json.putUnits(n, "outputValue", tx.outputValue());
    if (tx.inputValue().isPresent()) {
      Json.putUnits(n, "inputValue", tx.inputValue().getAsLong());
    }
    if (tx.fee().isPresent()) {
      Json.putUnits(n, "fee", tx.fee().getAsLong());
    } else {
      n.putNull("fee");
    }
    return n;
  }

  static ObjectNode accountTx(TxId id, List<Transfer> transfers) {
    ObjectNode n = Json.object();
    n.put("chain", transfers.get(0).asset().chain().id());
    n.put("txid", id.toHex0x());
    n.set("block", Reports.block(transfers.get(0).block()));
    n.put("success", succeeded(transfers));
    ArrayNode arr = n.putArray("transfers");
    for (Transfer t : transfers) {
      arr.add(Reports.transfer(t));
    }
    return n;
  }

  /**
   * The transaction's own status (its receipt): what its top-level value and its gas carry. An
   * internal call that reverted inside a successful transaction does not make it failed; only
   * when neither is listed (token moves alone) do the transfers' statuses decide.
   */
  static boolean succeeded(List<Transfer> transfers) {
    for (Transfer t : transfers) {
      if (t.kind() == TransferKind.NATIVE || t.kind() == TransferKind.FEE) {
        return t.success();
      }
    }
    return transfers.stream().allMatch(Transfer::success);
  }
}
