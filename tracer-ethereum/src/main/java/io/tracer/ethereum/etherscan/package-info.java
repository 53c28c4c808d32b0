/**
 * The {@code etherscan:URL} source: address histories from an Etherscan-compatible API (modules
 * {@code txlist}, {@code txlistinternal}, {@code tokentx}), with paging past the 10,000-result
 * window, a client-side rate limit, retries on "Max rate limit reached", and the API key taken
 * from {@code ETHERSCAN_API_KEY} and never shown.
 */
package io.tracer.ethereum.etherscan;
