/**
 * The Ethereum/USDT leg of the demo case, offline: a recording of a real ganache node's answers
 * for the laundering scenario of tracer-ethereum's integration test, replayed through the real
 * {@code eth-rpc} code path.
 */
package io.tracer.ethereum.demo;
