/**
 * Internal ETH movements read from execution traces, in the three formats nodes publish: geth's
 * default struct-log tracer (what ganache and hardhat offer), geth's {@code callTracer}, and the
 * OpenEthereum/Erigon/Nethermind {@code trace_*} format. Every parser yields the same {@link
 * io.tracer.ethereum.trace.InternalCall}s, with the effective success of each call (a call inside
 * a reverted frame moved nothing).
 */
package io.tracer.ethereum.trace;
