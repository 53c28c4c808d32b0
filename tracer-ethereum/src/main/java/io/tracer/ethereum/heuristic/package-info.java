/**
 * Account-model clustering heuristics (HEURISTICS.md §3): exchange deposit-address detection,
 * deposit-address reuse (Victor 2020, as Tutela implements it) and, optional and weak, token
 * self-authorization. Each produces {@link io.tracer.ethereum.heuristic.Link}s with the rule,
 * the evidence transactions and a confidence; clusters are the connected components.
 */
package io.tracer.ethereum.heuristic;
