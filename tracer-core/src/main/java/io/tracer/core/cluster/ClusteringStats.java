package io.tracer.core.cluster;

/**
 * Counts from one clustering run.
 *
 * @param transactions transactions read
 * @param inputs non-coinbase inputs read
 * @param unresolvedInputs inputs whose address is unknown (funding transaction not loaded)
 * @param dustInputs inputs not merged because their value was at or below the dust limit
 * @param flaggedTransactions transactions the CoinJoin screen kept out of merges
 * @param stonewallShaped transactions of the Stonewall shape (merged at reduced confidence)
 * @param addresses distinct addresses seen
 * @param clusters clusters, singletons included
 * @param multiInputMerges successful multi-input merges
 * @param changeMerges successful change merges
 * @param refusedMerges merges the super-cluster guard stopped
 */
public record ClusteringStats(
    long transactions,
    long inputs,
    long unresolvedInputs,
    long dustInputs,
    long flaggedTransactions,
    long stonewallShaped,
    int addresses,
    int clusters,
    int multiInputMerges,
    int changeMerges,
    int refusedMerges) {}
