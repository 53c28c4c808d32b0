package io.tracer.core.source;

import io.tracer.core.model.Chain;

/**
 * Chain data an engine can read. Implementations must be safe for concurrent readers once
 * constructed. Methods throw {@link SourceException} (unchecked) when the underlying store or
 * service fails; they never return partial data silently.
 */
public interface LedgerSource extends AutoCloseable {
  Chain chain();

  /** A one-line description for logs and reports; must not contain secrets (keys, passwords). */
  String describe();

  /** Releases files or connections. The default does nothing. */
  @Override
  default void close() {}
}
