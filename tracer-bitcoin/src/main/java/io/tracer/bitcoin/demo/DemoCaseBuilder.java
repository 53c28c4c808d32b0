package io.tracer.bitcoin.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.internal.TimeUtils;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.BlockChain;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.PrunedException;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.store.BlockStoreException;
import org.bitcoinj.store.MemoryBlockStore;

/**
 * Builds the demo case: a fictional trafficking ring's money flow as real, signed Bitcoin
 * transactions on regtest, mined into real blocks (valid proof of work for regtest, BIP34 heights,
 * coinbase maturity respected) and written in Bitcoin Core's {@code blk*.dat} framing with the
 * regtest magic {@code fabfb5da}, so that it goes through the same block parser as mainnet data.
 *
 * <p>Everything is deterministic: keys are SHA-256 of fixed names, amounts are fixed, block times
 * come from bitcoinj's mock clock, and bitcoinj signs with RFC 6979 deterministic nonces. The one
 * catch is bitcoinj's static coinbase counter ({@code Block.txCounter}, STACK.md gotcha 3): the
 * bytes are identical from one JVM to the next, but a second build in the same JVM gives other
 * coinbases and hence other block hashes. {@link #main} is therefore run in a fresh JVM, and the
 * regeneration test does the same.
 *
 * <p>Not thread-safe and not for library use: bitcoinj's mock clock and {@link Context} are
 * process-global; {@link #build()} sets them and clears the clock when it is done. Run it only to
 * regenerate the committed resources: {@code DemoCaseBuilder.main(outDir)}.
 */
public final class DemoCaseBuilder {
  public static final String BLOCKS_FILE = "demo-blocks.dat";
  public static final String INTEL_FILE = "demo-intel.csv";
  public static final String MANIFEST_FILE = "demo-case.json";

  /** Regtest network magic, as the four bytes that open every blk*.dat record. */
  public static final int REGTEST_MAGIC = 0xfabfb5da;

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final Duration BLOCK_INTERVAL = Duration.ofMinutes(10);
  /** Consensus: a coinbase output may be spent only 100 blocks after it was mined. */
  static final int COINBASE_MATURITY = 100;
  /** Regtest halves every 150 blocks; the case ends well before height 150. */
  static final long SUBSIDY_SATS = 5_000_000_000L;
  /** The equal output value of the CoinJoin (0.02 BTC). */
  static final long COINJOIN_DENOMINATION_SATS = 2_000_000L;
  /** Share of the consolidated takings the controller receives, in percent. */
  static final int CONTROLLER_CUT_PERCENT = 40;

  /** What each buyer paid for an advertisement, in satoshi (realistic mixed prices). */
  static final long[] AD_PRICES_SATS = {
    250_000, 400_000, 300_000, 550_000, 250_000, 700_000, 350_000,
    450_000, 600_000, 250_000, 500_000, 300_000, 650_000, 400_000
  };
  /** What each coinjoin co-participant brings (they are unrelated to the ring). */
  static final long[] COINJOIN_PARTICIPANT_FUNDING_SATS = {15_000_000, 12_500_000, 20_000_000};
  /** Peel-chain payments, hop 1..5. Hop 3 pays an exchange deposit address. */
  static final long[] PEEL_PAYMENTS_SATS = {300_000, 250_000, 400_000, 200_000, 350_000};

  static final long FEE_SIMPLE = 2_000;
  static final long FEE_FUNDING = 10_000;
  static final long FEE_WITHDRAWAL_BATCH = 30_000;
  static final long FEE_CONSOLIDATION = 10_000;
  static final long FEE_COINJOIN_SHARE = 1_500;
  static final long FEE_SWEEP = 5_000;

  private static final BitcoinNetwork NET = BitcoinNetwork.REGTEST;

  /** The three generated files, byte for byte as committed. */
  public record Output(byte[] blocks, byte[] intelCsv, byte[] manifestJson) {}

  private final NetworkParameters params = NetworkParameters.of(NET);
  private final List<Block> blocks = new ArrayList<>();
  private final List<Party> parties = new ArrayList<>();
  private final List<Map<String, Object>> flows = new ArrayList<>();
  private final Map<String, List<String>> roles = new LinkedHashMap<>();
  private final Map<String, List<String>> txRoles = new LinkedHashMap<>();
  private final Map<String, List<String>> outpointRoles = new LinkedHashMap<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final List<Transaction> pending = new ArrayList<>();
  private long pendingFees;
  private BlockChain chain;
  private Block tip;

  private DemoCaseBuilder() {}

  /**
   * Builds the case in memory. Call at most once per JVM if the bytes must match the committed
   * resources (see the class comment).
   */
  public static Output build() {
    Context.propagate(new Context());
    try {
      return new DemoCaseBuilder().run();
    } finally {
      TimeUtils.clearMockClock();
    }
  }

  /**
   * Writes {@value #BLOCKS_FILE}, {@value #INTEL_FILE} and {@value #MANIFEST_FILE} into the
   * directory given as the only argument (default: the resource folder of this module, when run
   * from the project root), and prints the who-paid-whom table used in docs/demo-case.md.
   */
  public static void main(String[] args) throws IOException {
    Path dir =
        Path.of(
            args.length > 0
                ? args[0]
                : "tracer-bitcoin/src/main/resources/io/tracer/bitcoin/demo");
    Files.createDirectories(dir);
    Output out = build();
    Files.write(dir.resolve(BLOCKS_FILE), out.blocks());
    Files.write(dir.resolve(INTEL_FILE), out.intelCsv());
    Files.write(dir.resolve(MANIFEST_FILE), out.manifestJson());
    System.out.println(DemoManifest.parse(out.manifestJson()).flowTable());
    System.out.println("wrote " + dir.toAbsolutePath());
  }

  // ---------------------------------------------------------------------------------------------
  // The story

  private Output run() {
    Party miner = party("miner", "miner", ScriptType.P2PKH);
    Party exHot = party("exchange-hot", "exchange", ScriptType.P2WPKH);
    Party[] deposits = {
      party("exchange-deposit-1", "exchange", ScriptType.P2WPKH),
      party("exchange-deposit-2", "exchange", ScriptType.P2WPKH),
      party("exchange-deposit-3", "exchange", ScriptType.P2WPKH)
    };
    Party[] ads = {
      party("ad-1", "advertiser", ScriptType.P2PKH),
      party("ad-2", "advertiser", ScriptType.P2WPKH),
      party("ad-3", "advertiser", ScriptType.P2WPKH)
    };
    Party vault = party("advertiser-vault", "advertiser", ScriptType.P2WPKH);
    Party controller = party("controller", "controller", ScriptType.P2WPKH);
    int nBuyers = AD_PRICES_SATS.length;
    Party[] buyers = new Party[nBuyers];
    Party[] buyerChange = new Party[nBuyers];
    for (int i = 0; i < nBuyers; i++) {
      String name = String.format("buyer%02d", i + 1);
      // Odd-numbered buyers use legacy wallets, even-numbered ones native segwit.
      ScriptType t = i % 2 == 0 ? ScriptType.P2PKH : ScriptType.P2WPKH;
      buyers[i] = party(name, name, t);
      buyerChange[i] = party(name + "-change", name, t);
    }
    String[] cjNames = {"cj-alice", "cj-bob", "cj-carol"};
    Party[] cj = new Party[cjNames.length];
    for (int i = 0; i < cj.length; i++) {
      cj[i] = party(cjNames[i], cjNames[i], ScriptType.P2WPKH);
    }
    Party[] payees = {
      party("payee-hotel", "payee-hotel", ScriptType.P2WPKH),
      party("payee-ad-platform", "payee-ad-platform", ScriptType.P2PKH),
      deposits[0],
      party("payee-phone-shop", "payee-phone-shop", ScriptType.P2WPKH),
      party("payee-travel", "payee-travel", ScriptType.P2WPKH)
    };
    Party[] peel = new Party[PEEL_PAYMENTS_SATS.length];
    for (int i = 0; i < peel.length; i++) {
      peel[i] = party("advertiser-peel-" + (i + 1), "advertiser", ScriptType.P2WPKH);
    }

    startChain();
    // Heights 1..101: the miner's coinbases, so the first one has matured when the case starts.
    for (int h = 1; h <= COINBASE_MATURITY + 1; h++) {
      mine(miner);
    }
    Utxo minerCoin = new Utxo(blocks.get(1).getTransactions().get(0).getOutput(0), miner);

    // h102: the miner sells a block reward to the exchange.
    long fundAmount = SUBSIDY_SATS - FEE_FUNDING;
    Transaction funding =
        spend("exchange-funding", List.of(minerCoin), List.of(pay(exHot, fundAmount)), FEE_FUNDING);
    mine(miner);

    // h103: one withdrawal batch from the hot wallet pays the buyers and the coinjoin peers.
    List<Pay> batch = new ArrayList<>();
    long[] buyerFunding = new long[nBuyers];
    long batchTotal = 0;
    for (int i = 0; i < nBuyers; i++) {
      buyerFunding[i] = 1_000_000L + 150_000L * (i + 1);
      batch.add(pay(buyers[i], buyerFunding[i]));
      batchTotal += buyerFunding[i];
    }
    for (int i = 0; i < cj.length; i++) {
      batch.add(pay(cj[i], COINJOIN_PARTICIPANT_FUNDING_SATS[i]));
      batchTotal += COINJOIN_PARTICIPANT_FUNDING_SATS[i];
    }
    batch.add(pay(exHot, fundAmount - batchTotal - FEE_WITHDRAWAL_BATCH)); // change, reused address
    Transaction withdrawal =
        spend(
            "exchange-withdrawal",
            List.of(new Utxo(funding.getOutput(0), exHot)),
            batch,
            FEE_WITHDRAWAL_BATCH);
    mine(miner);

    // h104/h105: fourteen buyers each pay one of the advertiser's three addresses.
    List<Utxo> takings = new ArrayList<>();
    long paymentsTotal = 0;
    for (int i = 0; i < nBuyers; i++) {
      Party ad = ads[i % ads.length];
      long change = buyerFunding[i] - AD_PRICES_SATS[i] - FEE_SIMPLE;
      Transaction p =
          spend(
              "payment",
              List.of(new Utxo(withdrawal.getOutput(i), buyers[i])),
              List.of(pay(ad, AD_PRICES_SATS[i]), pay(buyerChange[i], change)),
              FEE_SIMPLE);
      addOutpoint("paymentOutputs", p, 0);
      takings.add(new Utxo(p.getOutput(0), ad));
      paymentsTotal += AD_PRICES_SATS[i];
      if (i == nBuyers / 2 - 1) {
        mine(miner);
      }
    }
    mine(miner);

    // h106: the advertiser consolidates all takings (14 inputs, 3 addresses) into a vault.
    long consolidated = paymentsTotal - FEE_CONSOLIDATION;
    Transaction consolidation =
        spend("consolidation", takings, List.of(pay(vault, consolidated)), FEE_CONSOLIDATION);
    mine(miner);

    // h107: the controller takes a cut; the rest goes on down a peel chain.
    long cut = consolidated * CONTROLLER_CUT_PERCENT / 100;
    long rest = consolidated - cut - FEE_SIMPLE;
    Transaction cutTx =
        spend(
            "controller-cut",
            List.of(new Utxo(consolidation.getOutput(0), vault)),
            List.of(pay(controller, cut), pay(peel[0], rest)),
            FEE_SIMPLE);
    addOutpoint("controllerCut", cutTx, 0);
    mine(miner);

    // h108..h112: peel chain, one hop per block; h108 also holds the coinjoin, h109 the
    // controller's deposit.
    Utxo peelCoin = new Utxo(cutTx.getOutput(1), peel[0]);
    long peelPaid = 0;
    Transaction mixed = null;
    Party controllerMixed = party("controller-mixed", "controller", ScriptType.P2WPKH);
    Party controllerCjChange = party("controller-cj-change", "controller", ScriptType.P2WPKH);
    for (int hop = 1; hop <= PEEL_PAYMENTS_SATS.length; hop++) {
      long payment = PEEL_PAYMENTS_SATS[hop - 1];
      long change = peelCoin.sats() - payment - FEE_SIMPLE;
      Party next = hop < peel.length ? peel[hop] : party("advertiser-peel-end", "advertiser", ScriptType.P2WPKH);
      // Wallets randomise the change position; hops 2 and 4 put the change first.
      boolean changeFirst = hop % 2 == 0;
      List<Pay> outs =
          changeFirst
              ? List.of(pay(next, change), pay(payees[hop - 1], payment))
              : List.of(pay(payees[hop - 1], payment), pay(next, change));
      Transaction t = spend("peel-hop-" + hop, List.of(peelCoin), outs, FEE_SIMPLE);
      int changeIndex = changeFirst ? 0 : 1;
      addOutpoint("peelChange", t, changeIndex);
      addTx("peelHops", t);
      if (payees[hop - 1] == deposits[0]) {
        addTx("deposits", t);
        addOutpoint("depositOutputs", t, 1 - changeIndex);
      }
      peelCoin = new Utxo(t.getOutput(changeIndex), next);
      peelPaid += payment;

      if (hop == 1) {
        mixed = coinjoin(cutTx, controller, controllerMixed, controllerCjChange, withdrawal, cj, nBuyers);
      }
      if (hop == 2) {
        Transaction d2 =
            spend(
                "deposit",
                List.of(new Utxo(mixed.getOutput(0), controllerMixed)),
                List.of(pay(deposits[1], COINJOIN_DENOMINATION_SATS - FEE_SIMPLE)),
                FEE_SIMPLE);
        addOutpoint("depositOutputs", d2, 0);
      }
      mine(miner);
    }

    // h113: the advertiser deposits what is left of the peel chain at the exchange.
    long lastDeposit = peelCoin.sats() - FEE_SIMPLE;
    Transaction d3 =
        spend("deposit", List.of(peelCoin), List.of(pay(deposits[2], lastDeposit)), FEE_SIMPLE);
    addOutpoint("depositOutputs", d3, 0);
    mine(miner);

    // h114: the exchange sweeps its deposit addresses into the hot wallet.
    List<Utxo> swept = new ArrayList<>();
    long sweepIn = 0;
    for (String op : outpointRoles.get("depositOutputs")) {
      Utxo u = findUtxo(op, deposits);
      swept.add(u);
      sweepIn += u.sats();
    }
    spend("sweep", swept, List.of(pay(exHot, sweepIn - FEE_SWEEP)), FEE_SWEEP);
    mine(miner);

    // Roles and facts for tests and docs.
    role("exchangeHot", exHot);
    role("exchangeDeposits", deposits);
    role("advertiserAdAddresses", ads);
    role("advertiserVault", vault);
    role("controller", controller);
    role("controllerMixed", controllerMixed);
    role("buyers", buyers);
    role("buyerChange", buyerChange);
    role("coinjoinParticipants", cj);
    // The addresses that hold the peel chain's running balance: the cut's change, then each hop's.
    role("peelChain", peel);
    role("peelChain", party("advertiser-peel-end", "advertiser", ScriptType.P2WPKH));
    role("payees", payees[0], payees[1], payees[3], payees[4]);
    facts.put("tipHeight", Integer.toString(blocks.size() - 1));
    facts.put("blockCount", Integer.toString(blocks.size()));
    facts.put("transactionCount", Long.toString(blocks.stream().mapToLong(b -> b.getTransactions().size()).sum()));
    facts.put("buyerCount", Integer.toString(nBuyers));
    facts.put("paymentsTotalSats", Long.toString(paymentsTotal));
    facts.put("consolidatedSats", Long.toString(consolidated));
    facts.put("controllerCutSats", Long.toString(cut));
    facts.put("peelHopCount", Integer.toString(PEEL_PAYMENTS_SATS.length));
    facts.put("peelPaymentsSats", Long.toString(peelPaid));
    facts.put("coinjoinDenominationSats", Long.toString(COINJOIN_DENOMINATION_SATS));
    facts.put("coinjoinParticipants", Integer.toString(cj.length + 1));
    facts.put("depositsTotalSats", Long.toString(sweepIn));
    facts.put("sweptToHotWalletSats", Long.toString(sweepIn - FEE_SWEEP));
    return new Output(blockFile(), intelCsv(controller, exHot, deposits), manifest());
  }

  /**
   * h108: the controller mixes the cut with three unrelated users: 4 inputs from 4 addresses, 4
   * outputs of exactly the denomination and 4 change outputs, which satisfies BlockSci's
   * isCoinjoin (HEURISTICS.md §1.2): p = (8+1)/2 = 4 ≤ nIn, 4 distinct input addresses, the most
   * frequent value occurs exactly p times and is not dust.
   */
  private Transaction coinjoin(
      Transaction cutTx,
      Party controller,
      Party controllerMixed,
      Party controllerChange,
      Transaction withdrawal,
      Party[] cj,
      int nBuyers) {
    List<Utxo> ins = new ArrayList<>();
    List<Pay> equal = new ArrayList<>();
    List<Pay> change = new ArrayList<>();
    ins.add(new Utxo(cutTx.getOutput(0), controller));
    equal.add(pay(controllerMixed, COINJOIN_DENOMINATION_SATS));
    change.add(
        pay(controllerChange, cutTx.getOutput(0).getValue().value - COINJOIN_DENOMINATION_SATS - FEE_COINJOIN_SHARE));
    for (int i = 0; i < cj.length; i++) {
      Utxo u = new Utxo(withdrawal.getOutput(nBuyers + i), cj[i]);
      ins.add(u);
      Party m = party(cj[i].name + "-mixed", cj[i].entity, ScriptType.P2WPKH);
      Party c = party(cj[i].name + "-change", cj[i].entity, ScriptType.P2WPKH);
      equal.add(pay(m, COINJOIN_DENOMINATION_SATS));
      change.add(pay(c, u.sats() - COINJOIN_DENOMINATION_SATS - FEE_COINJOIN_SHARE));
    }
    List<Pay> outs = new ArrayList<>(equal);
    outs.addAll(change);
    Transaction t = spend("coinjoin", ins, outs, FEE_COINJOIN_SHARE * ins.size());
    addOutpoint("coinjoinControllerMixed", t, 0);
    return t;
  }

  // ---------------------------------------------------------------------------------------------
  // Mechanics

  private Party party(String name, String entity, ScriptType type) {
    for (Party p : parties) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    Party p = new Party(name, entity, type);
    parties.add(p);
    return p;
  }

  private static Pay pay(Party to, long sats) {
    if (sats <= 546) {
      throw new IllegalStateException("dust or negative output for " + to.name + ": " + sats);
    }
    return new Pay(to, sats);
  }

  private void startChain() {
    Block genesis = params.getGenesisBlock();
    try {
      chain = new BlockChain(NET, new MemoryBlockStore(genesis));
    } catch (BlockStoreException e) {
      throw new IllegalStateException("cannot start an in-memory regtest chain", e);
    }
    blocks.add(genesis);
    tip = genesis;
  }

  /** Mines the pending transactions into the next block; the coinbase claims subsidy + fees. */
  private void mine(Party miner) {
    int height = blocks.size();
    TimeUtils.setMockClock(START.plus(BLOCK_INTERVAL.multipliedBy(height)));
    Block b =
        tip.createNextBlockWithCoinbase(
            Block.BLOCK_VERSION_BIP65,
            miner.key.getPubKey(),
            Coin.valueOf(Math.addExact(SUBSIDY_SATS, pendingFees)),
            height);
    for (Transaction t : pending) {
      b.addTransaction(t);
    }
    b.solve();
    try {
      if (!chain.add(b)) {
        throw new IllegalStateException("regtest chain refused block " + height);
      }
    } catch (PrunedException e) {
      throw new IllegalStateException("regtest chain refused block " + height, e);
    }
    for (Map<String, Object> f : flows) {
      if (f.get("height") == null) {
        f.put("height", height);
      }
    }
    blocks.add(b);
    tip = b;
    pending.clear();
    pendingFees = 0;
  }

  /**
   * Builds and signs one transaction. All inputs are added before any is signed: SIGHASH_ALL
   * commits to every input, so signing as we add would invalidate the earlier signatures.
   */
  private Transaction spend(String step, List<Utxo> ins, List<Pay> outs, long fee) {
    long in = 0;
    for (Utxo u : ins) {
      in = Math.addExact(in, u.sats());
    }
    long out = 0;
    for (Pay p : outs) {
      out = Math.addExact(out, p.sats);
    }
    if (in != out + fee) {
      throw new IllegalStateException(step + " does not balance: in " + in + ", out " + out + ", fee " + fee);
    }
    Transaction tx = new Transaction();
    tx.setVersion(2);
    for (Utxo u : ins) {
      tx.addInput(u.out);
    }
    for (Pay p : outs) {
      tx.addOutput(Coin.valueOf(p.sats), p.to.address);
    }
    for (int i = 0; i < ins.size(); i++) {
      Utxo u = ins.get(i);
      ECKey key = u.owner.key;
      TransactionInput input = tx.getInput(i);
      switch (u.out.getScriptPubKey().getScriptType()) {
        case P2PK:
          {
            TransactionSignature s =
                tx.calculateSignature(i, key, u.out.getScriptPubKey(), Transaction.SigHash.ALL, false);
            tx.replaceInput(i, input.withScriptSig(ScriptBuilder.createInputScript(s)));
            break;
          }
        case P2PKH:
          {
            TransactionSignature s =
                tx.calculateSignature(i, key, u.out.getScriptPubKey(), Transaction.SigHash.ALL, false);
            tx.replaceInput(i, input.withScriptSig(ScriptBuilder.createInputScript(s, key)));
            break;
          }
        case P2WPKH:
          {
            TransactionSignature s =
                tx.calculateWitnessSignature(
                    i,
                    key,
                    ScriptBuilder.createP2PKHOutputScript(key),
                    u.out.getValue(),
                    Transaction.SigHash.ALL,
                    false);
            tx.replaceInput(
                i,
                input
                    .withScriptSig(ScriptBuilder.createEmpty())
                    .withWitness(TransactionWitness.redeemP2WPKH(s, key)));
            break;
          }
        default:
          throw new IllegalStateException("the demo does not spend " + u.out.getScriptPubKey().getScriptType());
      }
    }
    pending.add(tx);
    pendingFees = Math.addExact(pendingFees, fee);
    String txid = tx.getTxId().toString();
    List<String> owners = new ArrayList<>();
    for (Utxo u : ins) {
      if (!owners.contains(u.owner.entity)) {
        owners.add(u.owner.entity);
      }
    }
    String role = roleOf(step);
    if (role != null) {
      txRoles.computeIfAbsent(role, k -> new ArrayList<>()).add(txid);
    }
    for (int o = 0; o < outs.size(); o++) {
      Pay p = outs.get(o);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("step", step);
      f.put("txid", txid);
      f.put("height", null);
      f.put("output", o);
      f.put("from", String.join("+", owners));
      f.put("fromAddress", ins.get(0).owner.address.toString());
      f.put("inputs", ins.size());
      f.put("to", p.to.entity);
      f.put("toAddress", p.to.address.toString());
      f.put("sats", Long.toString(p.sats));
      flows.add(f);
    }
    return tx;
  }

  private static String roleOf(String step) {
    if (step.startsWith("peel-hop-")) {
      return null; // the caller files hops under "peelHops" (and hop 3 also under "deposits")
    }
    switch (step) {
      case "exchange-funding":
        return "exchangeFunding";
      case "exchange-withdrawal":
        return "exchangeWithdrawal";
      case "payment":
        return "payments";
      case "consolidation":
        return "consolidation";
      case "controller-cut":
        return "controllerCut";
      case "coinjoin":
        return "coinjoin";
      case "deposit":
        return "deposits";
      case "sweep":
        return "sweep";
      default:
        return step;
    }
  }

  private void addTx(String role, Transaction t) {
    txRoles.computeIfAbsent(role, k -> new ArrayList<>()).add(t.getTxId().toString());
  }

  private void addOutpoint(String role, Transaction t, int index) {
    outpointRoles.computeIfAbsent(role, k -> new ArrayList<>()).add(t.getTxId() + ":" + index);
  }

  private Utxo findUtxo(String outpoint, Party[] owners) {
    String txid = outpoint.substring(0, outpoint.indexOf(':'));
    int index = Integer.parseInt(outpoint.substring(outpoint.indexOf(':') + 1));
    for (Block b : blocks) {
      for (Transaction t : b.getTransactions()) {
        if (t.getTxId().toString().equals(txid)) {
          TransactionOutput o = t.getOutput(index);
          for (Party p : owners) {
            if (p.address.equals(o.getScriptPubKey().getToAddress(NET))) {
              return new Utxo(o, p);
            }
          }
        }
      }
    }
    throw new IllegalStateException("no output " + outpoint);
  }

  private void role(String name, Party... ps) {
    List<String> l = roles.computeIfAbsent(name, k -> new ArrayList<>());
    for (Party p : ps) {
      l.add(p.address.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  private byte[] blockFile() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Block b : blocks) {
      byte[] raw = b.serialize();
      writeIntBigEndian(out, REGTEST_MAGIC);
      writeIntLittleEndian(out, raw.length);
      out.writeBytes(raw);
    }
    return out.toByteArray();
  }

  private static void writeIntBigEndian(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void writeIntLittleEndian(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static byte[] intelCsv(Party controller, Party exHot, Party[] deposits) {
    StringBuilder sb = new StringBuilder("address,chain,category,label,source,confidence\n");
    sb.append(controller.address)
        .append(",bitcoin,human_trafficking,Demo ring controller (fictional),tracer-demo,90\n");
    sb.append(exHot.address).append(",bitcoin,exchange,Demo Exchange hot wallet (fictional),tracer-demo,70\n");
    for (Party d : deposits) {
      sb.append(d.address)
          .append(",bitcoin,exchange,Demo Exchange deposit address (fictional),tracer-demo,70\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", DemoManifest.FORMAT);
    m.put(
        "title",
        "Fictional trafficking ring: ad payments, consolidation, controller cut, peel chain,"
            + " coinjoin, exchange deposits");
    m.put("chain", "bitcoin");
    m.put("network", "regtest");
    m.put("blockMagic", String.format("%08x", REGTEST_MAGIC));
    m.put("blocks", BLOCKS_FILE);
    m.put("intel", INTEL_FILE);
    m.put("amountUnit", "sat");
    Map<String, List<String>> entities = new LinkedHashMap<>();
    for (Party p : parties) {
      entities.computeIfAbsent(p.entity, k -> new ArrayList<>()).add(p.address.toString());
    }
    m.put("entities", entities);
    m.put("roles", roles);
    m.put("transactions", txRoles);
    m.put("outpoints", outpointRoles);
    m.put("facts", facts);
    m.put("flows", flows);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String json = mapper.writer(pp).writeValueAsString(m) + "\n";
      return json.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Party {
    final String name;
    final String entity;
    final ECKey key;
    final org.bitcoinj.base.Address address;

    Party(String name, String entity, ScriptType type) {
      this.name = name;
      this.entity = entity;
      // Deterministic key: SHA-256 of a fixed name. Fictional and public: never use for real coins.
      this.key =
          ECKey.fromPrivate(Sha256Hash.hash(("tracer-demo/" + name).getBytes(StandardCharsets.UTF_8)), true);
      this.address = key.toAddress(type, NET);
    }
  }

  private record Utxo(TransactionOutput out, Party owner) {
    long sats() {
      return out.getValue().value;
    }
  }

  private record Pay(Party to, long sats) {}
}
