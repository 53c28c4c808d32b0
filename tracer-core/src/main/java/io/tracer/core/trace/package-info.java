/**
 * Following value hop by hop: {@link io.tracer.core.trace.Tracer} (built with {@link
 * io.tracer.core.trace.Tracer#builder()}) walks a {@link io.tracer.core.source.UtxoSource} or an
 * {@link io.tracer.core.source.AccountSource} from a {@link io.tracer.core.trace.Seed} forward
 * (who received the money next), backward (where it came from) or both, and returns a {@link
 * io.tracer.core.trace.TraceResult}: a flow graph of address nodes and transaction edges with
 * amounts and hop numbers.
 */
package io.tracer.core.trace;
