package io.tracer.core.intel;

/** Cleaning of free text that comes from intelligence files. */
public final class Texts {
  private Texts() {}

  /**
   * The text with control characters (including CR/LF, which would let a label forge a new line in
   * a log or CSV) and bidirectional-override characters replaced by spaces, trimmed, and cut to
   * {@code max} characters. Markup such as {@code <script>} is kept verbatim: labels are plain
   * text, and every writer escapes for its own output format.
   */
  public static String plain(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // Control characters, line/paragraph separators and bidirectional overrides/isolates (which
      // can make "evil.com" display as something else, "Trojan Source" style).
      boolean bad =
          Character.isISOControl(c)
              || c == '\u2028'
              || c == '\u2029'
              || (c >= '\u202A' && c <= '\u202E')
              || (c >= '\u2066' && c <= '\u2069')
              || c == '\u200E'
              || c == '\u200F';
      if (bad && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(bad ? ' ' : c);
      }
    }
    String t = (b == null ? s : b.toString()).trim();
    if (t.length() > max) {
      int cut = max - 3;
      if (Character.isHighSurrogate(t.charAt(cut - 1))) {
        cut--;
      }
      t = t.substring(0, cut) + "...";
    }
    return t;
  }
}
