/**
 * The {@code btc-blocks:} and {@code btc-etl:} sources for {@code --source}, registered in {@code
 * META-INF/services/io.tracer.core.source.SourceProvider}. Both load the data into a {@link
 * io.tracer.core.index.UtxoLedger}, which resolves inputs against every loaded transaction.
 */
package io.tracer.bitcoin.source;
