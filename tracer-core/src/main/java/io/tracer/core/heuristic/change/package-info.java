/**
 * Change-output heuristics (HEURISTICS.md §1.3). Each {@link
 * io.tracer.core.heuristic.change.ChangeHeuristic} returns the outputs it <em>cannot rule out</em>
 * as change (BlockSci's convention; OP_RETURN outputs are always removed), and heuristics combine
 * with {@code and} (∩), {@code or} (∪), {@code minus} (−) and {@code unique()}. {@link
 * io.tracer.core.heuristic.change.ChangeHeuristics} has the named rules, the documented default and
 * a parser for the command line's {@code --heuristics} expressions.
 */
package io.tracer.core.heuristic.change;
