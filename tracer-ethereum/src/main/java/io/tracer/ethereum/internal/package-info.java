/**
 * Helpers shared by the Ethereum sources: strict parsing of quantities (hex and decimal, never
 * more than 256 bits), event topics, token metadata decoding and a small CSV reader. For internal
 * use only: not part of the API, may change without notice.
 */
package io.tracer.ethereum.internal;
