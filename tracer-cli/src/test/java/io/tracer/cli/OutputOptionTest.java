package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} writes a report by moving a finished temporary file into place. That must never
 * replace what is not a plain file: moving over /dev/null as root replaced the system's /dev/null
 * with a regular file, and moving over a symbolic link replaced the link.
 */
class OutputOptionTest {
  @TempDir Path dir;

  @Test
  void write_throughASymbolicLink_replacesTheFileItNames_andKeepsTheLink() throws Exception {
    Path report = Files.writeString(dir.resolve("report.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("report.json"));
    OutputOption.writeAtomically(link, "new");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(report));
  }

  @Test
  void write_throughADanglingLink_createsTheFileItNames() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("sub/report.json"));
    OutputOption.writeAtomically(link, "new");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(dir.resolve("sub/report.json")));
  }

  @Test
  void write_throughALinkLoop_isAOneLineError() throws Exception {
    Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    CliException e = assertThrows(CliException.class, () -> OutputOption.writeAtomically(a, "x"));
    assertEquals("cannot write " + a + ": too many levels of symbolic links", e.getMessage());
  }

  @Test
  void write_intoANamedPipe_writesIntoIt_andThePipeStays() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    OutputOption.writeAtomically(fifo, "{\"report\": 1}");
    assertEquals("{\"report\": 1}", read.get(10, TimeUnit.SECONDS));
    assertTrue(OutputOption.isSpecial(fifo), "still a pipe, not replaced by a regular file");
  }

  @Test
  void devices_areWrittenInPlace_notReplaced() throws Exception {
    // decided, not done: a regression here must not be able to replace the real /dev/null
    assertTrue(OutputOption.isSpecial(Path.of("/dev/null")));
    assertEquals(Path.of("/dev/null"), OutputOption.destination(Path.of("/dev/null")));
    assertFalse(OutputOption.isSpecial(Files.writeString(dir.resolve("plain.json"), "x")));
    assertFalse(OutputOption.isSpecial(dir));
    assertFalse(OutputOption.isSpecial(dir.resolve("absent.json")));
  }

  @Test
  void write_aFileNameOf250Characters_works() throws Exception {
    Path long250 = dir.resolve("r".repeat(245) + ".json");
    OutputOption.writeAtomically(long250, "x");
    assertEquals("x", Files.readString(long250));
  }
}
