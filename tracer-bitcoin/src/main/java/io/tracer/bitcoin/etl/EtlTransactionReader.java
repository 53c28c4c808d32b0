package io.tracer.bitcoin.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.bitcoin.blocks.RawBlockDecoder;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.bitcoin.script.OutputScripts;
import io.tracer.bitcoin.script.ScriptAddress;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads bitcoin-etl transaction exports: one JSON object per line, as {@code bitcoinetl
 * export_blocks_and_transactions} and {@code stream} write them (the {@code expected_transactions
 * .json} fixtures show the exact fields). Lines whose {@code type} is {@code block} and blank lines
 * are skipped; every other line must be a transaction.
 *
 * <p>Mapping to {@link UtxoTx}:
 *
 * <ul>
 *   <li>{@code hash}, {@code block_number}, {@code index} (position in block), {@code
 *       block_timestamp}, {@code version}, {@code lock_time}, {@code virtual_size}.
 *   <li>Outputs: address and type from {@code script_hex} via {@link OutputScripts} (so pseudo-
 *       addresses match the block reader); the export's {@code addresses} is used only when {@code
 *       script_hex} is missing and it holds exactly one address. {@code value} in satoshi.
 *   <li>Inputs: a coinbase (export: {@code is_coinbase} and no inputs) becomes one coinbase input.
 *       An input is resolved when the export was enriched ({@code value} not null and exactly one
 *       address); otherwise (not enriched, or a multisig/non-standard spent output whose script
 *       the export does not carry) it is left unresolved for the ledger to resolve.
 * </ul>
 *
 * Errors name the file and line. Lines longer than {@link Json#MAX_DOCUMENT_CHARS} are rejected
 * before they are held in memory. Thread-safe.
 */
public final class EtlTransactionReader {
  private static final HexFormat HEX = HexFormat.of();
  private static final long COINBASE_SEQUENCE = 0xffffffffL;
  private final ObjectMapper mapper = Json.mapper();
  private final BtcNetwork network;

  public EtlTransactionReader(BtcNetwork network) {
    this.network = Objects.requireNonNull(network, "network");
  }

  /**
   * The export files under {@code path}: the file itself, or every {@code *transactions*.json} /
   * {@code .jsonl} file below a directory, in path order.
   */
  public static List<Path> files(Path path) {
    if (!Files.exists(path)) {
      throw new EtlFormatException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> s = Files.walk(path, 8)) {
      List<Path> out =
          s.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.contains("transactions") && (n.endsWith(".json") || n.endsWith(".jsonl"));
                  })
              .sorted()
              .toList();
      if (out.isEmpty()) {
        throw new EtlFormatException(path + ": no *transactions*.json or .jsonl files in this directory");
      }
      return out;
    } catch (IOException e) {
      throw new EtlFormatException(path + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** Every transaction in {@code file}, in file order. */
  public List<UtxoTx> read(Path file) {
    List<UtxoTx> out = new ArrayList<>();
    read(file, out::add);
    return out;
  }

  /** Streams the transactions of {@code file} to {@code sink}, one line at a time. */
  public void read(Path file, Consumer<UtxoTx> sink) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read(r, file.toString(), sink);
    } catch (java.nio.charset.CharacterCodingException e) {
      // The JDK says only "Input length = 1": name what is wrong with the file instead.
      throw new EtlFormatException(
          file + ": not bitcoin-etl JSON lines (the file is not UTF-8 text)", e);
    } catch (IOException e) {
      throw new EtlFormatException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads JSON lines from {@code reader}; {@code name} is used in messages. */
  public void read(Reader reader, String name, Consumer<UtxoTx> sink) throws IOException {
    StringBuilder line = new StringBuilder(4096);
    long lineNo = 0;
    boolean more = true;
    while (more) {
      line.setLength(0);
      more = readLine(reader, line, name, lineNo + 1);
      lineNo++;
      if (line.toString().isBlank()) {
        continue;
      }
      String where = name + " line " + lineNo;
      JsonNode n;
      try {
        n = mapper.readTree(line.toString());
      } catch (JsonProcessingException e) {
        throw new EtlFormatException(where + ": not valid JSON: " + Json.problem(e), e);
      }
      if (n == null || !n.isObject()) {
        throw new EtlFormatException(where + ": not a JSON object");
      }
      JsonNode type = n.get("type");
      if (type != null && type.isTextual() && !type.asText().equals("transaction")) {
        continue; // blocks and other item types of a stream export
      }
      sink.accept(transaction(n, where));
    }
  }

  private static boolean readLine(Reader r, StringBuilder sb, String name, long lineNo) throws IOException {
    int c;
    while ((c = r.read()) >= 0) {
      if (c == '\n') {
        return true;
      }
      if (sb.length() >= Json.MAX_DOCUMENT_CHARS) {
        throw new EtlFormatException(
            name + " line " + lineNo + ": longer than " + Json.MAX_DOCUMENT_CHARS + " characters");
      }
      sb.append((char) c);
    }
    return false;
  }

  /** One export object. */
  public UtxoTx transaction(JsonNode n, String where) {
    var id = RpcJson.txid(Json.text(n, "hash", where), where);
    String w = where + " (" + id + ")";
    // heights and positions as the ledger holds them (an int each); the rest in their 32 bits
    long height = Json.integer(n, "block_number", w, 0, Integer.MAX_VALUE);
    long index = Json.integer(n, "index", w, 0, Integer.MAX_VALUE);
    long time = Json.uint32(n, "block_timestamp", w);
    BlockRef ref = BlockRef.of(height, (int) index, Instant.ofEpochSecond(time));
    long version = Json.version(n, "version", w);
    long lockTime = Json.uint32(n, "lock_time", w);
    int vsize = n.hasNonNull("virtual_size")
        ? (int) Json.integer(n, "virtual_size", w, 0, RawBlockDecoder.MAX_BLOCK_SIZE) : 0;
    boolean coinbase = n.hasNonNull("is_coinbase") && n.get("is_coinbase").asBoolean();

    JsonNode inputs = Json.field(n, "inputs", w);
    List<TxIn> ins = new ArrayList<>(Math.max(1, inputs.size()));
    if (coinbase) {
      ins.add(TxIn.coinbase(COINBASE_SEQUENCE));
    } else {
      long total = 0; // the values given with inputs: all of them together are real coins too
      for (int i = 0; i < inputs.size(); i++) {
        TxIn in = input(inputs.get(i), w + " input " + i);
        total = Json.checkSupply(total + Math.max(0, in.value()), "inputs' total", w);
        ins.add(in);
      }
    }
    JsonNode outputs = Json.field(n, "outputs", w);
    List<TxOut> outs = new ArrayList<>(outputs.size());
    long outTotal = 0; // each output at most MAX_MONEY: no overflow
    for (int i = 0; i < outputs.size(); i++) {
      TxOut out = output(outputs.get(i), i, w + " output " + i);
      outTotal = Json.checkSupply(outTotal + out.value(), "outputs' total", w);
      outs.add(out);
    }
    return new UtxoTx(id, ref, version, lockTime, vsize, ins, outs);
  }

  private TxIn input(JsonNode in, String where) {
    OutPoint prev =
        new OutPoint(
            RpcJson.txid(Json.text(in, "spent_transaction_hash", where), where),
            (int) Json.integer(in, "spent_output_index", where, 0, Integer.MAX_VALUE));
    long seq = in.hasNonNull("sequence") ? Json.uint32(in, "sequence", where) : COINBASE_SEQUENCE;
    JsonNode value = in.get("value");
    Address single = singleAddress(in.get("addresses"), where);
    if (value != null && !value.isNull() && single != null) {
      long v = Json.integer(in, "value", where);
      if (v < 0) {
        throw new EtlFormatException(where + ": negative value");
      }
      return TxIn.resolved(prev, single, Json.checkSupply(v, "value", where), seq);
    }
    return TxIn.unresolved(prev, seq);
  }

  private TxOut output(JsonNode o, int i, String where) {
    if (o.hasNonNull("index") && Json.integer(o, "index", where) != i) {
      throw new EtlFormatException(where + ": index is " + o.get("index") + ", expected " + i);
    }
    long value = Json.integer(o, "value", where);
    if (value < 0) {
      throw new EtlFormatException(where + ": negative value");
    }
    Json.checkSupply(value, "value", where);
    JsonNode hex = o.get("script_hex");
    if (hex != null && hex.isTextual()) {
      try {
        ScriptAddress sa = OutputScripts.classify(HEX.parseHex(hex.asText()), network);
        return new TxOut(i, sa.address(), value, sa.type());
      } catch (IllegalArgumentException e) {
        throw new EtlFormatException(where + ": script_hex is not hex", e);
      }
    }
    Address single = singleAddress(o.get("addresses"), where);
    if (single == null) {
      // Never drop an output: without script or single address it is still counted.
      single = Address.pseudo(Chain.BITCOIN, OutputScripts.PSEUDO_SCRIPT, "unknown");
    }
    return new TxOut(i, single, value, OutputType.UNKNOWN);
  }

  /**
   * The one real address of an {@code addresses} array, or null: empty, several (multisig), or
   * bitcoin-etl's synthetic {@code nonstandard…} names are not addresses.
   */
  private static Address singleAddress(JsonNode addresses, String where) {
    if (addresses == null || !addresses.isArray() || addresses.size() != 1) {
      return null;
    }
    String a = addresses.get(0).asText();
    if (a.startsWith("nonstandard")) {
      return null;
    }
    try {
      return Address.of(Chain.BITCOIN, a);
    } catch (IllegalArgumentException e) {
      throw new EtlFormatException(where + ": bad address: " + e.getMessage(), e);
    }
  }
}
