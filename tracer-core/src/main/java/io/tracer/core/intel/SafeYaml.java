package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
      return TagPackReader.readRaw(p, true);
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
