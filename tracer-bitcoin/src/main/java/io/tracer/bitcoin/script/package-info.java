/**
 * Output scripts to addresses. {@link io.tracer.bitcoin.script.OutputScripts#classify} turns any
 * byte string into an {@link io.tracer.core.model.Address} and an {@link
 * io.tracer.core.model.OutputType} for the network the caller names ({@link
 * io.tracer.bitcoin.script.BtcNetwork}); it never throws on script content. Scripts without an
 * address get a stable pseudo-address (see {@code docs/bitcoin-sources.md}).
 */
package io.tracer.bitcoin.script;
