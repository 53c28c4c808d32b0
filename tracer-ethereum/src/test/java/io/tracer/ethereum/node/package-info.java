/**
 * Test support: a real local Ethereum node (ganache from npm, installed by {@code npm ci} from the
 * committed lock file in {@code tracer-ethereum/node}) started and stopped around test classes,
 * and the contracts compiled into test resources.
 */
package io.tracer.ethereum.node;
