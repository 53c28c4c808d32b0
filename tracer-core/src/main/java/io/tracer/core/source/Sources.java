package io.tracer.core.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Opens a source from a {@code scheme:location} spec using the {@link SourceProvider}s found on the
 * class path. Discovery only: nothing is cached or global, each call loads providers afresh.
 */
public final class Sources {
  private Sources() {}

  /** Every provider on the class path, by scheme. */
  public static Map<String, SourceProvider> providers() {
    Map<String, SourceProvider> byScheme = new TreeMap<>();
    for (SourceProvider p : ServiceLoader.load(SourceProvider.class)) {
      byScheme.putIfAbsent(p.scheme(), p);
    }
    return byScheme;
  }

  /** Opens {@code spec} with environment variables as the secret store. */
  public static LedgerSource open(String spec) {
    return open(spec, System::getenv);
  }

  /**
   * Opens {@code spec}, e.g. {@code btc-blocks:/data/blocks} or {@code demo}.
   *
   * @throws IllegalArgumentException for an unknown scheme (the message lists the known ones)
   */
  public static LedgerSource open(String spec, Function<String, String> env) {
    String s = spec.trim();
    int colon = s.indexOf(':');
    String scheme = colon < 0 ? s : s.substring(0, colon);
    String location = colon < 0 ? "" : s.substring(colon + 1);
    SourceProvider p = providers().get(scheme);
    if (p == null) {
      List<String> known = new ArrayList<>();
      providers().values().stream()
          .sorted(Comparator.comparing(SourceProvider::scheme))
          .forEach(x -> known.add(x.scheme()));
      throw new IllegalArgumentException(
          "unknown source '" + scheme + "'; known sources: " + String.join(", ", known));
    }
    return p.open(location, env);
  }
}
