package io.jdvc.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Params files read as DVC reads them, the loader chosen by extension ({@code dvc/utils/serialize}): {@code .json},
 * {@code .toml}, {@code .py}, anything else YAML (ruamel's safe loader, YAML 1.2). The result is an ordered tree of
 * {@code Map<String, Object>}, {@code List<Object>}, String, Long (BigInteger past 64 bits), Double, Boolean and null,
 * so a writer sees the types DVC sees ({@code 0.20} is the Double 0.2, {@code yes} a String, {@code 1e3} a Double).
 */
public final class ParamsFiles {
  /** What {@link #lookup} returns for a key the tree lacks (distinct from a present null). */
  public static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<missing>";
    }
  };

  private ParamsFiles() {}

  /**
   * Reads a params file.
   *
   * @param nameForMessages the repo-relative path, named in errors
   * @throws NoSuchFileException if it does not exist
   * @throws PipelineFileException if it is malformed or its top level is not a mapping
   */
  public static Map<String, Object> read(Path file, String nameForMessages) throws IOException {
    if (Files.isDirectory(file)) {
      throw new PipelineFileException(nameForMessages, 0, "is a directory, not a params file");
    }
    return parse(Files.readAllBytes(file), nameForMessages);
  }

  /** Parses a params file's bytes; the extension of {@code name} picks the format. */
  public static Map<String, Object> parse(byte[] bytes, String name) {
    Object tree = parseAny(bytes, name);
    if (tree == null && !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return Map.of();
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new PipelineFileException(name, 0, "expected a dictionary at the top level, got "
          + (tree == null ? "nothing" : tree instanceof List ? "a list" : "'" + tree + "'"));
    }
    @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) map;
    return m;
  }

  /**
   * Parses a data file's bytes by extension, as {@link #parse} does, but accepts any top level (a plots file may be
   * a list of records); an empty YAML file is null.
   */
  public static Object parseAny(byte[] bytes, String name) {
    String text = YamlValues.utf8(bytes, name);
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return JsonValues.parse(text, name);
    } else if (lower.endsWith(".toml")) {
      return TomlValues.parse(text, name);
    } else if (lower.endsWith(".py")) {
      return PythonParams.parse(text, name);
    }
    return YamlValues.load(text, name);
  }

  /**
   * The value at a dotted key ({@code train.lr}; list items by index, {@code layers.0}), as DVC's
   * {@code dpath.get(..., separator=".")} finds it, or {@link #MISSING}.
   */
  public static Object lookup(Map<String, Object> tree, String dottedKey) {
    Object node = tree;
    for (String part : dottedKey.split("\\.", -1)) {
      if (node instanceof Map<?, ?> m) {
        if (!m.containsKey(part)) {
          return MISSING;
        }
        node = m.get(part);
      } else if (node instanceof List<?> l && part.matches("[0-9]+")) {
        int i;
        try {
          i = Integer.parseInt(part);
        } catch (NumberFormatException e) {
          return MISSING;
        }
        if (i >= l.size()) {
          return MISSING;
        }
        node = l.get(i);
      } else {
        return MISSING;
      }
    }
    return node;
  }
}
