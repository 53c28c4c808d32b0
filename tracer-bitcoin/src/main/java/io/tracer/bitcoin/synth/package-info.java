/**
 * A seeded, deterministic generator of synthetic Bitcoin chains of any length, with the shape of
 * real usage (heavy-tailed input and output counts, address reuse, change, peel chains, exchange
 * hot wallets with huge fan-in and fan-out, occasional CoinJoins), for benchmarks and scale tests.
 * {@link io.tracer.bitcoin.synth.SyntheticChain} streams {@link io.tracer.core.model.UtxoTx} in
 * chain order in bounded memory; {@link io.tracer.bitcoin.synth.BlkFileWriter} and {@link
 * io.tracer.bitcoin.synth.EtlWriter} write the same chain as blk*.dat files and bitcoin-etl JSON
 * lines. See {@code docs/synthetic-chain.md}.
 */
package io.tracer.bitcoin.synth;
