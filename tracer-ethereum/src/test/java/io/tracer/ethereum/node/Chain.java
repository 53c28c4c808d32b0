package io.tracer.ethereum.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * Drives a ganache node with web3j: ganache's accounts are unlocked, so transactions go through
 * {@code eth_sendTransaction} without keys. Every transaction uses a legacy gas price of 2 gwei,
 * so its fee is exactly gasUsed × 2 gwei; with instamine each one gets its own block.
 */
public final class Chain implements AutoCloseable {
  public static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
  public static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000L);
  public static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private final Web3j web3;
  private final List<String> accounts;

  public Chain(String url) {
    this.web3 = Web3j.build(new HttpService(url));
    try {
      this.accounts = web3.ethAccounts().send().getAccounts();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Web3j web3() {
    return web3;
  }

  /** Ganache's deterministic account {@code i} (lower case). */
  public String account(int i) {
    return accounts.get(i).toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code milli} thousandths of an ether, in wei. */
  public static BigInteger milliEther(long milli) {
    return BigInteger.valueOf(milli).multiply(BigInteger.TEN.pow(15));
  }

  /** Sends {@code wei} from one account to another; the mined receipt. */
  public TransactionReceipt pay(String from, String to, BigInteger wei) {
    return send(Transaction.createEtherTransaction(from, null, GAS_PRICE, BigInteger.valueOf(21_000), to, wei));
  }

  /** Deploys creation code (with ABI-encoded constructor arguments appended). */
  public TransactionReceipt deploy(String from, String bin, Type<?>... args) {
    String data = bin + FunctionEncoder.encodeConstructor(List.of(args));
    return send(Transaction.createContractTransaction(from, null, GAS_PRICE, GAS_LIMIT, BigInteger.ZERO, data));
  }

  /** Calls {@code fn(args)} on {@code contract} with {@code wei} attached. */
  public TransactionReceipt call(String from, String contract, BigInteger wei, String fn, Type<?>... args) {
    String data = FunctionEncoder.encode(new Function(fn, List.of(args), List.of()));
    return send(Transaction.createFunctionCallTransaction(from, null, GAS_PRICE, GAS_LIMIT, contract, wei, data));
  }

  public static Address addr(String a) {
    return new Address(a);
  }

  public BigInteger balance(String address) {
    try {
      return web3.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code balanceOf(holder)} of an ERC-20, through eth_call. */
  public BigInteger tokenBalance(String token, String holder) {
    String data = FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(holder)), List.of()));
    try {
      String out = web3.ethCall(Transaction.createEthCallTransaction(holder, token, data),
          DefaultBlockParameterName.LATEST).send().getValue();
      return new BigInteger(out.substring(2), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long blockNumber() {
    try {
      return web3.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TransactionReceipt send(Transaction tx) {
    try {
      EthSendTransaction s = web3.ethSendTransaction(tx).send();
      if (s.hasError()) {
        throw new IllegalStateException("eth_sendTransaction failed: " + s.getError().getMessage());
      }
      return web3.ethGetTransactionReceipt(s.getTransactionHash()).send().getTransactionReceipt()
          .orElseThrow(() -> new IllegalStateException("no receipt for " + s.getTransactionHash()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    web3.shutdown();
  }
}
