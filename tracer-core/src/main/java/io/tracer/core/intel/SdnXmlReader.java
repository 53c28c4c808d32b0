package io.tracer.core.intel;

import io.tracer.core.model.Chain;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * OFAC's SDN XML files, streamed with StAX (SDN_ADVANCED.XML is about 80 MB):
 *
 * <ul>
 *   <li>SDN_ADVANCED.XML: {@code ReferenceValueSets/FeatureTypeValues/FeatureType[@ID]} whose text
 *       is {@code Digital Currency Address - SYM}; then each {@code DistinctParty}'s {@code
 *       Feature[@FeatureTypeID]} of such a type holds the address in {@code VersionDetail}. The
 *       party's first {@code NamePartValue} becomes the label.
 *   <li>legacy sdn.xml: {@code sdnEntry/idList/id} with {@code idType} {@code Digital Currency
 *       Address - SYM} and the address in {@code idNumber}; the entry's names and programs label
 *       it.
 * </ul>
 *
 * DTDs are refused outright: no external entities, no entity expansion (XXE, billion laughs).
 */
final class SdnXmlReader {
  private SdnXmlReader() {}

  static final String PREFIX = "Digital Currency Address - ";
  /** Bytes looked at before parsing: the XML declaration and a DOCTYPE come first. */
  private static final int HEAD = 1 << 12;
  /** The encoding named in an XML declaration. */
  private static final Pattern ENCODING =
      Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

  static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
    return f;
  }

  static void read(InputStream in, LoadContext ctx) {
    BufferedInputStream b = new BufferedInputStream(in, HEAD);
    XMLStreamReader r;
    try {
      r = open(b, ctx);
    } catch (IntelException e) {
      throw e;
    } catch (XMLStreamException | RuntimeException e) {
      if (causedByDecoding(e)) {
        throw notUtf8(ctx, e);
      }
      throw new IntelException(ctx.file + ": not readable as XML: " + message(e), e);
    } catch (IOException e) {
      throw new IntelException(ctx.file + ": cannot read: " + message(e), e);
    }
    try {
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD) {
          throw doctypeRefused(ctx, r.getLocation().getLineNumber());
        }
        if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new IntelException(ctx.file + ": XML entity references are refused");
        }
        if (ev == XMLStreamConstants.START_ELEMENT) {
          String root = r.getLocalName();
          if (root.equals("sdnList")) {
            readClassic(r, ctx);
          } else if (root.equals("Sanctions")) {
            readAdvanced(r, ctx);
          } else {
            throw new IntelException(
                ctx.file + ": XML root <" + Texts.plain(root, 60)
                    + "> is neither an OFAC <Sanctions> (SDN_ADVANCED) nor an <sdnList>");
          }
          return;
        }
      }
    } catch (XMLStreamException e) {
      if (causedByDecoding(e)) {
        throw notUtf8(ctx, e);
      }
      throw new IntelException(
          ctx.file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNumber())
              + ": malformed or refused XML: " + message(e),
          e);
    } catch (IntelException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JDK parser fails on some malformed input with its own bugs (a MissingResourceException
      // for a NUL in a DOCTYPE): still a malformed file, not a crash.
      throw new IntelException(ctx.file + ": malformed XML: " + message(e), e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException | RuntimeException ignored) {
        // closing a reader over a stream the caller owns; nothing to release
      }
    }
  }

  /**
   * The parser over {@code b}, after two checks of the first bytes that keep the JDK's parser from
   * printing lines of its own on stderr (a one-line error is all a user should see): a DOCTYPE is
   * refused before the parser skips it (a truncated one made it print a stack trace line), and a
   * document in UTF-8 is decoded here, strictly (its invalid bytes made it print "[Fatal
   * Error]"). Documents in another declared encoding, or UTF-16 with its byte order mark, are
   * decoded by the parser as before.
   */
  private static XMLStreamReader open(BufferedInputStream b, LoadContext ctx)
      throws IOException, XMLStreamException {
    b.mark(HEAD);
    byte[] head = b.readNBytes(HEAD);
    b.reset();
    if (head.length >= 2 && ((head[0] == (byte) 0xfe && head[1] == (byte) 0xff)
        || (head[0] == (byte) 0xff && head[1] == (byte) 0xfe))) {
      return secureFactory().createXMLStreamReader(b); // UTF-16: the DTD event still refuses it
    }
    // a UTF-8 byte order mark is not part of the text: looked past here, skipped when decoding
    boolean bom = head.length >= 3 && head[0] == (byte) 0xef && head[1] == (byte) 0xbb
        && head[2] == (byte) 0xbf;
    String text = new String(head, bom ? 3 : 0, head.length - (bom ? 3 : 0),
        StandardCharsets.ISO_8859_1);
    int doctype = text.indexOf("<!DOCTYPE");
    if (doctype >= 0 && doctype < rootStart(text)) {
      throw doctypeRefused(ctx, 1 + (int) text.substring(0, doctype).chars().filter(c -> c == '\n')
          .count());
    }
    if (!declaresUtf8(text)) {
      return secureFactory().createXMLStreamReader(b);
    }
    if (bom) {
      b.skipNBytes(3);
    }
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return secureFactory().createXMLStreamReader(new InputStreamReader(b, strict));
  }

  /** Where the root element starts in the first bytes ({@code <} and a name), or their end. */
  private static int rootStart(String text) {
    for (int i = text.indexOf('<'); i >= 0 && i + 1 < text.length(); i = text.indexOf('<', i + 1)) {
      char c = text.charAt(i + 1);
      if (c != '?' && c != '!') {
        return i;
      }
    }
    return text.length();
  }

  /** Whether the XML declaration names UTF-8 or no encoding (which means UTF-8 without a BOM). */
  private static boolean declaresUtf8(String t) {
    if (!t.startsWith("<?xml")) {
      return true;
    }
    int end = t.indexOf("?>");
    Matcher m = ENCODING.matcher(end < 0 ? t : t.substring(0, end));
    return !m.find() || m.group(1).equalsIgnoreCase("UTF-8") || m.group(1).equalsIgnoreCase("UTF8");
  }

  private static IntelException doctypeRefused(LoadContext ctx, int line) {
    return new IntelException(ctx.file + ":" + line
        + ": XML with a DOCTYPE is refused (external entities and entity expansion are not allowed"
        + " in intelligence files)");
  }

  private static IntelException notUtf8(LoadContext ctx, Exception e) {
    return new IntelException(ctx.file + ": not UTF-8 text, which its XML declaration says (or"
        + " implies by naming no encoding)", e);
  }

  /** Whether the parser failed because the strict decoder met bytes that are not UTF-8. */
  private static boolean causedByDecoding(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    return e instanceof XMLStreamException x
        && x.getNestedException() instanceof CharacterCodingException;
  }

  /** The exception's message, one line and bounded; its type when it has none. */
  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : Texts.plain(m, 200) + (e instanceof RuntimeException ? " (" + e.getClass().getSimpleName()
            + ")" : "");
  }

  private record Pending(String typeId, String value, long line, String party) {}

  private static void readAdvanced(XMLStreamReader r, LoadContext ctx) throws XMLStreamException {
    Map<String, String> symbolByType = new HashMap<>();
    boolean refsDone = false;
    List<Pending> pending = new ArrayList<>();
    String party = null;
    String partyRef = null;
    String featureType = null;
    boolean inParty = false;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new IntelException(ctx.file + ": XML entity references are refused");
      }
      if (ev == XMLStreamConstants.START_ELEMENT) {
        String n = r.getLocalName();
        switch (n) {
          case "FeatureType":
            {
              String id = r.getAttributeValue(null, "ID");
              String text = text(r, ctx).trim();
              if (id != null && text.startsWith(PREFIX)) {
                symbolByType.put(id, text.substring(PREFIX.length()).trim());
              }
              break;
            }
          case "DistinctParty":
            inParty = true;
            party = null;
            partyRef = r.getAttributeValue(null, "FixedRef");
            break;
          case "NamePartValue":
            {
              String text = text(r, ctx);
              if (inParty && party == null) {
                party = text;
              }
              break;
            }
          case "Feature":
            featureType = r.getAttributeValue(null, "FeatureTypeID");
            break;
          case "VersionDetail":
            {
              long line = r.getLocation().getLineNumber();
              String text = text(r, ctx);
              if (featureType != null) {
                String who = party != null ? party : "SDN party " + (partyRef == null ? "?" : partyRef);
                String sym = symbolByType.get(featureType);
                if (sym != null) {
                  emit(ctx, line, sym, text, who, "OFAC SDN_ADVANCED.XML", null);
                } else if (!refsDone) {
                  pending.add(new Pending(featureType, text, line, who));
                }
              }
              break;
            }
          default:
            break;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        String n = r.getLocalName();
        if (n.equals("ReferenceValueSets")) {
          refsDone = true;
        } else if (n.equals("Feature")) {
          featureType = null;
        } else if (n.equals("DistinctParty")) {
          inParty = false;
        }
      }
    }
    for (Pending p : pending) {
      String sym = symbolByType.get(p.typeId);
      if (sym != null) {
        emit(ctx, p.line, sym, p.value, p.party, "OFAC SDN_ADVANCED.XML", null);
      }
    }
  }

  private static void readClassic(XMLStreamReader r, LoadContext ctx) throws XMLStreamException {
    LocalDate published = null;
    String first = null;
    String last = null;
    List<String> programs = new ArrayList<>();
    String idType = null;
    String idNumber = null;
    long idLine = 0;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new IntelException(ctx.file + ": XML entity references are refused");
      }
      if (ev == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "Publish_Date":
            published = usDate(ctx, r.getLocation().getLineNumber(), text(r, ctx));
            break;
          case "sdnEntry":
            first = null;
            last = null;
            programs.clear();
            break;
          case "firstName":
            if (first == null) {
              first = text(r, ctx);
            }
            break;
          case "lastName":
            if (last == null) {
              last = text(r, ctx);
            }
            break;
          case "program":
            programs.add(text(r, ctx).trim());
            break;
          case "id":
            idType = null;
            idNumber = null;
            idLine = r.getLocation().getLineNumber();
            break;
          case "idType":
            idType = text(r, ctx).trim();
            break;
          case "idNumber":
            idNumber = text(r, ctx);
            break;
          default:
            break;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("id")) {
        if (idType != null && idType.startsWith(PREFIX)) {
          String who = ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim();
          String src =
              "OFAC sdn.xml" + (programs.isEmpty() ? "" : " (programs: " + String.join(", ", programs) + ")");
          emit(ctx, idLine, idType.substring(PREFIX.length()).trim(), idNumber, who, src, published);
        }
      }
    }
  }

  /** MM/DD/YYYY, strictly: 02/30/2023 is an error, not 02/28. Null, reported, if malformed. */
  private static LocalDate usDate(LoadContext ctx, long line, String text) {
    try {
      return LocalDate.parse(text.trim(), US_DATE);
    } catch (DateTimeParseException e) {
      ctx.problem(line, "bad Publish_Date '" + Texts.plain(text, 40)
          + "' (want MM/DD/YYYY); addresses kept without a date");
      return null;
    }
  }

  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The text of the current element, as {@code getElementText} reads it, except that an entity
   * reference is refused: with replacement off, the JDK parser reports an undeclared {@code &x;}
   * as an event without text, which {@code getElementText} turned into the word "null".
   */
  private static String text(XMLStreamReader r, LoadContext ctx) throws XMLStreamException {
    StringBuilder b = new StringBuilder();
    while (true) {
      int ev = r.next();
      if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE) {
        b.append(r.getText());
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        return b.toString();
      } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new IntelException(
            ctx.file + ":" + r.getLocation().getLineNumber() + ": XML entity reference &"
                + Texts.plain(r.getLocalName(), 40) + "; is refused");
      } else if (ev != XMLStreamConstants.COMMENT
          && ev != XMLStreamConstants.PROCESSING_INSTRUCTION) {
        throw new XMLStreamException("element inside a text-only element", r.getLocation());
      }
    }
  }

  private static void emit(
      LoadContext ctx, long line, String symbol, String value, String who, String source,
      LocalDate date) {
    if (value == null || value.isBlank()) {
      ctx.problem(line, "empty address for " + PREFIX + symbol);
      return;
    }
    String sym = symbol.toUpperCase(Locale.ROOT);
    Optional<Chain> chain =
        sym.equals("USDT") || sym.equals("USDC")
            ? AddressChecks.chainOfTokenAddress(value)
            : Chain.fromTicker(sym);
    if (chain.isEmpty()) {
      ctx.problem(
          line, "no chain for '" + PREFIX + Texts.plain(symbol, 20) + "' address '"
              + LoadContext.abbreviate(value) + "'");
      return;
    }
    Label label =
        new Label(
            Category.SANCTIONS,
            PREFIX + sym,
            who,
            source,
            Confidence.AUTHORITY_DATA,
            date,
            null,
            ctx.file + " (SDN XML)");
    ctx.address(line, chain.get(), value).ifPresent(a -> ctx.emit(a, label));
  }
}
