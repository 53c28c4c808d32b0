package io.tracer.core.intel;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text stream with a cap on line length, for the line-oriented intel formats (CSV, OFAC
 * lists). {@code BufferedReader.readLine} buffers a whole line however long it is, so one file
 * without line breaks could exhaust the heap; here at most {@code max} characters are kept and the
 * rest of an overlong line is skipped unread into memory. Line ends as in {@code readLine}: LF,
 * CR or CR LF.
 */
final class BoundedLines {
  /** Returned (by identity) for a line longer than the cap; its text is dropped. */
  static final String TOO_LONG = new String("<line too long>");

  private final Reader in;
  private final int max;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private boolean skipLf; // the previous line ended with CR: a following LF belongs to it
  private final StringBuilder line = new StringBuilder();

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line without its terminator, {@link #TOO_LONG}, or null at the end of the stream. */
  String next() throws IOException {
    line.setLength(0);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return any ? (tooLong ? TOO_LONG : line.toString()) : null;
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      if (!tooLong) {
        if (line.length() + (pos - start) > max) {
          tooLong = true;
          line.setLength(0);
        } else {
          line.append(buf, start, pos - start);
        }
      }
      if (pos < end) { // a terminator
        skipLf = buf[pos] == '\r';
        pos++;
        return tooLong ? TOO_LONG : line.toString();
      }
    }
  }
}
