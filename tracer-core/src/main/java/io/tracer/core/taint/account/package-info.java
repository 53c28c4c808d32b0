/**
 * Taint on account-model chains (Ethereum and tokens; HEURISTICS.md §4.2): every address keeps a
 * per-asset pot, and value movements ({@link io.tracer.core.model.Transfer}s) are applied once each
 * in global order (block, transaction index, trace/log index). Models: poison, haircut, FIFO, LIFO
 * and taint-first. Amounts are {@link java.math.BigInteger} base units (wei, token units).
 */
package io.tracer.core.taint.account;
