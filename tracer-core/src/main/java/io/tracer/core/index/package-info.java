/**
 * In-memory indexes over loaded chain data: {@link io.tracer.core.index.UtxoLedger} resolves inputs
 * against the outputs they spend and answers the {@link io.tracer.core.source.UtxoSource} queries.
 */
package io.tracer.core.index;
