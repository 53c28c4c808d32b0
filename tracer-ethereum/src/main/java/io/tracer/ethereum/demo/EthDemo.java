package io.tracer.ethereum.demo;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.source.SourceException;
import io.tracer.ethereum.rpc.EthRpcSource;
import io.tracer.ethereum.rpc.ReplayTransport;
import java.io.IOException;
import java.io.InputStream;

/**
 * The Ethereum/USDT leg of the demo: the laundering scenario that {@code EthRpcSourceGanacheTest}
 * plays on ganache 7.9.2 (blocks 0-21), recorded once from the node ({@code
 * -Dtracer.eth.recording=FILE} on that test writes a fresh recording) and replayed offline through
 * {@link EthRpcSource}, so the demo needs neither Node.js nor a network.
 *
 * <p>The story: three victims pay a collector (1.5, 2 and 0.75 ETH); the collector moves 4 ETH
 * through a forwarder contract (internal call) to hop 1, which splits 3.9 ETH through it (1 ETH to
 * hop 2, 2.9 ETH to an OTC desk); the desk pays hop 2 7,250 USDT (a swap), the collector adds the
 * 5,000 USDT a victim sent it; hop 2 deposits 12,250 USDT and 0.8 ETH at an exchange deposit address,
 * which sweeps them to the exchange's hot wallet (12,250 USDT and 0.795 ETH). Addresses are
 * ganache's deterministic accounts.
 */
public final class EthDemo {
  /** Last block of the recording. */
  public static final long LAST_BLOCK = 21;

  public static final Address OTC_DESK = a("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1");
  public static final Address VICTIM_1 = a("0xffcf8fdee72ac11b5c542428b35eef5769c409f0");
  public static final Address VICTIM_2 = a("0x22d491bde2303f2f43325b2108d26f1eaba1e32b");
  public static final Address VICTIM_3 = a("0xe11ba2b4d45eaed5996cd0823791e0c93114882d");
  public static final Address COLLECTOR = a("0xd03ea8624c8c5987235048901fb614fdca89b117");
  public static final Address HOP_1 = a("0x95ced938f7991cd0dfcb48f0a06a40fa1af46ebc");
  public static final Address HOP_2 = a("0x3e5e9111ae8eb78fe1cc3bb8915d5d461f3ef9a9");
  public static final Address DEPOSIT = a("0x28a8746e75304c0780e011bed21c72cd78cd535e");
  public static final Address HOT_WALLET = a("0xaca94ef8bd5ffee41947b4585a84bda5a3d3da6e");
  public static final Address USDT = a("0xe78a0f7e598cc8b0bb87894b0f60dd2a88d6a8ab");
  public static final Address FORWARDER = a("0x5b1869d9a4c187f2eaa108f3062412ecf0526b24");

  private EthDemo() {}

  private static Address a(String hex) {
    return Address.of(Chain.ETHEREUM, hex);
  }

  /** The scenario as an {@code eth-rpc} source over the recording (blocks 0 to {@link #LAST_BLOCK}). */
  public static EthRpcSource source() {
    String res = "/io/tracer/ethereum/demo/laundering-rpc.json.gz";
    try (InputStream in = EthDemo.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new SourceException("missing resource " + res);
      }
      return EthRpcSource.builder().transport(ReplayTransport.replaying(in, "the demo's ganache recording"))
          .range(0, LAST_BLOCK).build();
    } catch (IOException e) {
      throw new SourceException("cannot read " + res, e);
    }
  }
}
