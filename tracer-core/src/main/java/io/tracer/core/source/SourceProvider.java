package io.tracer.core.source;

import java.util.function.Function;

/**
 * Opens sources for one scheme of the CLI's {@code --source scheme:location} syntax, e.g. {@code
 * btc-blocks}. Registered through {@code META-INF/services/io.tracer.core.source.SourceProvider}.
 */
public interface SourceProvider {

  /** The scheme, e.g. {@code btc-blocks}. */
  String scheme();

  /** One line for {@code --help}: what the location means. */
  String usage();

  /**
   * Opens the source.
   *
   * @param location the part after {@code scheme:} (may be empty, e.g. for {@code demo})
   * @param env where secrets come from (environment variables); never log its values
   * @throws IllegalArgumentException if the location is malformed
   * @throws SourceException if the data cannot be read
   */
  LedgerSource open(String location, Function<String, String> env);
}
