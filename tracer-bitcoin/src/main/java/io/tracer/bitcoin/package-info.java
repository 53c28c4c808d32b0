/** Bitcoin adapter: turns blocks, RPC answers and exports into {@link io.tracer.core.model.UtxoTx}. */
package io.tracer.bitcoin;
