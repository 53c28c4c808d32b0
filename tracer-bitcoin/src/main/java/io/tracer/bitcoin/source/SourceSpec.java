package io.tracer.bitcoin.source;

import io.tracer.bitcoin.script.BtcNetwork;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed location {@code PATH[?option&option…]}. Options: {@code network=NAME} (mainnet,
 * testnet3, testnet4, signet, regtest) and, for block data, {@code lenient}. A {@code ?} starts
 * options only if what follows is options, so paths containing {@code ?} still work.
 */
record SourceSpec(Path path, BtcNetwork network, boolean lenient) {

  static SourceSpec parse(String scheme, String location, boolean lenientAllowed) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(scheme + " needs a path: " + scheme + ":PATH[?network=NAME]");
    }
    String path = location.trim();
    BtcNetwork network = null;
    boolean lenient = false;
    int q = path.lastIndexOf('?');
    if (q >= 0 && looksLikeOptions(path.substring(q + 1))) {
      for (String opt : path.substring(q + 1).split("&")) {
        String o = opt.trim().toLowerCase(Locale.ROOT);
        if (o.startsWith("network=")) {
          network = BtcNetwork.parse(o.substring("network=".length()));
        } else if (o.equals("lenient") && lenientAllowed) {
          lenient = true;
        } else {
          throw new IllegalArgumentException(
              "unknown option '" + opt + "' in " + scheme + ":" + location
                  + (lenientAllowed ? " (known: network=NAME, lenient)" : " (known: network=NAME)"));
        }
      }
      path = path.substring(0, q);
    }
    if (path.isBlank()) {
      throw new IllegalArgumentException(scheme + " needs a path before the options");
    }
    return new SourceSpec(Path.of(path), network, lenient);
  }

  private static boolean looksLikeOptions(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("network=") || l.startsWith("lenient");
  }
}
