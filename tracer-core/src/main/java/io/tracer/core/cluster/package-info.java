/**
 * Address clustering: union-find over int ids with one evidence record per successful merge
 * (address, address, heuristic, transaction, confidence), cluster ids that are stable across runs
 * and across loading later blocks, and a super-cluster guard.
 *
 * <p>Entry point: {@link io.tracer.core.cluster.AddressClustering#builder()}; the result is a
 * {@link io.tracer.core.cluster.Clustering}, whose {@code clusterOf(Address)} gives the entity of
 * an address and whose {@code explain}/{@code link} give the merges (and transactions) behind it.
 * {@link io.tracer.core.cluster.IdClusterer} is the primitive engine underneath, usable directly
 * on interned ids (the benchmark does).
 */
package io.tracer.core.cluster;
