package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads small YAML (or JSON) documents such as policies safely: aliases and duplicate keys
 * refused, nesting and size capped, every scalar kept as its source text (no YAML 1.1 number or
 * date coercion). Shared by the TagPack reader (which keeps duplicate keys lenient) and {@code
 * io.tracer.core.risk.Policy}.
 */
public final class SafeYaml {
  private SafeYaml() {}

  /**
   * The document as a tree of objects, arrays, text and nulls.
   *
   * @throws IntelException if the YAML is malformed, uses aliases or exceeds the limits
   */
  public static JsonNode readTree(InputStream in, String name, int maxCodePoints) {
    try (JsonParser p =
        new TagPackReader.AliasRefusingParser(
            TagPackReader.yamlMapper(maxCodePoints).getFactory().createParser(in), name)) {
      if (p.nextToken() == null) {
        return null;
      }
      // A repeated key is refused: "last one wins" silently dropped e.g. a whole 'rules' list.
      JsonNode root = TagPackReader.readRaw(p, true);
      // So is anything after the first document (a second YAML document, text after JSON): it
      // would otherwise be ignored without a word. Trailing text that does not even parse says
      // the same rather than SnakeYAML's "expected '<document start>'…".
      JsonToken next;
      try {
        next = p.nextToken();
      } catch (JsonProcessingException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next != null) {
        throw new IntelException(name + ":" + p.currentLocation().getLineNr()
            + ": content after the first document is refused");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IntelException(
          name + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
              + ": malformed or refused YAML: " + Texts.plain(e.getOriginalMessage(), 200), e);
    } catch (IOException e) {
      throw new IntelException(name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IntelException) {
        throw e;
      }
      throw new IntelException(name + ": refused YAML: " + Texts.plain(e.getMessage(), 200), e);
    }
  }
}
