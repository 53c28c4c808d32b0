package io.tracer.ethereum.etherscan;

import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.util.function.Function;

/**
 * {@code etherscan:URL}, e.g. {@code etherscan:https://api.etherscan.io/v2/api?chainid=1}. The API
 * key comes from {@code ETHERSCAN_API_KEY}; {@code ETHERSCAN_RATE} sets requests per second
 * (default 5, the free tier).
 */
public final class EtherscanSourceProvider implements SourceProvider {
  @Override
  public String scheme() {
    return "etherscan";
  }

  @Override
  public String usage() {
    return "etherscan:URL  Etherscan-compatible API, key in ETHERSCAN_API_KEY, e.g. etherscan:https://api.etherscan.io/v2/api?chainid=1";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    if (location.isBlank()) {
      throw new IllegalArgumentException("etherscan needs the API URL, e.g. etherscan:https://api.etherscan.io/v2/api?chainid=1");
    }
    EtherscanSource.Builder b = EtherscanSource.builder().url(location).apiKey(env.apply("ETHERSCAN_API_KEY"));
    String rate = env.apply("ETHERSCAN_RATE");
    if (rate != null && !rate.isBlank()) {
      try {
        b.requestsPerSecond(Double.parseDouble(rate.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ETHERSCAN_RATE must be a number of requests per second");
      }
    }
    return b.build();
  }
}
