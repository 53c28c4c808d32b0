/**
 * CoinJoin and mixer detection (HEURISTICS.md §1.2 and §2): BlockSci's generic rule, Whirlpool mix
 * and Tx0, Wasabi 1.0/1.1, Wasabi 2.0 (WabiSabi, loose and strict) and JoinMarket, with the
 * Stonewall shape as a veto. {@link io.tracer.core.heuristic.coinjoin.CoinJoinScreen} runs a set of
 * detectors; the clustering engine never merges through a transaction the screen blocks.
 *
 * <p>Shared trap handling (am-i-exposed): outputs that pay back to an input address are left out
 * of the equal-output counts, and the equal-output detectors do not fire when every input comes
 * from one address.
 */
package io.tracer.core.heuristic.coinjoin;
