package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * TOML params files, read with Jackson's TOML parser into the same tree as the other formats: tables as ordered
 * maps, integers as Long/BigInteger, floats as Double, booleans, and dates and times as their TOML text (DVC's
 * tomlkit gives datetime objects; as params they are compared and printed as text either way).
 */
final class TomlValues {
  private static final TomlMapper MAPPER = TomlMapper.builder().build();

  private TomlValues() {}

  static Object parse(String text, String file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
      throw new PipelineFileException(file, line, "invalid TOML: " + e.getOriginalMessage());
    }
    return root == null || root.isMissingNode() ? Map.of() : value(root);
  }

  private static Object value(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), value(e.getValue())));
      return Collections.unmodifiableMap(m);
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.values().forEach(v -> l.add(value(v)));
      return Collections.unmodifiableList(l);
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return YamlValues.normalize(n.bigIntegerValue());
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isNull()) {
      return null;
    }
    return n.asString();
  }
}
