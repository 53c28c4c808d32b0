/**
 * tracer core: the chain-neutral model ({@link io.tracer.core.model}), the source SPI adapters
 * implement ({@link io.tracer.core.source}) and the engines built on it. Depends on Guava and
 * Jackson at most; no chain library and no network code (a build-time test keeps it so).
 */
package io.tracer.core;
