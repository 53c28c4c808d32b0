package io.tracer.bitcoin.blocks;

import io.tracer.core.source.SourceException;
import java.nio.file.Path;

/**
 * Block data that cannot be read, with the file and byte offset where the problem is. One nested
 * subtype per failure, so that callers (and tests) can tell them apart without parsing messages.
 */
public class BlockFileException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** Offset used when the problem is not at a particular byte (a directory, a whole file). */
  public static final long NO_OFFSET = -1;

  private final transient Path file;
  private final long offset;

  BlockFileException(Path file, long offset, String problem) {
    super(where(file, offset) + problem);
    this.file = file;
    this.offset = offset;
  }

  BlockFileException(Path file, long offset, String problem, Throwable cause) {
    super(where(file, offset) + problem, cause);
    this.file = file;
    this.offset = offset;
  }

  private static String where(Path file, long offset) {
    if (file == null) {
      return "";
    }
    return offset == NO_OFFSET ? file + ": " : file + " at offset " + offset + ": ";
  }

  /** The file (or directory) concerned; may be null for in-memory data. */
  public Path file() {
    return file;
  }

  /** Byte offset in the file, or {@link #NO_OFFSET}. */
  public long offset() {
    return offset;
  }

  /** The 4 bytes where a block frame should start are not a known network magic. */
  public static final class WrongMagic extends BlockFileException {
    private static final long serialVersionUID = 1L;

    WrongMagic(Path file, long offset, String problem) {
      super(file, offset, problem);
    }
  }

  /** The data is for another network than the caller expects (or than earlier blocks). */
  public static final class WrongNetwork extends BlockFileException {
    private static final long serialVersionUID = 1L;

    WrongNetwork(Path file, long offset, String problem) {
      super(file, offset, problem);
    }
  }

  /** A frame's length field is impossible (over 4,000,000 bytes, or shorter than a header). */
  public static final class BadLength extends BlockFileException {
    private static final long serialVersionUID = 1L;

    BadLength(Path file, long offset, String problem) {
      super(file, offset, problem);
    }
  }

  /** The file ends inside a frame header or a block. */
  public static final class Truncated extends BlockFileException {
    private static final long serialVersionUID = 1L;

    Truncated(Path file, long offset, String problem) {
      super(file, offset, problem);
    }
  }

  /** The bytes inside a block do not decode as a block (bad counts, lengths, trailing bytes). */
  public static final class Malformed extends BlockFileException {
    private static final long serialVersionUID = 1L;

    Malformed(Path file, long offset, String problem) {
      super(file, offset, problem);
    }
  }

  /** {@code xor.dat} exists but is not an 8-byte key. */
  public static final class BadXorKey extends BlockFileException {
    private static final long serialVersionUID = 1L;

    BadXorKey(Path file, String problem) {
      super(file, NO_OFFSET, problem);
    }
  }

  /** A directory without any {@code blk*.dat} file, or a path that does not exist. */
  public static final class NoBlockData extends BlockFileException {
    private static final long serialVersionUID = 1L;

    NoBlockData(Path file, String problem) {
      super(file, NO_OFFSET, problem);
    }
  }

  /** An I/O error from the operating system while reading. */
  public static final class Unreadable extends BlockFileException {
    private static final long serialVersionUID = 1L;

    Unreadable(Path file, long offset, String problem, Throwable cause) {
      super(file, offset, problem, cause);
    }
  }
}
