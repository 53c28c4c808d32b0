package io.tracer.bitcoin.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.bitcoin.blocks.BlockInfo;
import io.tracer.bitcoin.blocks.DecodedBlock;
import io.tracer.bitcoin.blocks.RawBlockDecoder;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.bitcoin.script.OutputScripts;
import io.tracer.bitcoin.script.ScriptAddress;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Bitcoin Core JSON-RPC answers to {@link UtxoTx}: {@code getblock <hash> 2} (and 3) and {@code
 * getrawtransaction <txid> true}. The JSON may be the bare result or the {@code {"result": …}}
 * envelope.
 *
 * <p>Output addresses come from {@code scriptPubKey.hex} through {@link OutputScripts}, not from
 * the {@code address}/{@code addresses} fields (Core changed those between versions and omits them
 * for P2PK); values are BTC decimals converted exactly. Inputs carry their spent output only with
 * verbosity 3 ({@code vin[].prevout}); otherwise they are unresolved and a {@link
 * io.tracer.core.index.UtxoLedger} resolves them from other loaded transactions. Thread-safe.
 */
public final class RpcJson {
  private static final HexFormat HEX = HexFormat.of();
  private final ObjectMapper mapper = Json.mapper();
  private final BtcNetwork network;

  public RpcJson(BtcNetwork network) {
    this.network = Objects.requireNonNull(network, "network");
  }

  /** Parses a JSON document (a whole RPC answer). */
  public JsonNode parse(String json, String where) {
    if (json.length() > Json.MAX_DOCUMENT_CHARS) {
      throw new EtlFormatException(where + ": " + json.length() + " characters is too large");
    }
    try {
      JsonNode n = mapper.readTree(json);
      if (n == null || !n.isObject()) {
        throw new EtlFormatException(where + ": not a JSON object");
      }
      if (n.has("result") && n.has("id")) {
        JsonNode err = n.get("error");
        if (err != null && !err.isNull()) {
          throw new EtlFormatException(where + ": RPC error " + err);
        }
        n = n.get("result");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new EtlFormatException(where + ": not valid JSON: " + Json.problem(e), e);
    }
  }

  /** A {@code getblock <hash> 2|3} result. */
  public DecodedBlock block(JsonNode b, String where) {
    String hash = Json.text(b, "hash", where);
    long height = Json.integer(b, "height", where, 0, Integer.MAX_VALUE);
    Instant time = Instant.ofEpochSecond(Json.uint32(b, "time", where));
    String prev = b.hasNonNull("previousblockhash") ? b.get("previousblockhash").asText() : "0".repeat(64);
    JsonNode txs = Json.field(b, "tx", where);
    if (!txs.isArray()) {
      throw new EtlFormatException(where + ": 'tx' is not an array (call getblock with verbosity 2)");
    }
    List<UtxoTx> out = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      JsonNode t = txs.get(i);
      if (!t.isObject()) {
        throw new EtlFormatException(where + ": tx " + i + " is a txid, not an object (verbosity 1?)");
      }
      out.add(transaction(t, BlockRef.of(height, i, time), where + " tx " + i));
    }
    int size = b.hasNonNull("size")
        ? (int) Json.integer(b, "size", where, 0, RawBlockDecoder.MAX_BLOCK_SIZE) : 0;
    long version = b.hasNonNull("version") ? Json.integer(b, "version", where) : 0;
    BlockInfo info = new BlockInfo(hash, prev, height, time, version, out.size(), size, network);
    return new DecodedBlock(info, out);
  }

  /**
   * A {@code getrawtransaction <txid> true} result. Core does not give the height; the
   * transaction gets {@link BlockRef#UNKNOWN_HEIGHT} and the block time if present.
   */
  public UtxoTx transaction(JsonNode t, String where) {
    long time = t.hasNonNull("blocktime") ? Json.uint32(t, "blocktime", where) : 0;
    return transaction(t, BlockRef.of(BlockRef.UNKNOWN_HEIGHT, 0, Instant.ofEpochSecond(time)), where);
  }

  /** One transaction object as found in {@code getblock … 2} and {@code getrawtransaction}. */
  public UtxoTx transaction(JsonNode t, BlockRef ref, String where) {
    TxId id = txid(Json.text(t, "txid", where), where);
    String w = where + " (" + id + ")";
    long version = Json.version(t, "version", w);
    long lockTime = Json.uint32(t, "locktime", w);
    int vsize = t.hasNonNull("vsize")
        ? (int) Json.integer(t, "vsize", w, 0, RawBlockDecoder.MAX_BLOCK_SIZE) : 0;
    JsonNode vin = Json.field(t, "vin", w);
    List<TxIn> ins = new ArrayList<>(vin.size());
    long inTotal = 0; // prevout values (verbosity 3): all of them together are real coins too
    for (int i = 0; i < vin.size(); i++) {
      JsonNode in = vin.get(i);
      String wi = w + " vin " + i;
      long seq = Json.uint32(in, "sequence", wi);
      if (in.has("coinbase")) {
        ins.add(TxIn.coinbase(seq));
        continue;
      }
      int index = (int) Json.integer(in, "vout", wi, 0, Integer.MAX_VALUE);
      OutPoint prev = new OutPoint(txid(Json.text(in, "txid", wi), wi), index);
      JsonNode prevout = in.get("prevout");
      if (prevout != null && prevout.isObject()) {
        long value = Json.btcToSat(prevout, "value", wi + " prevout");
        inTotal = Json.checkSupply(inTotal + value, "inputs' total", w);
        ScriptAddress sa = script(Json.field(prevout, "scriptPubKey", wi), wi + " prevout");
        ins.add(TxIn.resolved(prev, sa.address(), value, seq));
      } else {
        ins.add(TxIn.unresolved(prev, seq));
      }
    }
    JsonNode vout = Json.field(t, "vout", w);
    List<TxOut> outs = new ArrayList<>(vout.size());
    long outTotal = 0; // each output at most MAX_MONEY: no overflow
    for (int i = 0; i < vout.size(); i++) {
      JsonNode o = vout.get(i);
      String wo = w + " vout " + i;
      long n = Json.integer(o, "n", wo);
      if (n != i) {
        throw new EtlFormatException(wo + ": 'n' is " + n);
      }
      ScriptAddress sa = script(Json.field(o, "scriptPubKey", wo), wo);
      long value = Json.btcToSat(o, "value", wo);
      outTotal = Json.checkSupply(outTotal + value, "outputs' total", w);
      outs.add(new TxOut(i, sa.address(), value, sa.type()));
    }
    return new UtxoTx(id, ref, version, lockTime, vsize, ins, outs);
  }

  private ScriptAddress script(JsonNode spk, String where) {
    String hex = Json.text(spk, "hex", where + " scriptPubKey");
    try {
      return OutputScripts.classify(HEX.parseHex(hex), network);
    } catch (IllegalArgumentException e) {
      throw new EtlFormatException(where + ": scriptPubKey.hex is not hex", e);
    }
  }

  static TxId txid(String hex, String where) {
    try {
      return TxId.parse(hex);
    } catch (IllegalArgumentException e) {
      throw new EtlFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
