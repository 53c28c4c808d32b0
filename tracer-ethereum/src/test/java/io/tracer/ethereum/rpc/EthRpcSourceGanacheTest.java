package io.tracer.ethereum.rpc;

import static io.tracer.ethereum.node.Chain.milliEther;
import static io.tracer.ethereum.node.LaunderingScenario.fee;
import static io.tracer.ethereum.node.LaunderingScenario.usdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.Sources;
import io.tracer.ethereum.heuristic.DepositAddressReuse;
import io.tracer.ethereum.heuristic.ExchangeDeposits;
import io.tracer.ethereum.heuristic.Link;
import io.tracer.ethereum.heuristic.SelfAuthorization;
import io.tracer.ethereum.node.GanacheNode;
import io.tracer.ethereum.node.LaunderingScenario;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The eth-rpc source against a real ganache node: a laundering-shaped case is played with web3j,
 * then tracer must find every hop, amount, fee and label exactly, and its transfers must account
 * for every wei and token unit the node says each account holds.
 */
class EthRpcSourceGanacheTest {
  @RegisterExtension static final GanacheNode NODE = new GanacheNode();
  private static final BigInteger GANACHE_START_BALANCE = BigInteger.valueOf(1000).multiply(io.tracer.ethereum.node.Chain.ETHER);

  private static io.tracer.ethereum.node.Chain chain;
  private static LaunderingScenario s;
  private static EthRpcSource src;
  private static Asset usdtAsset;

  @BeforeAll
  static void play() {
    chain = new io.tracer.ethereum.node.Chain(NODE.url());
    s = new LaunderingScenario(chain).play(chain);
    src = EthRpcSource.builder().url(NODE.url()).range(0, chain.blockNumber()).build();
    usdtAsset = src.tokens().get(s.token);
  }

  @AfterAll
  static void close() {
    if (src != null) {
      src.close();
    }
    chain.close();
  }

  private static Address a(String hex) {
    return Address.of(Chain.ETHEREUM, hex);
  }

  private static TxId id(TransactionReceipt r) {
    return TxId.parse(r.getTransactionHash());
  }

  private record Row(TransferKind kind, String from, String to, BigInteger amount, Asset asset, boolean success) {}

  private static Row row(TransferKind k, String from, String to, BigInteger amount, Asset asset, boolean ok) {
    return new Row(k, from, to, amount, asset, ok);
  }

  private static List<Row> rows(TransactionReceipt r) {
    return src.transfers(id(r)).stream()
        .map(t -> new Row(t.kind(), t.from().value(), t.to().value(), t.amount(), t.asset(), t.success()))
        .collect(Collectors.toList());
  }

  private static final String FEE = "~fee";

  @Test
  void describe_afterScan_namesNodeRangeAndStructLogTracing() {
    assertEquals(TraceMode.STRUCT_LOGS, src.traceMode());
    assertEquals(List.of(), src.missing());
    assertEquals("eth-rpc " + NODE.url() + " blocks 0-" + chain.blockNumber() + " (traces: STRUCT_LOGS)", src.describe());
  }

  @Test
  void tokens_testToken_readsSymbolAndSixDecimals() {
    assertEquals("USDT", usdtAsset.symbol());
    assertEquals(6, usdtAsset.decimals());
    assertEquals(s.token, usdtAsset.contract().orElseThrow());
  }

  @Test
  void transfers_victimPayments_nativeValueAndExactFee() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.victim1, s.collector, milliEther(1500), Asset.ETH, true),
        row(TransferKind.FEE, s.victim1, FEE, fee(s.pay1), Asset.ETH, true)), rows(s.pay1));
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.victim2, s.collector, milliEther(2000), Asset.ETH, true),
        row(TransferKind.FEE, s.victim2, FEE, fee(s.pay2), Asset.ETH, true)), rows(s.pay2));
    // A plain transfer costs 21,000 gas at 2 gwei.
    assertEquals(BigInteger.valueOf(21_000L * 2_000_000_000L), fee(s.pay3));
    assertEquals(fee(s.pay3), src.transfers(id(s.pay3)).get(1).amount());
  }

  @Test
  void transfers_forwarderCall_internalCallFromStructLogs() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.forwarder, milliEther(4000), Asset.ETH, true),
        row(TransferKind.INTERNAL, s.forwarder, s.hop1, milliEther(4000), Asset.ETH, true),
        row(TransferKind.FEE, s.collector, FEE, fee(s.forward), Asset.ETH, true)), rows(s.forward));
  }

  @Test
  void transfers_split_twoInternalCallsInExecutionOrder() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.hop1, s.forwarder, milliEther(3900), Asset.ETH, true),
        row(TransferKind.INTERNAL, s.forwarder, s.hop2, milliEther(1000), Asset.ETH, true),
        row(TransferKind.INTERNAL, s.forwarder, s.otc, milliEther(2900), Asset.ETH, true),
        row(TransferKind.FEE, s.hop1, FEE, fee(s.split), Asset.ETH, true)), rows(s.split));
    List<Transfer> t = src.transfers(id(s.split));
    assertEquals(List.of(-1, 0, 1, Transfer.FEE_POSITION), t.stream().map(Transfer::position).toList());
  }

  @Test
  void transfers_usdtMoves_tokenTransfersWithZeroNativeValue() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.otc, s.token, BigInteger.ZERO, Asset.ETH, true),
        row(TransferKind.TOKEN, s.otc, s.hop2, usdt(7250), usdtAsset, true),
        row(TransferKind.FEE, s.otc, FEE, fee(s.otcUsdt), Asset.ETH, true)), rows(s.otcUsdt));
    assertEquals(row(TransferKind.TOKEN, s.hop2, s.deposit, usdt(12250), usdtAsset, true), rows(s.hop2Usdt).get(1));
    assertEquals(row(TransferKind.TOKEN, s.deposit, s.hot, usdt(12250), usdtAsset, true), rows(s.sweepUsdt).get(1));
  }

  @Test
  void transfers_tokenDeployment_mintFromZeroAddressAndCreation() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.otc, s.token, BigInteger.ZERO, Asset.ETH, true),
        row(TransferKind.TOKEN, "0x0000000000000000000000000000000000000000", s.otc, LaunderingScenario.SUPPLY, usdtAsset, true),
        row(TransferKind.FEE, s.otc, FEE, fee(s.deployToken), Asset.ETH, true)), rows(s.deployToken));
  }

  @Test
  void transfers_failedTransaction_noValueButFeePaid() {
    assertEquals("0x0", s.failed.getStatus());
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.forwarder, milliEther(100), Asset.ETH, false),
        row(TransferKind.FEE, s.collector, FEE, fee(s.failed), Asset.ETH, false)), rows(s.failed));
    List<Transfer> t = src.transfers(id(s.failed));
    assertFalse(t.get(0).movesValue());
    assertTrue(t.get(1).movesValue());
  }

  @Test
  void transfers_internalCreate_valueToNewContractAndContractListed() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.forwarder, milliEther(200), Asset.ETH, true),
        row(TransferKind.INTERNAL, s.forwarder, s.depositContract, milliEther(200), Asset.ETH, true),
        row(TransferKind.FEE, s.collector, FEE, fee(s.createDeposit), Asset.ETH, true)), rows(s.createDeposit));
    assertEquals(Set.of(a(s.token), a(s.forwarder), a(s.depositContract)), src.createdContracts());
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.depositContract, BigInteger.ZERO, Asset.ETH, true),
        row(TransferKind.INTERNAL, s.depositContract, s.hop1, milliEther(200), Asset.ETH, true),
        row(TransferKind.FEE, s.collector, FEE, fee(s.contractSweep), Asset.ETH, true)), rows(s.contractSweep));
  }

  @Test
  void transfers_selfdestruct_amountReconstructedFromBalanceAndBlockFlows() {
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.depositContract, milliEther(300), Asset.ETH, true),
        row(TransferKind.FEE, s.collector, FEE, fee(s.fundContract), Asset.ETH, true)), rows(s.fundContract));
    assertEquals(List.of(
        row(TransferKind.NATIVE, s.collector, s.depositContract, BigInteger.ZERO, Asset.ETH, true),
        row(TransferKind.INTERNAL, s.depositContract, s.hop1, milliEther(300), Asset.ETH, true),
        row(TransferKind.FEE, s.collector, FEE, fee(s.destroy), Asset.ETH, true)), rows(s.destroy));
    assertEquals(List.of(), src.missing());
  }

  @Test
  void transfers_everyAccount_sumsToTheNodesEthBalance() {
    Map<String, BigInteger> net = new HashMap<>();
    src.transfers().filter(Transfer::movesValue).filter(t -> t.asset().equals(Asset.ETH)).forEach(t -> {
      net.merge(t.from().value(), t.amount().negate(), BigInteger::add);
      net.merge(t.to().value(), t.amount(), BigInteger::add);
    });
    for (int i = 0; i < 10; i++) {
      String acct = chain.account(i);
      assertEquals(chain.balance(acct), GANACHE_START_BALANCE.add(net.getOrDefault(acct, BigInteger.ZERO)), "account " + i);
    }
    for (String c : List.of(s.token, s.forwarder, s.depositContract)) {
      assertEquals(chain.balance(c), net.getOrDefault(c, BigInteger.ZERO), "contract " + c);
    }
  }

  @Test
  void transfers_everyHolder_sumsToTheTokensBalanceOf() {
    Map<String, BigInteger> net = new HashMap<>();
    src.transfers().filter(t -> t.asset().equals(usdtAsset)).forEach(t -> {
      net.merge(t.from().value(), t.amount().negate(), BigInteger::add);
      net.merge(t.to().value(), t.amount(), BigInteger::add);
    });
    for (int i = 0; i < 10; i++) {
      String acct = chain.account(i);
      assertEquals(chain.tokenBalance(s.token, acct), net.getOrDefault(acct, BigInteger.ZERO), "account " + i);
    }
    assertEquals(usdt(12250), chain.tokenBalance(s.token, s.hot));
  }

  /** Shortest forward path from {@code seed} to {@code target} over value-moving transfers of the wanted assets. */
  private static List<String> path(String seed, String target, java.util.function.Predicate<Asset> assets) {
    Map<Address, Transfer> via = new HashMap<>();
    ArrayDeque<Address> todo = new ArrayDeque<>(List.of(a(seed)));
    Set<Address> seen = new HashSet<>(todo);
    while (!todo.isEmpty()) {
      Address x = todo.poll();
      if (x.equals(a(target))) {
        break;
      }
      for (Transfer t : src.history(x)) {
        boolean out = t.from().equals(x) && t.movesValue() && t.kind() != TransferKind.FEE;
        if (out && assets.test(t.asset()) && seen.add(t.to())) {
          via.put(t.to(), t);
          todo.add(t.to());
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (Address x = a(target); x != null; x = via.containsKey(x) ? via.get(x).from() : null) {
      Transfer t = via.get(x);
      path.add(0, x.display() + (t == null ? "" : " <" + t.kind() + " " + t.value().toDecimalString() + " " + t.asset().symbol() + ">"));
    }
    return path;
  }

  @Test
  void history_forwardFromVictimAnyAsset_shortestPathReachesHotWallet() {
    assertEquals(List.of(
        a(s.victim1).display(),
        a(s.collector).display() + " <NATIVE 1.5 ETH>",
        a(s.hop2).display() + " <TOKEN 5000 USDT>",
        a(s.deposit).display() + " <TOKEN 12250 USDT>",
        a(s.hot).display() + " <TOKEN 12250 USDT>"), path(s.victim1, s.hot, x -> true));
  }

  @Test
  void history_forwardFromVictimEthOnly_followsInternalCallsToHotWallet() {
    assertEquals(List.of(
        a(s.victim1).display(),
        a(s.collector).display() + " <NATIVE 1.5 ETH>",
        a(s.forwarder).display() + " <NATIVE 4 ETH>",
        a(s.hop2).display() + " <INTERNAL 1 ETH>",
        a(s.deposit).display() + " <NATIVE 0.8 ETH>",
        a(s.hot).display() + " <NATIVE 0.795 ETH>"), path(s.victim1, s.hot, Asset::isNative));
    assertEquals(List.of(
        a(s.collector).display(),
        a(s.forwarder).display() + " <NATIVE 4 ETH>",
        a(s.hop1).display() + " <INTERNAL 4 ETH>"), path(s.collector, s.hop1, Asset::isNative));
  }

  @Test
  void display_addresses_areEip55() {
    String shown = a(s.victim1).display();
    assertEquals("0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0", shown);
    assertEquals(src.history(a(s.victim1)), src.history(Address.of(Chain.ETHEREUM, shown.toUpperCase().replace("0X", "0x"))));
  }

  @Test
  void depositReuse_hop2PaysDepositWhichSweeps_linksHop2ToDeposit() {
    DepositAddressReuse dar = DepositAddressReuse.builder().exchanges(Set.of(a(s.hot))).build();
    DepositAddressReuse.Result r = dar.apply(src.transfers().toList());
    assertEquals(Set.of(a(s.deposit)), r.depositAddresses());
    assertEquals(1, r.links().size());
    Link l = r.links().get(0);
    assertEquals(a(s.hop2), l.a());
    assertEquals(a(s.deposit), l.b());
    assertEquals(List.of(id(s.depositEth), id(s.sweepEth)), l.evidence());
    // |0.8 − 0.795| = 0.005 ETH = α/2; one block apart of τ = 3200: κ = 1 − (0.25 + 1/6400).
    assertEquals(new BigDecimal("0.749843750"), l.confidence());
    assertEquals(List.of(Set.of(a(s.hop2), a(s.deposit))), r.clusters());
  }

  @Test
  void exchangeDeposits_sweepsOnlyToHotWallet_findsTheDepositAddress() {
    assertEquals(Set.of(a(s.deposit)), ExchangeDeposits.detect(src.transfers().toList(), Set.of(a(s.hot))));
  }

  @Test
  void selfAuthorization_approvalBetweenEoas_linksOwnerAndSpender() {
    List<Link> links = SelfAuthorization.apply(src.approvals(), src.createdContracts()::contains);
    assertEquals(1, links.size());
    assertEquals(a(s.victim1), links.get(0).a());
    assertEquals(a(s.victim2), links.get(0).b());
    assertEquals(List.of(id(s.approve)), links.get(0).evidence());
  }

  @Test
  void tokenHistory_getLogsInSmallChunks_sameTokenMovesAsTheScan() {
    record Move(TxId tx, Address from, Address to, BigInteger amount, Asset asset) {}
    for (String holder : List.of(s.hop2, s.deposit, s.collector)) {
      List<Move> fromLogs = src.tokenHistory(a(holder), 0, chain.blockNumber(), 3).stream()
          .map(t -> new Move(t.txId(), t.from(), t.to(), t.amount(), t.asset())).toList();
      List<Move> fromScan = src.history(a(holder)).stream().filter(t -> t.kind() == TransferKind.TOKEN)
          .map(t -> new Move(t.txId(), t.from(), t.to(), t.amount(), t.asset())).toList();
      assertEquals(fromScan, fromLogs, holder);
      assertFalse(fromLogs.isEmpty());
    }
  }

  @Test
  void internalHistory_ganacheHasNoTraceFilter_saysSoInsteadOfAnsweringEmpty() {
    EthRpcException e = assertThrows(EthRpcException.class, () -> src.internalHistory(a(s.hop1), 0, chain.blockNumber(), 100));
    assertEquals(EthRpcException.Reason.METHOD_NOT_SUPPORTED, e.reason());
    assertTrue(e.getMessage().startsWith(NODE.url() + " offers no trace_filter"), e.getMessage());
  }

  @Test
  void coreTracer_forwardFromVictim_reachesExchangeHotWallet() {
    io.tracer.core.trace.TraceResult r = io.tracer.core.trace.Tracer.builder().maxHops(6).build()
        .trace(src, io.tracer.core.trace.Seed.address(a(s.victim1)));
    assertTrue(r.node(a(s.hot)).isPresent(), "hot wallet reached: " + r.nodes());
    assertTrue(r.node(a(s.collector)).isPresent());
    assertTrue(r.node(a(s.deposit)).isPresent());
  }

  @Test
  void coreTaint_poisonFromFirstVictimPayment_taintsEverythingDownstream() {
    var result = io.tracer.core.taint.account.AccountTaintEngine.create(
            io.tracer.core.taint.account.AccountTaintModel.POISON,
            io.tracer.core.taint.account.AccountTaintOptions.defaults())
        .propagate(src, List.of(io.tracer.core.taint.account.AccountSeed.transfer(id(s.pay1), -1)));
    var hot = result.holding(Asset.ETH, a(s.hot)).orElseThrow();
    assertEquals(milliEther(795), hot.balance());
    assertEquals(milliEther(795), hot.tainted());
    assertTrue(result.holding(usdtAsset, a(s.hot)).map(h -> h.tainted().signum() == 0).orElse(true),
        "USDT is its own ledger: ETH taint does not spill into it");
  }

  @Test
  void coreTaint_haircut_conservesEveryWei() {
    var result = io.tracer.core.taint.account.AccountTaintEngine.create(
            io.tracer.core.taint.account.AccountTaintModel.HAIRCUT,
            io.tracer.core.taint.account.AccountTaintOptions.defaults())
        .propagate(src, List.of(io.tracer.core.taint.account.AccountSeed.transfer(id(s.pay1), -1)));
    assertTrue(result.conserved(), String.valueOf(result.totals()));
    assertEquals(milliEther(1500), result.totals().get(Asset.ETH).seeded());
  }

  @Test
  void replay_recordedScan_givesTheSameTransfersOffline() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("laundering-rpc-", ".json.gz");
    ReplayTransport rec = ReplayTransport.recording(new HttpRpcTransport(java.net.URI.create(NODE.url()),
        java.time.Duration.ofSeconds(30), 64L << 20, Map.of()));
    try (EthRpcSource live = EthRpcSource.builder().transport(rec).range(0, chain.blockNumber()).build()) {
      rec.save(file);
      String keep = System.getProperty("tracer.eth.recording");
      if (keep != null) {
        java.nio.file.Files.copy(file, java.nio.file.Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
          EthRpcSource offline = EthRpcSource.builder().transport(ReplayTransport.replaying(in, "laundering"))
              .range(0, chain.blockNumber()).build()) {
        assertEquals(live.transfers().toList(), offline.transfers().toList());
        assertEquals(src.transfers().toList(), offline.transfers().toList());
        assertEquals(TraceMode.STRUCT_LOGS, offline.traceMode());
        assertTrue(offline.describe().startsWith("eth-rpc replay of laundering blocks 0-"));
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void stats_batchedScan_fewRoundTripsPerBlock() {
    EthRpcSource.Stats st = src.stats();
    assertEquals(chain.blockNumber() + 1, st.blocks());
    assertEquals(21, st.transactions());
    assertTrue(st.roundTrips() < st.blocks(), "round trips " + st.roundTrips() + " for " + st.blocks() + " blocks");
  }

  @Test
  void sources_openEthRpcSpec_loadsThroughServiceLoader() {
    try (LedgerSource ls = Sources.open("eth-rpc:" + NODE.url() + "#8-9", k -> null)) {
      EthRpcSource e = assertInstanceOf(EthRpcSource.class, ls);
      assertEquals(8, e.fromBlock());
      assertEquals(9, e.toBlock());
      assertEquals(src.transfers(id(s.forward)), e.transfers(id(s.forward)));
      // Outside the range: the transaction's block is read on demand.
      assertEquals(src.transfers(id(s.pay1)), e.transfers(id(s.pay1)));
      assertEquals(src.transfers(id(s.destroy)), e.transfers(id(s.destroy)));
      assertEquals(List.of(), e.transfers(TxId.parse("0x" + "ab".repeat(32))));
      assertEquals(List.of(), e.history(a(s.victim1)), "history covers the scanned range only");
    }
  }
}
