package io.tracer.ethereum.node;

import static io.tracer.ethereum.node.Chain.addr;
import static io.tracer.ethereum.node.Chain.milliEther;

import java.math.BigInteger;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.crypto.ContractUtils;

/**
 * A laundering-shaped case played on a real node: three victims pay a collector; the collector
 * moves ETH through a forwarder contract (internal calls) to hops; an OTC desk swaps ETH for
 * "USDT" (6 decimals); the USDT and some ETH go to an exchange deposit address, which sweeps them
 * to the exchange's hot wallet. Also a failed transaction, a contract created by an internal
 * CREATE that carries value, a sweep out of that contract, and an approval between two EOAs.
 *
 * <p>Roles are ganache's deterministic accounts: 0 deployer and OTC desk, 1–3 victims, 4
 * collector, 5 and 6 hops, 7 exchange deposit address, 8 exchange hot wallet.
 */
public final class LaunderingScenario {
  public static final BigInteger USDT = BigInteger.TEN.pow(6);
  public static final BigInteger SUPPLY = BigInteger.valueOf(1_000_000).multiply(USDT);

  public final String otc;
  public final String victim1;
  public final String victim2;
  public final String victim3;
  public final String collector;
  public final String hop1;
  public final String hop2;
  public final String deposit;
  public final String hot;

  public String token;
  public String forwarder;
  public String depositContract;

  public TransactionReceipt deployToken;
  public TransactionReceipt deployForwarder;
  public TransactionReceipt pay1;
  public TransactionReceipt pay2;
  public TransactionReceipt pay3;
  public TransactionReceipt fundVictimUsdt;
  public TransactionReceipt victimUsdt;
  public TransactionReceipt forward;
  public TransactionReceipt split;
  public TransactionReceipt otcUsdt;
  public TransactionReceipt collectorUsdt;
  public TransactionReceipt hop2Usdt;
  public TransactionReceipt sweepUsdt;
  public TransactionReceipt depositEth;
  public TransactionReceipt sweepEth;
  public TransactionReceipt failed;
  public TransactionReceipt createDeposit;
  public TransactionReceipt contractSweep;
  public TransactionReceipt approve;

  public LaunderingScenario(Chain c) {
    otc = c.account(0);
    victim1 = c.account(1);
    victim2 = c.account(2);
    victim3 = c.account(3);
    collector = c.account(4);
    hop1 = c.account(5);
    hop2 = c.account(6);
    deposit = c.account(7);
    hot = c.account(8);
  }

  /** Sends every transaction; each is mined in its own block, in this order. */
  public LaunderingScenario play(Chain c) {
    deployToken = c.deploy(otc, Contracts.bin("TestToken"),
        new Utf8String("Tether USD"), new Utf8String("USDT"), new Uint8(6), new Uint256(SUPPLY));
    token = deployToken.getContractAddress().toLowerCase();
    deployForwarder = c.deploy(otc, Contracts.bin("Forwarder"));
    forwarder = deployForwarder.getContractAddress().toLowerCase();

    pay1 = c.pay(victim1, collector, milliEther(1500));
    pay2 = c.pay(victim2, collector, milliEther(2000));
    pay3 = c.pay(victim3, collector, milliEther(750));
    fundVictimUsdt = c.call(otc, token, BigInteger.ZERO, "transfer", addr(victim1), new Uint256(usdt(5000)));
    victimUsdt = c.call(victim1, token, BigInteger.ZERO, "transfer", addr(collector), new Uint256(usdt(5000)));

    forward = c.call(collector, forwarder, milliEther(4000), "forward", addr(hop1));
    split = c.call(hop1, forwarder, milliEther(3900), "split", addr(hop2), addr(otc), new Uint256(milliEther(1000)));
    otcUsdt = c.call(otc, token, BigInteger.ZERO, "transfer", addr(hop2), new Uint256(usdt(7250)));
    collectorUsdt = c.call(collector, token, BigInteger.ZERO, "transfer", addr(hop2), new Uint256(usdt(5000)));
    hop2Usdt = c.call(hop2, token, BigInteger.ZERO, "transfer", addr(deposit), new Uint256(usdt(12250)));
    sweepUsdt = c.call(deposit, token, BigInteger.ZERO, "transfer", addr(hot), new Uint256(usdt(12250)));
    depositEth = c.pay(hop2, deposit, milliEther(800));
    sweepEth = c.pay(deposit, hot, milliEther(795));

    // The token contract has no receive(): the internal call fails and the forwarder reverts.
    failed = c.call(collector, forwarder, milliEther(100), "forward", addr(token));
    // The forwarder's first CREATE uses its nonce 1 (EIP-161).
    depositContract = ContractUtils.generateContractAddress(forwarder, BigInteger.ONE).toLowerCase();
    createDeposit = c.call(collector, forwarder, milliEther(200), "createDeposit", addr(collector));
    contractSweep = c.call(collector, depositContract, BigInteger.ZERO, "sweep", addr(hop1));
    approve = c.call(victim1, token, BigInteger.ZERO, "approve", addr(victim2), new Uint256(usdt(100)));
    return this;
  }

  public static BigInteger usdt(long whole) {
    return BigInteger.valueOf(whole).multiply(USDT);
  }

  /** The fee a receipt paid: gasUsed × effectiveGasPrice. */
  public static BigInteger fee(TransactionReceipt r) {
    return r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
  }
}
