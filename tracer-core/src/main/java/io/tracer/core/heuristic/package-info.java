/**
 * Bitcoin-style (UTXO) clustering heuristics as composable strategy objects (STYLE.md #6): the
 * common-input-ownership rule, change detection ({@code .change}) and CoinJoin / mixer detection
 * ({@code .coinjoin}). Every heuristic has a name, says whether it is {@linkplain HeuristicKind
 * static or dynamic}, and returns evidence with a confidence (0–100).
 *
 * <p>The heuristics are chain-neutral: they read {@link io.tracer.core.model.UtxoTx} and, for the
 * dynamic ones, a {@link io.tracer.core.heuristic.LedgerView} (who spent an output, where an
 * address first appeared). The rules and their sources are in HEURISTICS.md §1–§2; tracer's own
 * choices are marked [design] in the javadoc.
 */
package io.tracer.core.heuristic;
