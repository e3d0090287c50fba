package io.jdvc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsFilesTest {
  private static Map<String, Object> parse(String text, String name) {
    return MetricsFiles.parse(text.getBytes(StandardCharsets.UTF_8), name);
  }

  @Test
  void listsAndNullsAreLeftOutAsDvcDoes() {
    assertEquals(Map.of("acc", 0.9, "nested", Map.of("n", 3L)),
        parse("{\"acc\": 0.9, \"hist\": [1, 2], \"none\": null, \"nested\": {\"n\": 3, \"l\": []}}", "m.json"));
  }

  @Test
  void yamlAndTomlByExtension() {
    assertEquals(Map.of("f1", 0.7), parse("f1: 0.7\n", "s.yaml"));
    assertEquals(Map.of("f1", 0.7), parse("f1 = 0.7\n", "s.toml"));
  }

  @Test
  void csvWithOneRowGivesItsColumnsAndWithSeveralEachRowByNumber() {
    assertEquals(Map.of("precision", 0.75, "n", 3L, "name", "x"), parse("precision,n,name\n0.75,3,x\n", "a.csv"));
    assertEquals(Map.of("0", Map.of("cls", "cat", "f1", 0.9), "1", Map.of("cls", "dog", "f1", 0.8)),
        parse("cls\tf1\ncat\t0.9\ndog\t0.8\n", "b.tsv"));
  }

  @Test
  void malformedFilesAreNamed() {
    JdvcException json = assertThrows(JdvcException.class, () -> parse("{\"acc\": ", "eval/m.json"));
    assertTrue(json.getMessage().startsWith("eval/m.json"), json.getMessage());
    JdvcException csv = assertThrows(JdvcException.class, () -> parse("a,b\n1,2,3\n", "eval/s.csv"));
    assertEquals("eval/s.csv:2: has 3 fields, the header has 2", csv.getMessage());
    JdvcException yaml = assertThrows(JdvcException.class, () -> parse("a: [1, 2\n", "eval/s.yaml"));
    assertTrue(yaml.getMessage().startsWith("eval/s.yaml"), yaml.getMessage());
  }

  @Test
  void quotedCsvFields() {
    assertEquals(List.of(Map.of("a", "x, \"y\"", "b", "2")),
        DelimitedText.parse("a,b\n\"x, \"\"y\"\"\",2\n", "q.csv"));
  }
}
