package io.tracer.bitcoin.source;

import io.tracer.bitcoin.script.BtcNetwork;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed location {@code PATH[?option&option…]}. Options: {@code network=NAME} (mainnet,
 * testnet3, testnet4, signet, regtest) and, for block data, {@code lenient} and {@code threads=N}
 * (decoding threads, 1..{@value #MAX_THREADS}; 0 here means the default). A {@code ?} starts
 * options only if what follows is options, so paths containing {@code ?} still work.
 */
record SourceSpec(Path path, BtcNetwork network, boolean lenient, int threads) {
  static final int MAX_THREADS = 256;

  static SourceSpec parse(String scheme, String location, boolean blockOptions) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(scheme + " needs a path: " + scheme + ":PATH[?network=NAME]");
    }
    String path = location.trim();
    BtcNetwork network = null;
    boolean lenient = false;
    int threads = 0;
    int q = path.lastIndexOf('?');
    if (q >= 0 && looksLikeOptions(path.substring(q + 1))) {
      for (String opt : path.substring(q + 1).split("&")) {
        String o = opt.trim().toLowerCase(Locale.ROOT);
        if (o.startsWith("network=")) {
          network = BtcNetwork.parse(o.substring("network=".length()));
        } else if (o.equals("lenient") && blockOptions) {
          lenient = true;
        } else if (o.startsWith("threads=") && blockOptions) {
          threads = threads(o.substring("threads=".length()));
        } else {
          throw new IllegalArgumentException(
              "unknown option '" + opt + "' in " + scheme + ":" + location
                  + (blockOptions ? " (known: network=NAME, lenient, threads=N)" : " (known: network=NAME)"));
        }
      }
      path = path.substring(0, q);
    }
    if (path.isBlank()) {
      throw new IllegalArgumentException(scheme + " needs a path before the options");
    }
    return new SourceSpec(Path.of(path), network, lenient, threads);
  }

  private static int threads(String n) {
    int t;
    try {
      t = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      t = -1;
    }
    if (t < 1 || t > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be a whole number from 1 to " + MAX_THREADS + ", got '" + n + "'");
    }
    return t;
  }

  private static boolean looksLikeOptions(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("network=") || l.startsWith("lenient") || l.startsWith("threads=");
  }
}
