package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.pipeline.ParamsFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -S} overrides as DVC applies them (tests/func/utils/test_hydra.py), comments and key order kept. */
class ParamsEditorTest {
  private static final String YAML = "# top comment\nfoo: 1  # the foo\nlorem: false\ntrain:\n  lr: 0.1\n"
      + "  layers: [8, 16]\n";

  private static String apply(String file, String text, String... args) {
    List<ParamOverride> o = Arrays.stream(args).map(a -> ParamOverride.parse(file + ":" + a)).toList();
    byte[] out = ParamsEditor.apply(file, text == null ? null : text.getBytes(StandardCharsets.UTF_8), o);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static Map<String, Object> tree(String file, String text) {
    return ParamsFiles.parse(text.getBytes(StandardCharsets.UTF_8), file);
  }

  @Test
  void valuesAreTypedAsHydraTypesThem() {
    assertEquals("1992-11-20", tree("p.yaml", apply("p.yaml", YAML, "lorem=1992-11-20")).get("lorem"));
    assertEquals("", tree("p.yaml", apply("p.yaml", YAML, "lorem=")).get("lorem"));
    Map<String, Object> t = tree("p.yaml", apply("p.yaml", YAML, "lorem=null", "foo=2.5"));
    assertTrue(t.containsKey("lorem") && t.get("lorem") == null);
    assertEquals(2.5, t.get("foo"));
    assertEquals(List.of(1L, "a"), tree("p.yaml", apply("p.yaml", YAML, "train.layers=[1, a]")).get("train") instanceof
        Map<?, ?> m ? m.get("layers") : null);
    assertEquals(32L, ParamsFiles.lookup(tree("p.yaml", apply("p.yaml", YAML, "train.layers.1=32")),
        "train.layers.1"));
  }

  @Test
  void commentsAndKeyOrderSurvive() {
    String out = apply("p.yaml", YAML, "foo=7", "train.lr=0.02");
    assertEquals("# top comment\nfoo: 7  # the foo\nlorem: false\ntrain:\n  lr: 0.02\n  layers: [8, 16]\n", out);
  }

  @Test
  void addDeleteAndStructMode() {
    JdvcException missing = assertThrows(JdvcException.class, () -> apply("p.yaml", YAML, "bar=1"));
    assertTrue(missing.getMessage().contains("'bar' is not in p.yaml"), missing.getMessage());
    assertThrows(JdvcException.class, () -> apply("p.yaml", YAML, "+foo=1"));
    assertEquals(YAML + "bar: 1\n", apply("p.yaml", YAML, "+bar=1"));
    assertEquals("# top comment\nlorem: false\ntrain:\n  lr: 0.1\n  layers: [8, 16]\n", apply("p.yaml", YAML,
        "~foo"));
    assertEquals("# top comment\nfoo: 1  # the foo\nlorem: false\ntrain:\n  lr: 0.1\n  layers: [8, 16]\n"
        + "  seed: 7\n", apply("p.yaml", YAML, "++train.seed=7"));
    assertEquals(9L, ParamsFiles.lookup(tree("p.yaml", apply("p.yaml", YAML, "+model.depth=9")), "model.depth"));
  }

  @Test
  void jsonIsRewrittenCompactlyInItsKeyOrder() {
    assertEquals("{\"b\": 1, \"a\": 2}", apply("params.json", "{\n  \"b\": 1,\n  \"a\": 1\n}\n", "a=2"));
  }

  @Test
  void badOverridesAreRefusedBeforeAnythingIsWritten() {
    assertThrows(JdvcException.class, () -> ParamOverride.parse("train.lr"));
    JdvcException malformed = assertThrows(JdvcException.class, () -> ParamOverride.parse("p.json:train.lr=[1,2"));
    assertEquals("Invalid --set-param value 'p.json:train.lr=[1,2': unclosed '[' (key 'train.lr' of p.json)",
        malformed.getMessage());
    JdvcException sweep = assertThrows(JdvcException.class, () -> ParamOverride.parse("train.lr=0.1,0.2"));
    assertTrue(sweep.getMessage().contains("--queue"), sweep.getMessage());
    assertEquals("params.yaml", ParamOverride.parse("train.lr=0.1").file());
    assertEquals("sub/p.json", ParamOverride.parse("sub/p.json:a.b=x:y").file());
    assertThrows(JdvcException.class, () -> apply("p.toml", "a = 1\n", "b=2")); // TOML: the same key rules
    assertEquals("a = 2\n", apply("p.toml", "a = 1\n", "a=2"));
    JdvcException noFile = assertThrows(JdvcException.class, () -> apply("nofile.yaml", null, "a=1"));
    assertEquals("Invalid --set-param value 'a=1': key 'a' is not in nofile.yaml (nofile.yaml does not exist)",
        noFile.getMessage());
    assertEquals("a: 1\n", apply("nofile.yaml", null, "+a=1"), "as DVC, +KEY creates the file");
  }
}
