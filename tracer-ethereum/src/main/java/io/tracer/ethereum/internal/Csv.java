package io.tracer.ethereum.internal;

import io.tracer.core.source.SourceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 reader (comma, double quotes, quoted commas and newlines, CRLF or LF) for the
 * ethereum-etl exports. Records are capped in size so that a hostile or corrupt file fails with a
 * clear message instead of exhausting memory. Not thread-safe; one instance per file.
 */
public final class Csv implements AutoCloseable {
  /** Longest record accepted (transaction input data can be large, but not this large). */
  public static final int MAX_RECORD_CHARS = 8 << 20;

  private final BufferedReader in;
  private final String name;
  private final Map<String, Integer> columns = new HashMap<>();
  private long line; // where the current record starts
  private long lines; // line breaks read so far, inside quoted fields too

  /** Opens the reader and reads the header. */
  public Csv(Reader reader, String name) {
    this.in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader, 1 << 16);
    this.name = name;
    skipByteOrderMark();
    List<String> header = next();
    if (header == null) {
      throw new SourceException(name + " is empty (no header line)");
    }
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).trim(), i);
    }
  }

  /** A UTF-8 byte order mark (some spreadsheet tools write one) is not part of the header. */
  private void skipByteOrderMark() {
    try {
      in.mark(1);
      if (in.read() != '\uFEFF') {
        in.reset();
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** True if the header names the column. */
  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The index of a required column. */
  public int column(String column) {
    Integer i = columns.get(column);
    if (i == null) {
      throw new SourceException(name + " has no column '" + column + "' (is it an ethereum-etl export?)");
    }
    return i;
  }

  /** Where the last record started, for error messages: {@code file:line} (lines of the file). */
  public String where() {
    return name + ":" + line;
  }

  /** The next record's fields, or null at the end. */
  public List<String> next() {
    try {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      line = lines + 1;
      List<String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      int chars = 0;
      while (true) {
        if (c < 0) {
          if (quoted) {
            throw new SourceException(name + ":" + line + ": file ends inside a quoted field");
          }
          fields.add(f.toString());
          return fields;
        }
        if (++chars > MAX_RECORD_CHARS) {
          throw new SourceException(name + ":" + line + ": record longer than " + MAX_RECORD_CHARS + " characters");
        }
        char ch = (char) c;
        if (quoted) {
          if (ch == '"') {
            in.mark(1);
            int n = in.read();
            if (n == '"') {
              f.append('"');
            } else {
              quoted = false;
              if (n >= 0) {
                in.reset();
              }
            }
          } else {
            if (ch == '\n' || (ch == '\r' && !followedByNewline())) {
              lines++; // a line break inside a quoted field: the next record starts lower down
            }
            f.append(ch);
          }
        } else if (ch == '"' && f.length() == 0) {
          quoted = true;
        } else if (ch == ',') {
          fields.add(f.toString());
          f.setLength(0);
        } else if (ch == '\n' || ch == '\r') {
          if (ch == '\r' && followedByNewline()) {
            in.read(); // CRLF: one line break
          }
          lines++;
          fields.add(f.toString());
          return fields;
        } else {
          f.append(ch);
        }
        c = in.read();
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Whether the next character is a line feed (left unread). */
  private boolean followedByNewline() throws IOException {
    in.mark(1);
    int n = in.read();
    in.reset();
    return n == '\n';
  }

  private SourceException unreadable(IOException e) {
    if (e instanceof CharacterCodingException) {
      // The JDK says only "Input length = 1". No line: text is decoded in blocks ahead of the
      // records, so the line reached says little about where the bad bytes are.
      return new SourceException(name + ": not UTF-8 text (is it an ethereum-etl export?)", e);
    }
    return new SourceException("cannot read " + name + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // nothing useful to do: the data was read already
    }
  }
}
