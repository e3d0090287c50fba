package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.ParamsFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -S} on TOML and Python params files: values change in place, comments and layout stay. */
class TomlPythonParamsEditorTest {
  static String apply(String file, String text, String... args) {
    List<ParamOverride> overrides = java.util.Arrays.stream(args).map(a -> ParamOverride.parse(file + ":" + a))
        .toList();
    return new String(ParamsEditor.apply(file, text.getBytes(StandardCharsets.UTF_8), overrides),
        StandardCharsets.UTF_8);
  }

  static final String TOML = String.join("\n",
      "# training",
      "seed = 1",
      "",
      "[train]",
      "lr = 0.01  # learning rate",
      "name = \"base\"",
      "layers = [1, 2]",
      "",
      "[eval]",
      "batch = 32",
      "");

  @Test
  void tomlValuesChangeWhereTheyStand() {
    String out = apply("params.toml", TOML, "train.lr=0.02", "train.name=big", "seed=7", "train.layers=[3,4,5]");
    assertEquals(TOML.replace("lr = 0.01 ", "lr = 0.02 ").replace("\"base\"", "\"big\"").replace("seed = 1",
        "seed = 7").replace("[1, 2]", "[3, 4, 5]"), out);
    Map<String, Object> parsed = ParamsFiles.parse(out.getBytes(StandardCharsets.UTF_8), "params.toml");
    assertEquals(0.02, ((Map<?, ?>) parsed.get("train")).get("lr"));
  }

  @Test
  void tomlKeysAreAddedToTheirTableAndDeletedWithTheirLine() {
    String out = apply("params.toml", TOML, "+train.dropout=0.5", "~eval.batch", "+extra.flag=true");
    assertEquals(String.join("\n", "# training", "seed = 1", "", "[train]", "lr = 0.01  # learning rate",
        "name = \"base\"", "layers = [1, 2]", "dropout = 0.5", "", "[eval]", "", "[extra]", "flag = true", ""), out);
    ParamsFiles.parse(out.getBytes(StandardCharsets.UTF_8), "params.toml");
  }

  @Test
  void tomlRefusesWhatItCannotWrite() {
    JdvcException missing = assertThrows(JdvcException.class, () -> apply("params.toml", TOML, "train.depth=3"));
    assertTrue(missing.getMessage().contains("key 'train.depth' is not in params.toml"), missing.getMessage());
    JdvcException nul = assertThrows(JdvcException.class, () -> apply("params.toml", TOML, "train.lr=null"));
    assertTrue(nul.getMessage().contains("TOML has no null"), nul.getMessage());
    assertThrows(JdvcException.class, () -> apply("params.toml", "[train]\nl = [\n  1,\n]\n", "train.l=[2]"));
  }

  static final String PY = String.join("\n",
      "# params",
      "LR = 0.01  # learning rate",
      "NAME: str = 'base'",
      "",
      "class Train:",
      "    epochs = 10",
      "",
      "    def __init__(self):",
      "        self.dropout = 0.1",
      "",
      "    def helper(self):",
      "        epochs = 99",
      "");

  @Test
  void pythonValuesChangeOnTheirOwnLine() {
    String out = apply("params.py", PY, "LR=0.02", "NAME=big", "Train.epochs=20", "Train.dropout=0.3");
    assertEquals(PY.replace("LR = 0.01 ", "LR = 0.02 ").replace("'base'", "'big'").replace("epochs = 10",
        "epochs = 20").replace("self.dropout = 0.1", "self.dropout = 0.3"), out);
    Map<String, Object> parsed = ParamsFiles.parse(out.getBytes(StandardCharsets.UTF_8), "params.py");
    assertEquals(20L, ((Number) ((Map<?, ?>) parsed.get("Train")).get("epochs")).longValue());
    assertEquals("big", parsed.get("NAME"));
  }

  @Test
  void pythonRefusesNewAndDeletedKeys() {
    JdvcException add = assertThrows(JdvcException.class, () -> apply("params.py", PY, "+NEW=1"));
    assertTrue(add.getMessage().contains("can be changed, not added or deleted"), add.getMessage());
    assertThrows(JdvcException.class, () -> apply("params.py", PY, "~LR"));
    JdvcException missing = assertThrows(JdvcException.class, () -> apply("params.py", PY, "Train.nope=1"));
    assertTrue(missing.getMessage().contains("'Train.nope'"), missing.getMessage());
  }
}
