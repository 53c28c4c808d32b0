/**
 * Bitcoin block data on disk: a Bitcoin Core {@code blocks/} directory ({@code blk*.dat}, with the
 * {@code xor.dat} key of Core 28+), a single file of framed blocks, or a single raw block. {@link
 * io.tracer.bitcoin.blocks.BlockReader} detects which, checks the network from the magic, assigns
 * heights (see {@link io.tracer.bitcoin.blocks.HeightResolver}) and streams {@link
 * io.tracer.bitcoin.blocks.DecodedBlock}s one at a time. {@link
 * io.tracer.bitcoin.blocks.RawBlockDecoder} is the zero-copy hot path; tests cross-check it
 * against bitcoinj on every real block. Failures are {@link
 * io.tracer.bitcoin.blocks.BlockFileException}s that name the file and byte offset.
 */
package io.tracer.bitcoin.blocks;
