package io.tracer.ethereum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracer.core.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void where_countsTheFilesLines_includingBreaksInsideQuotedFields() {
    Csv c = new Csv(new StringReader(
        "hash,input\n0x1,\"two\nlines\"\r\n0x2,\"three\r\nlines\rhere\"\n0x3,x\n"), "t.csv");
    assertEquals(List.of("0x1", "two\nlines"), c.next());
    assertEquals("t.csv:2", c.where());
    assertEquals(List.of("0x2", "three\r\nlines\rhere"), c.next());
    assertEquals("t.csv:4", c.where());
    assertEquals(List.of("0x3", "x"), c.next());
    assertEquals("t.csv:7", c.where());
    assertNull(c.next());
  }

  @Test
  void header_afterAByteOrderMark_isRead() {
    Csv c = new Csv(new StringReader("\uFEFFhash,value\n0x1,5\n"), "bom.csv");
    assertEquals(0, c.column("hash"));
    assertEquals(List.of("0x1", "5"), c.next());
  }

  @Test
  void invalidUtf8_namesTheFile() {
    byte[] bytes = "hash\n0x1\n\u00ff".getBytes(StandardCharsets.ISO_8859_1); // a lone 0xff byte
    var strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    SourceException e = assertThrows(SourceException.class, () -> {
      Csv c = new Csv(new InputStreamReader(new ByteArrayInputStream(bytes), strict), "bad.csv");
      while (c.next() != null) {
        // read to the bad byte
      }
    });
    assertEquals("bad.csv: not UTF-8 text (is it an ethereum-etl export?)", e.getMessage());
  }
}
