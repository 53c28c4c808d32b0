package io.tracer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Option;

/** {@code --out F}: write the result to a file instead of stdout. */
public final class OutputOption {
  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the result to FILE (atomically) instead of standard output.")
  Path out;

  /**
   * Writes {@code text} to the file (written to a temporary sibling first and moved into place, so
   * an interrupted run never leaves half a report) or to {@code stdout}.
   */
  public void emit(String text, PrintWriter stdout) {
    if (out == null) {
      stdout.print(text);
      stdout.flush();
      return;
    }
    writeAtomically(out, text);
  }

  public Path file() {
    return out;
  }

  /**
   * Fails now, before any work, if {@code --out} cannot be written: a trace over a large source
   * should not run for minutes and then find its report has nowhere to go.
   */
  public void checkWritable() {
    if (out == null) {
      return;
    }
    if (Files.isDirectory(out)) {
      throw new CliException("cannot write " + out + ": it is a directory; give a file name");
    }
    Path real;
    try {
      real = destination(out);
    } catch (IOException e) {
      throw new CliException("cannot write " + out + ": " + IoMessages.reason(e), e);
    }
    if (isSpecial(real)) {
      if (!Files.isWritable(real)) {
        throw new CliException("cannot write " + out + ": permission denied");
      }
      return;
    }
    // The nearest folder that exists must be a folder we may write in (the rest is created).
    Path dir = real.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new CliException("cannot write " + out + ": " + dir + " is a file, not a folder");
    }
    if (!Files.isWritable(dir)) {
      throw new CliException("cannot write " + out + ": permission denied (" + dir + ")");
    }
  }

  /** Links followed before a link is found in a loop (as the kernel's ELOOP limit). */
  private static final int MAX_LINKS = 40;

  /**
   * Where a report for {@code target} goes: the absolute path, with symbolic links followed (also
   * a link to a file that does not exist yet), so that the report replaces the file a link names
   * and never the link itself.
   */
  static Path destination(Path target) throws IOException {
    Path p = target.toAbsolutePath();
    for (int i = 0; Files.isSymbolicLink(p); i++) {
      if (i == MAX_LINKS) {
        throw new IOException("too many levels of symbolic links");
      }
      p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
    }
    return p;
  }

  /** An existing file that is not a regular file or a directory: a device, a pipe, a socket. */
  static boolean isSpecial(Path p) {
    return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
  }

  public static void writeAtomically(Path target, String text) {
    if (Files.isDirectory(target)) {
      throw new CliException("cannot write " + target + ": it is a directory; give a file name");
    }
    try {
      Path abs = destination(target);
      if (isSpecial(abs)) {
        // a device or a pipe (/dev/null, /dev/stdout, a FIFO): written into as it is, since moving
        // a file over it would replace the device itself (as root, the system's /dev/null)
        Files.writeString(abs, text, StandardCharsets.UTF_8);
        return;
      }
      Path dir = abs.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      // the temporary name stays within the usual 255-byte limit whatever the report's name
      String name = abs.getFileName().toString();
      String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name);
      Path tmp = Files.createTempFile(dir, prefix, ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          // Temporary files are created owner-only; a report is an ordinary file (rw-r--r--).
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: keep its defaults
        }
        try {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException("cannot write " + target + ": " + IoMessages.reason(e), e);
    }
  }
}
