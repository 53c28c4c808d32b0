package io.tracer.ethereum.demo;

import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.util.function.Function;

/** {@code --source demo-eth}: the demo's Ethereum/USDT leg, replayed offline through eth-rpc. */
public final class EthDemoSourceProvider implements SourceProvider {
  @Override
  public String scheme() {
    return "demo-eth";
  }

  @Override
  public String usage() {
    return "demo-eth: the built-in Ethereum/USDT laundering scenario (a ganache recording, replayed offline)";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    if (!location.isEmpty()) {
      throw new IllegalArgumentException("demo-eth takes no location, got '" + location + "'");
    }
    return EthDemo.source();
  }
}
