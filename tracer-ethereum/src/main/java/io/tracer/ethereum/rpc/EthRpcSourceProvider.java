package io.tracer.ethereum.rpc;

import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code eth-rpc:URL[#FROM-TO]}: a JSON-RPC node and an inclusive block range, e.g. {@code
 * eth-rpc:http://127.0.0.1:8545#0-200}. {@code #FROM-} scans to the node's latest block; without
 * a range, the whole chain up to the latest block is scanned (refused beyond 100,000 blocks).
 *
 * <p>Environment: {@code ETH_RPC_TRACE} forces a {@link TraceMode} (e.g. {@code NONE} for a pruned
 * node); {@code ETH_RPC_AUTH_HEADER} is sent as the {@code Authorization} header, and {@code
 * ETH_RPC_API_KEY} as {@code X-API-Key}. Their values are never logged or shown.
 */
public final class EthRpcSourceProvider implements SourceProvider {
  @Override
  public String scheme() {
    return "eth-rpc";
  }

  @Override
  public String usage() {
    return "eth-rpc:URL[#FROM-TO]  Ethereum JSON-RPC node and block range, e.g. eth-rpc:http://127.0.0.1:8545#0-200";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    Spec s = Spec.parse(location);
    EthRpcSource.Builder b = EthRpcSource.builder().url(s.url()).range(s.from(), s.to());
    String trace = env.apply("ETH_RPC_TRACE");
    if (trace != null && !trace.isBlank()) {
      try {
        b.traceMode(TraceMode.valueOf(trace.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ETH_RPC_TRACE must be one of " + java.util.Arrays.toString(TraceMode.values()));
      }
    }
    Map<String, String> headers = new HashMap<>();
    String auth = env.apply("ETH_RPC_AUTH_HEADER");
    if (auth != null && !auth.isBlank()) {
      headers.put("Authorization", auth.trim());
    }
    String key = env.apply("ETH_RPC_API_KEY");
    if (key != null && !key.isBlank()) {
      headers.put("X-API-Key", key.trim());
    }
    return b.headers(headers).build();
  }

  /** The parsed location: URL and inclusive block range ({@code to} = -1: latest). */
  public record Spec(String url, long from, long to) {
    /** @throws IllegalArgumentException for a malformed location */
    public static Spec parse(String location) {
      String loc = location.trim();
      if (loc.isEmpty()) {
        throw new IllegalArgumentException("eth-rpc needs a URL, e.g. eth-rpc:http://127.0.0.1:8545#0-200");
      }
      int hash = loc.lastIndexOf('#');
      String url = hash < 0 ? loc : loc.substring(0, hash);
      long from = 0;
      long to = -1;
      if (hash >= 0) {
        String range = loc.substring(hash + 1).trim();
        int dash = range.indexOf('-');
        try {
          if (dash < 0) {
            from = Long.parseLong(range);
            to = from;
          } else {
            from = Long.parseLong(range.substring(0, dash).trim());
            String t = range.substring(dash + 1).trim();
            to = t.isEmpty() ? -1 : Long.parseLong(t);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("block range must be FROM-TO, FROM- or N: '#" + range + "'");
        }
        if (from < 0 || (to >= 0 && to < from)) {
          throw new IllegalArgumentException("bad block range '#" + range + "'");
        }
      }
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("eth-rpc URL must start with http:// or https://");
      }
      return new Spec(url, from, to);
    }
  }
}
