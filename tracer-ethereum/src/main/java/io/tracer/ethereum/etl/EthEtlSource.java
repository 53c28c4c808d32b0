package io.tracer.ethereum.etl;

import io.tracer.core.internal.Keccak256;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.SourceException;
import io.tracer.ethereum.internal.Csv;
import io.tracer.ethereum.internal.Quantities;
import io.tracer.ethereum.internal.TokenMetadata;
import io.tracer.ethereum.internal.TransferIndex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An {@link AccountSource} over an ethereum-etl export directory. Files and columns used (as
 * ethereum-etl writes them):
 *
 * <ul>
 *   <li>{@code transactions.csv} (required): hash, block_number, transaction_index, from_address,
 *       to_address, value, gas_price; block_timestamp when present; receipt_* columns when the
 *       export was enriched.
 *   <li>{@code receipts.csv}: transaction_hash, transaction_index, block_number, gas_used,
 *       contract_address, status, effective_gas_price. Without it there is no fee and the status
 *       comes from traces.csv (or is taken as success); {@link #missing()} says so.
 *   <li>{@code token_transfers.csv}: token_address, from_address, to_address, value,
 *       transaction_hash, log_index, block_number. ERC-20 and ERC-721 share one event, so the
 *       export cannot tell them apart: all become TOKEN transfers.
 *   <li>{@code traces.csv}: internal calls (non-empty trace_address) with value > 0 and trace_type
 *       call/create/suicide, excluding delegatecall/staticcall/callcode; {@code status} (0 when the
 *       trace or a parent failed) gives success; {@code reward} rows become REWARD transfers.
 *   <li>{@code tokens.csv} (optional): address, symbol, decimals. Tokens missing from it get
 *       symbol TOKEN and 0 decimals (base units stay exact; only the decimal display is off).
 *   <li>{@code blocks.csv} (optional): number, hash, timestamp, for block times and reward ids.
 * </ul>
 *
 * Block rewards have no transaction: their id is the block hash from blocks.csv, or else
 * keccak256("tracer:block:" + number) [design]. The whole directory is read when the source opens,
 * into an immutable index; a malformed row fails the open with {@code file:line}.
 */
public final class EthEtlSource implements AccountSource {
  private final Path dir;
  private final Chain chain;
  private final TransferIndex index;
  private final List<String> missing;

  private EthEtlSource(Path dir, Chain chain, TransferIndex index, List<String> missing) {
    this.dir = dir;
    this.chain = chain;
    this.index = index;
    this.missing = List.copyOf(missing);
  }

  /**
   * Reads the export in {@code dir}.
   *
   * @throws SourceException if a file is unreadable or a row malformed
   */
  public static EthEtlSource open(Path dir, Chain chain) {
    if (!Files.isDirectory(dir)) {
      throw new SourceException("eth-etl: not a directory: " + dir);
    }
    return new Loader(dir, chain).load();
  }

  private static final class TxRow {
    String hash;
    long block;
    int index = -1;
    String from;
    String to;
    BigInteger value;
    BigInteger gasPrice;
    Boolean success;
    BigInteger gasUsed;
    BigInteger effectivePrice;
    String created;
  }

  private static final class Loader {
    /** Token transfers are numbered from here, after any plausible count of internal calls. */
    static final int TOKEN_POSITIONS = 1_000_000;
    static final int MAX_DECIMALS = 77;

    final Path dir;
    final Chain chain;
    final Map<String, TxRow> txs = new HashMap<>();
    final Map<Long, Instant> blockTime = new HashMap<>();
    final Map<Long, String> blockHash = new HashMap<>();
    final Map<String, Asset> tokens = new HashMap<>();
    final Map<String, Integer> txIndex = new HashMap<>();
    final List<String> missing = new ArrayList<>();
    final List<Transfer> out = new ArrayList<>();

    Loader(Path dir, Chain chain) {
      this.dir = dir;
      this.chain = chain;
    }

    EthEtlSource load() {
      Path txFile = dir.resolve("transactions.csv");
      if (!Files.exists(txFile)) {
        throw new SourceException("eth-etl: " + dir + " has no transactions.csv");
      }
      read("blocks.csv", this::blocks);
      read("tokens.csv", this::tokens);
      read("transactions.csv", this::transactions);
      boolean receipts = read("receipts.csv", this::receipts);
      if (!receipts && txs.values().stream().noneMatch(t -> t.gasUsed != null)) {
        missing.add("fees: no receipts.csv (gas used is unknown, so no FEE transfers)");
      }
      List<String[]> traceRows = new ArrayList<>();
      boolean traces = read("traces.csv", c -> traces(c, traceRows));
      if (!traces) {
        missing.add("internal ETH transfers: no traces.csv");
      }
      for (TxRow t : txs.values()) {
        emitTx(t);
      }
      for (String[] r : traceRows) {
        emitTrace(r);
      }
      if (!read("token_transfers.csv", this::tokenTransfers)) {
        missing.add("token transfers: no token_transfers.csv");
      }
      return new EthEtlSource(dir, chain, TransferIndex.of(out), missing);
    }

    interface RowReader {
      void read(Csv csv);
    }

    private boolean read(String file, RowReader r) {
      Path p = dir.resolve(file);
      if (!Files.exists(p)) {
        return false;
      }
      try (Csv csv = new Csv(Files.newBufferedReader(p, StandardCharsets.UTF_8), file)) {
        try {
          r.read(csv);
        } catch (IllegalArgumentException e) {
          throw new SourceException("eth-etl " + csv.where() + ": " + e.getMessage(), e);
        }
      } catch (IOException e) {
        throw new SourceException("eth-etl: cannot read " + p + ": " + e.getMessage(), e);
      }
      return true;
    }

    private static String get(List<String> row, int i) {
      return i < row.size() ? row.get(i) : "";
    }

    private void blocks(Csv c) {
      int num = c.column("number");
      int hash = c.column("hash");
      int ts = c.column("timestamp");
      for (List<String> r; (r = c.next()) != null; ) {
        long n = Quantities.decimalLong(get(r, num), "number");
        blockHash.put(n, TxId.parse(get(r, hash)).toHex0x());
        long seconds = Quantities.decimalLong(get(r, ts), "timestamp");
        blockTime.put(n, Quantities.blockTime(seconds, "timestamp"));
      }
    }

    private void tokens(Csv c) {
      int addr = c.column("address");
      int sym = c.has("symbol") ? c.column("symbol") : -1;
      int dec = c.has("decimals") ? c.column("decimals") : -1;
      for (List<String> r; (r = c.next()) != null; ) {
        String a = Address.of(chain, get(r, addr)).value();
        String symbol = sym < 0 ? TokenMetadata.UNKNOWN_SYMBOL : TokenMetadata.sanitize(get(r, sym));
        int d = 0;
        if (dec >= 0 && !get(r, dec).isBlank()) {
          d = decimals(get(r, dec));
        }
        tokens.put(a, Asset.token(chain, a, symbol, d));
      }
    }

    /** A token's decimals: 77 at most, as 10^78 passes 2^256 (no amount could show a unit). */
    private static int decimals(String text) {
      BigInteger v = Quantities.decimal(text, "decimals");
      if (v.compareTo(BigInteger.valueOf(MAX_DECIMALS)) > 0) {
        throw new IllegalArgumentException("decimals: " + v + " is above " + MAX_DECIMALS);
      }
      return v.intValue();
    }

    private void transactions(Csv c) {
      int hash = c.column("hash");
      int block = c.column("block_number");
      int idx = c.column("transaction_index");
      int from = c.column("from_address");
      int to = c.column("to_address");
      int value = c.column("value");
      int gp = c.column("gas_price");
      int ts = c.has("block_timestamp") ? c.column("block_timestamp") : -1;
      int rs = c.has("receipt_status") ? c.column("receipt_status") : -1;
      int rg = c.has("receipt_gas_used") ? c.column("receipt_gas_used") : -1;
      int rp = c.has("receipt_effective_gas_price") ? c.column("receipt_effective_gas_price") : -1;
      int rc = c.has("receipt_contract_address") ? c.column("receipt_contract_address") : -1;
      for (List<String> r; (r = c.next()) != null; ) {
        TxRow t = new TxRow();
        t.hash = TxId.parse(get(r, hash)).toHex0x();
        t.block = Quantities.decimalLong(get(r, block), "block_number");
        t.index = Quantities.decimalInt(get(r, idx), "transaction_index");
        t.from = Address.of(chain, get(r, from)).value();
        t.to = get(r, to).isBlank() ? null : Address.of(chain, get(r, to)).value();
        t.value = Quantities.decimal(get(r, value), "value");
        t.gasPrice = get(r, gp).isBlank() ? BigInteger.ZERO : Quantities.decimal(get(r, gp), "gas_price");
        if (ts >= 0 && !get(r, ts).isBlank()) {
          long seconds = Quantities.decimalLong(get(r, ts), "block_timestamp");
          blockTime.putIfAbsent(t.block, Quantities.blockTime(seconds, "block_timestamp"));
        }
        if (rs >= 0 && !get(r, rs).isBlank()) {
          t.success = !get(r, rs).trim().equals("0");
        }
        if (rg >= 0 && !get(r, rg).isBlank()) {
          t.gasUsed = Quantities.decimal(get(r, rg), "receipt_gas_used");
        }
        if (rp >= 0 && !get(r, rp).isBlank()) {
          t.effectivePrice = Quantities.decimal(get(r, rp), "receipt_effective_gas_price");
        }
        if (rc >= 0 && !get(r, rc).isBlank()) {
          t.created = Address.of(chain, get(r, rc)).value();
        }
        if (txs.put(t.hash, t) != null) {
          throw new IllegalArgumentException("transaction " + t.hash + " listed twice");
        }
        txIndex.put(t.hash, t.index);
      }
    }

    private void receipts(Csv c) {
      int hash = c.column("transaction_hash");
      int idx = c.column("transaction_index");
      int gas = c.column("gas_used");
      int status = c.column("status");
      int price = c.has("effective_gas_price") ? c.column("effective_gas_price") : -1;
      int created = c.has("contract_address") ? c.column("contract_address") : -1;
      for (List<String> r; (r = c.next()) != null; ) {
        String h = TxId.parse(get(r, hash)).toHex0x();
        txIndex.putIfAbsent(h, Quantities.decimalInt(get(r, idx), "transaction_index"));
        TxRow t = txs.get(h);
        if (t == null) {
          continue; // a receipt for a transaction outside the export: nothing to attach it to
        }
        t.gasUsed = Quantities.decimal(get(r, gas), "gas_used");
        // Pre-Byzantium receipts have a state root and an empty status: success is unknown.
        if (!get(r, status).isBlank()) {
          t.success = !get(r, status).trim().equals("0");
        }
        if (price >= 0 && !get(r, price).isBlank()) {
          t.effectivePrice = Quantities.decimal(get(r, price), "effective_gas_price");
        }
        if (created >= 0 && !get(r, created).isBlank()) {
          t.created = Address.of(chain, get(r, created)).value();
        }
      }
    }

    private void traces(Csv c, List<String[]> rows) {
      String[] cols = {"block_number", "transaction_hash", "transaction_index", "from_address", "to_address",
          "value", "trace_type", "call_type", "trace_address", "status", "error"};
      int[] at = new int[cols.length];
      for (int i = 0; i < cols.length; i++) {
        at[i] = c.column(cols[i]);
      }
      for (List<String> r; (r = c.next()) != null; ) {
        String[] row = new String[cols.length];
        for (int i = 0; i < cols.length; i++) {
          row[i] = get(r, at[i]).trim();
        }
        String type = row[6].toLowerCase(Locale.ROOT);
        String traceAddress = row[8];
        if (!row[1].isEmpty()) {
          String h = TxId.parse(row[1]).toHex0x();
          row[1] = h;
          if (!row[2].isEmpty()) {
            txIndex.putIfAbsent(h, Quantities.decimalInt(row[2], "transaction_index"));
          }
          TxRow t = txs.get(h);
          if (t != null && traceAddress.isEmpty() && t.success == null && !row[9].isEmpty()) {
            t.success = !row[9].equals("0"); // the top-level trace tells a failure when receipts are absent
          }
        }
        if (!traceAddress.isEmpty() || type.equals("reward")) {
          validateTrace(row, type.equals("reward"));
          rows.add(row);
        }
      }
    }

    /**
     * Checks a kept traces.csv row now, while its line number is known (it is emitted later), and
     * puts its addresses in canonical form.
     */
    private void validateTrace(String[] row, boolean reward) {
      BigInteger value = Quantities.decimal(row[5].isEmpty() ? "0" : row[5], "value");
      Quantities.decimalLong(row[0], "block_number");
      for (int i : new int[] {3, 4}) {
        if (!row[i].isEmpty()) {
          row[i] = Address.of(chain, row[i]).value();
        }
      }
      if (reward && row[4].isEmpty() && value.signum() > 0) {
        throw new IllegalArgumentException("reward of " + value + " wei without a to_address");
      }
    }

    private void tokenTransfers(Csv c) {
      int token = c.column("token_address");
      int from = c.column("from_address");
      int to = c.column("to_address");
      int value = c.column("value");
      int hash = c.column("transaction_hash");
      int log = c.column("log_index");
      int block = c.column("block_number");
      for (List<String> r; (r = c.next()) != null; ) {
        String contract = Address.of(chain, get(r, token)).value();
        Asset asset = tokens.computeIfAbsent(contract, k -> Asset.token(chain, k, TokenMetadata.UNKNOWN_SYMBOL, 0));
        String h = TxId.parse(get(r, hash)).toHex0x();
        long b = Quantities.decimalLong(get(r, block), "block_number");
        int position = tokenPosition(Quantities.decimalInt(get(r, log), "log_index"));
        out.add(new Transfer(TxId.parse(h), ref(b, h), position, addr(get(r, from)), addr(get(r, to)),
            asset, Quantities.decimal(get(r, value), "value"), TransferKind.TOKEN, true));
      }
    }

    /**
     * A token transfer's position: after the internal calls of its transaction, in log order. A
     * log index that would push it past Integer.MAX_VALUE is refused rather than wrapped.
     */
    private static int tokenPosition(int logIndex) {
      if (logIndex > Integer.MAX_VALUE - TOKEN_POSITIONS) {
        throw new IllegalArgumentException("log_index: " + logIndex + " is above "
            + (Integer.MAX_VALUE - TOKEN_POSITIONS) + " (no block holds that many logs)");
      }
      return TOKEN_POSITIONS + logIndex;
    }

    private void emitTx(TxRow t) {
      boolean ok = t.success == null || t.success;
      TxId id = TxId.parse(t.hash);
      BlockRef ref = ref(t.block, t.hash);
      Address to = t.to != null ? addr(t.to)
          : t.created != null ? addr(t.created) : Address.pseudo(chain, "create", "unknown");
      out.add(new Transfer(id, ref, -1, addr(t.from), to, Asset.nativeOf(chain), t.value, TransferKind.NATIVE, ok));
      if (t.gasUsed != null) {
        BigInteger price = t.effectivePrice != null ? t.effectivePrice : t.gasPrice;
        BigInteger fee = t.gasUsed.multiply(price);
        if (fee.signum() > 0) {
          out.add(new Transfer(id, ref, Transfer.FEE_POSITION, addr(t.from), Address.feeSink(chain),
              Asset.nativeOf(chain), fee, TransferKind.FEE, ok));
        }
      }
    }

    private final Map<String, Integer> tracePos = new HashMap<>();
    private final Map<Long, Integer> rewardPos = new HashMap<>();

    private void emitTrace(String[] r) {
      long block = Long.parseLong(r[0]);
      String type = r[6].toLowerCase(Locale.ROOT);
      String callType = r[7].toLowerCase(Locale.ROOT);
      BigInteger value = new BigInteger(r[5].isEmpty() ? "0" : r[5]);
      if (value.signum() == 0) {
        return;
      }
      boolean ok = !r[9].equals("0");
      if (type.equals("reward")) {
        String hash = blockHash.getOrDefault(block, syntheticBlockId(block));
        int pos = rewardPos.merge(block, 1, Integer::sum) - 1;
        BlockRef ref = BlockRef.of(block, Integer.MAX_VALUE, blockTime.getOrDefault(block, Instant.EPOCH));
        out.add(new Transfer(TxId.parse(hash), ref, pos, Address.pseudo(chain, "reward", "block"), addr(r[4]),
            Asset.nativeOf(chain), value, TransferKind.REWARD, true));
        return;
      }
      boolean moves = type.equals("create") || type.equals("suicide")
          || (type.equals("call") && (callType.isEmpty() || callType.equals("call")));
      if (!moves || r[1].isEmpty() || r[3].isEmpty() || r[4].isEmpty()) {
        return;
      }
      int pos = tracePos.merge(r[1], 1, Integer::sum) - 1;
      TxRow t = txs.get(r[1]);
      boolean txOk = t == null || t.success == null || t.success;
      out.add(new Transfer(TxId.parse(r[1]), ref(block, r[1]), pos, addr(r[3]), addr(r[4]), Asset.nativeOf(chain),
          value, TransferKind.INTERNAL, ok && txOk));
    }

    private BlockRef ref(long block, String txHash) {
      Integer idx = txIndex.get(txHash);
      return BlockRef.of(block, idx == null ? 0 : idx, blockTime.getOrDefault(block, Instant.EPOCH));
    }

    private String syntheticBlockId(long block) {
      byte[] h = Keccak256.hash(("tracer:block:" + block).getBytes(StandardCharsets.US_ASCII));
      return TxId.of(h).toHex0x();
    }

    private Address addr(String a) {
      return Address.of(chain, a);
    }
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public String describe() {
    return "eth-etl " + dir;
  }

  @Override
  public List<Transfer> transfers(TxId tx) {
    return index.transfers(tx);
  }

  @Override
  public List<Transfer> history(Address address) {
    return index.history(address);
  }

  @Override
  public Stream<Transfer> transfers() {
    return index.stream();
  }

  /** What the export lacks, in words. */
  public List<String> missing() {
    return missing;
  }
}
