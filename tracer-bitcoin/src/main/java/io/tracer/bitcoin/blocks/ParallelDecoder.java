package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * Decodes a sequence of blocks into one ledger on several threads. Blocks are independent until
 * the ledger joins them: each worker reads a block, checks it, hashes its transactions and keys its
 * outputs ({@link RawBlockDecoder#decodeInto}) into a ledger part of its own and hands over a copy
 * of exactly the batch's size; the ledger takes the copies over in block order ({@link
 * UtxoLedger.Builder#adopt}) and joins them when it is built. The ledger comes out exactly as if
 * the blocks had been decoded one by one, and errors surface in block order too.
 *
 * <p>Memory is bounded: at most {@code 2 × threads + 2} batches are in flight. With no more than
 * one batch of data everything runs on the calling thread, straight into the ledger; so it does
 * with one thread, unless the data is large, when that thread too goes through a part a batch.
 */
public final class ParallelDecoder {
  private static final AtomicInteger POOL = new AtomicInteger();
  /** Consecutive blocks are batched into one task up to about this many bytes. */
  private static final long BATCH_BYTES = 1 << 18;

  /**
   * From this much data on, one thread too decodes through parts (see {@link #sequentialInParts}):
   * below it, the ledger's address table is small enough for the cache and the parts' copies cost
   * more than they save (4 % slower on the 3.9 MB of real blocks, 37 % faster on 115 MB).
   */
  private static final long IN_PARTS_BYTES = 1 << 24;

  /** One block to decode: exactly one serialized block, its height, and where it was read. */
  public record RawBlock(byte[] bytes, long height, Path file, long offset) {
    public RawBlock {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** Decides about a block that does not decode: throw to stop, return to skip it. */
  @FunctionalInterface
  public interface MalformedHandler {
    void handle(int index, BlockFileException.Malformed error);
  }

  private final BtcNetwork network;
  private final int threads;
  private final long batchBytes;
  private final long inPartsBytes;

  /**
   * @param threads worker threads; 1 decodes on the calling thread
   * @throws IllegalArgumentException if {@code threads} is not positive
   */
  public ParallelDecoder(BtcNetwork network, int threads) {
    this(network, threads, BATCH_BYTES);
  }

  /** With batches of about {@code batchBytes} (tests use tiny batches to make many tasks). */
  ParallelDecoder(BtcNetwork network, int threads, long batchBytes) {
    this(network, threads, batchBytes, IN_PARTS_BYTES);
  }

  /** ... and one thread going through parts from {@code inPartsBytes} of data on. */
  ParallelDecoder(BtcNetwork network, int threads, long batchBytes, long inPartsBytes) {
    this.network = Objects.requireNonNull(network, "network");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.batchBytes = batchBytes;
    this.inPartsBytes = inPartsBytes;
  }

  /** The number of worker threads a machine's processors suggest. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16));
  }

  /**
   * Decodes blocks {@code 0..count-1} (each loaded by {@code loader}, which worker threads call
   * concurrently, so it must be thread-safe) into {@code ledger} in index order.
   *
   * @param sizeOf each block's size in bytes, known before it is loaded (e.g. from its frame):
   *     consecutive small blocks are decoded as one task, so that hand-over costs stay small next
   *     to the work (the first 100,000 mainnet blocks hold one or two transactions each)
   * @return each block's facts in index order; null for a block {@code onMalformed} skipped
   * @throws BlockFileException from {@code loader} or {@code onMalformed}, for the first block in
   *     index order that failed; the ledger then holds an unspecified part of the blocks before it
   */
  public List<BlockInfo> decodeInto(UtxoLedger.Builder ledger, int count, IntToLongFunction sizeOf,
      IntFunction<RawBlock> loader, MalformedHandler onMalformed) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(sizeOf, "sizeOf");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(onMalformed, "onMalformed");
    long total = 0;
    for (int i = 0; i < count && total <= Math.max(batchBytes, inPartsBytes); i++) {
      total += sizeOf.applyAsLong(i);
    }
    if (total <= batchBytes || (threads == 1 && total <= inPartsBytes)) {
      // one batch's worth: threads would only add hand-over costs
      return sequential(ledger, count, loader, onMalformed);
    }
    if (threads == 1) {
      return sequentialInParts(ledger, count, sizeOf, loader, onMalformed);
    }
    int window = 2 * threads + 2;
    // Each worker decodes into a part of its own, which stays in its core's cache, and hands
    // over a copy of exactly the batch's size for the ledger to adopt (no copy on this thread).
    ThreadLocal<UtxoLedger.Builder> scratch = ThreadLocal.withInitial(ledger::newPart);
    ThreadLocal<RawBlockDecoder> decoders = ThreadLocal.withInitial(() -> new RawBlockDecoder(network));
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>(window);
    List<BlockInfo> infos = new ArrayList<>(count);
    try {
      int next = 0;
      while (infos.size() < count) {
        while (next < count && inFlight.size() < window) {
          int from = next;
          int to = batchEnd(from, count, sizeOf);
          next = to;
          inFlight.add(pool.submit(() -> {
            Batch b = decodeBatch(decoders.get(), scratch.get().clear(), from, to, loader);
            return new Batch(b.part.copy(), b.from, b.infos, b.errors);
          }));
        }
        Batch batch = await(inFlight.remove());
        batch.report(infos, onMalformed);
        ledger.adopt(batch.part);
      }
      return infos;
    } finally {
      for (Future<Batch> f : inFlight) {
        f.cancel(false);
      }
      pool.shutdown();
      awaitWorkers(pool);
    }
  }

  private List<BlockInfo> sequential(UtxoLedger.Builder ledger, int count,
      IntFunction<RawBlock> loader, MalformedHandler onMalformed) {
    RawBlockDecoder decoder = new RawBlockDecoder(network);
    List<BlockInfo> infos = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RawBlock b = loader.apply(i);
      try {
        // decodeInto leaves nothing of a malformed block in the ledger
        infos.add(decoder.decodeInto(ledger, b.bytes(), 0, b.bytes().length, b.height(), b.file(), b.offset()));
      } catch (BlockFileException.Malformed e) {
        onMalformed.handle(i, e);
        infos.add(null);
      }
    }
    return infos;
  }

  /**
   * One thread, but batches still go through a part: interning a batch's addresses in the part's
   * small table and deduping them all in the ledger at the end touches far less memory than
   * probing the ledger's large table for every output.
   */
  private List<BlockInfo> sequentialInParts(UtxoLedger.Builder ledger, int count,
      IntToLongFunction sizeOf, IntFunction<RawBlock> loader, MalformedHandler onMalformed) {
    RawBlockDecoder decoder = new RawBlockDecoder(network);
    UtxoLedger.Builder part = ledger.newPart();
    List<BlockInfo> infos = new ArrayList<>(count);
    for (int from = 0; from < count; ) {
      int to = batchEnd(from, count, sizeOf);
      decodeBatch(decoder, part.clear(), from, to, loader).report(infos, onMalformed);
      ledger.append(part);
      from = to;
    }
    return infos;
  }

  /** The end of the batch that starts at block {@code from}: about {@code batchBytes} of blocks. */
  private int batchEnd(int from, int count, IntToLongFunction sizeOf) {
    int next = from;
    long bytes = sizeOf.applyAsLong(next++);
    while (next < count && bytes < batchBytes) {
      bytes += sizeOf.applyAsLong(next++);
    }
    return next;
  }

  /**
   * A worker's result for blocks {@code from..from+infos.length-1}: the part holding every block
   * that decoded, and per block its facts or the reason it does not decode.
   */
  private record Batch(UtxoLedger.Builder part, int from, BlockInfo[] infos,
      BlockFileException.Malformed[] errors) {
    /** Hands each bad block to {@code onMalformed}, in order, and adds every block's facts. */
    void report(List<BlockInfo> all, MalformedHandler onMalformed) {
      for (int b = 0; b < infos.length; b++) {
        if (errors[b] != null) {
          onMalformed.handle(from + b, errors[b]);
        }
        all.add(infos[b]);
      }
    }
  }

  private static Batch decodeBatch(RawBlockDecoder decoder, UtxoLedger.Builder part, int from,
      int to, IntFunction<RawBlock> loader) {
    BlockInfo[] infos = new BlockInfo[to - from];
    BlockFileException.Malformed[] errors = new BlockFileException.Malformed[to - from];
    for (int i = from; i < to; i++) {
      RawBlock b = loader.apply(i);
      try {
        // a malformed block is rolled back out of the part; the others stay
        infos[i - from] = decoder.decodeInto(part, b.bytes(), 0, b.bytes().length, b.height(), b.file(), b.offset());
      } catch (BlockFileException.Malformed e) {
        errors[i - from] = e;
      }
    }
    return new Batch(part, from, infos, errors);
  }

  /**
   * Waits for the workers to finish the batch they are on (after an error, the rest were
   * cancelled): the caller closes what the loader reads from once this returns. Not interrupted,
   * because an interrupt closes a {@code FileChannel} under a reader.
   */
  private static void awaitWorkers(ExecutorService pool) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Batch await(Future<Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding blocks", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOL.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "tracer-decode-" + pool + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
