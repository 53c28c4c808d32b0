package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
  static List<String> lines(String text, int max) throws IOException {
    BoundedLines r = new BoundedLines(new StringReader(text), max);
    List<String> out = new ArrayList<>();
    String l;
    while ((l = r.next()) != null) {
      out.add(l == BoundedLines.TOO_LONG ? "<TOO_LONG>" : l);
    }
    return out;
  }

  @Test
  void next_lfCrLfAndCr_sameLinesAsReadLine() throws IOException {
    assertEquals(List.of("a", "b", "", "c", "d"), lines("a\nb\r\n\rc\rd", 10));
    assertEquals(List.of("a", ""), lines("a\n\n", 10));
    assertEquals(List.of(), lines("", 10));
  }

  @Test
  void next_lineOfExactlyMax_kept_onePastMax_tooLongAndNextLineIntact() throws IOException {
    assertEquals(List.of("12345", "<TOO_LONG>", "ok"), lines("12345\n123456\nok", 5));
  }

  @Test
  void next_overlongLineAcrossManyBuffers_skippedWhole() throws IOException {
    String big = "x".repeat(300_000);
    assertEquals(List.of("a", "<TOO_LONG>", "b"), lines("a\r\n" + big + "\r\nb\r\n", 1000));
    BoundedLines r = new BoundedLines(new StringReader(big), 1000);
    assertSame(BoundedLines.TOO_LONG, r.next());
    assertNull(r.next());
  }

  @Test
  void next_crAtBufferBoundaryThenLf_oneLineEnd() throws IOException {
    String first = "y".repeat((1 << 16) - 1); // CR is the buffer's last char, LF the next buffer's first
    assertEquals(List.of(first, "z"), lines(first + "\r\nz", 1 << 17));
  }
}
