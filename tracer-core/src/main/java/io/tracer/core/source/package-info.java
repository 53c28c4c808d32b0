/**
 * The SPI a chain adapter implements: {@link io.tracer.core.source.UtxoSource} for Bitcoin-like
 * chains, {@link io.tracer.core.source.AccountSource} for Ethereum-like ones. Adapters register a
 * {@link io.tracer.core.source.SourceProvider} in {@code META-INF/services} so that the CLI can open
 * {@code scheme:location} specs; libraries may also construct sources directly.
 */
package io.tracer.core.source;
