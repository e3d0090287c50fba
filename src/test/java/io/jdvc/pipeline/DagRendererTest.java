package io.jdvc.pipeline;

import static io.jdvc.pipeline.DagTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagRendererTest {
  /** DVC's test_show_mermaid, with the nodes named as dvc dag names them (their addresses). */
  static final String DVC_MERMAID = String.join("\n",
      "flowchart TD",
      "\tnode1[\"1\"]",
      "\tnode2[\"2\"]",
      "\tnode3[\"3\"]",
      "\tnode4[\"4\"]",
      "\tnode5[\"a.dvc\"]",
      "\tnode6[\"b.dvc\"]",
      "\tnode3-->node4",
      "\tnode5-->node1",
      "\tnode5-->node3",
      "\tnode5-->node4",
      "\tnode6-->node2",
      "\tnode6-->node3");

  @Test
  void mermaidAndMarkdownMatchDvc() {
    Dag dag = DagTest.dvcTestRepo();
    assertEquals(DVC_MERMAID, DagRenderer.mermaid(dag));
    assertEquals("```mermaid\n" + DVC_MERMAID + "\n```", DagRenderer.markdown(dag));
  }

  @Test
  void mermaidNumbersNodesOnAcrossPipelines() {
    Dag dag = new Dag(List.of(
        node("z.dvc", List.of(), List.of("z")),
        node("use-z", List.of("z"), List.of("y")),
        node("a.dvc", List.of(), List.of("a"))));
    assertEquals("flowchart TD\n\tnode1[\"use-z\"]\n\tnode2[\"z.dvc\"]\n\tnode2-->node1\n\tnode3[\"a.dvc\"]",
        DagRenderer.mermaid(dag));
    assertEquals("flowchart TD", DagRenderer.mermaid(new Dag(List.of())));
  }

  @Test
  void dotMatchesDvcLineForLine() {
    String dot = DagRenderer.dot(DagTest.dvcTestRepo());
    // DVC's test_show_dot compares sorted lines, because networkx's relabelling shuffles edge order
    List<String> expected = List.of(
        "\"1\";",
        "\"2\";",
        "\"3\" -> \"4\";",
        "\"3\";",
        "\"4\";",
        "\"a.dvc\" -> \"1\";",
        "\"a.dvc\" -> \"3\";",
        "\"a.dvc\" -> \"4\";",
        "\"a.dvc\";",
        "\"b.dvc\" -> \"2\";",
        "\"b.dvc\" -> \"3\";",
        "\"b.dvc\";",
        "strict digraph {",
        "}");
    assertEquals(expected, dot.lines().sorted().toList());
    assertTrue(dot.startsWith("strict digraph {\n\"a.dvc\";\n\"b.dvc\";\n\"1\";\n"), dot);
    assertTrue(dot.endsWith("\"3\" -> \"4\";\n}\n"), dot);
  }

  @Test
  void dotQuotesNamesWithColons() {
    Dag dag = new Dag(List.of(
        node("data/raw/1.dvc", List.of(), List.of("data/raw/1")),
        node("sub/dvc.yaml:prepare", List.of("data/raw/1"), List.of("sub/p"))));
    assertEquals("strict digraph {\n\"data/raw/1.dvc\";\n\"sub/dvc.yaml:prepare\";\n"
        + "\"data/raw/1.dvc\" -> \"sub/dvc.yaml:prepare\";\n}\n", DagRenderer.dot(dag));
  }

  @Test
  void asciiDrawsAChainAsStackedBoxes() {
    Dag dag = new Dag(List.of(
        node("data.dvc", List.of(), List.of("data")),
        node("prepare", List.of("data"), List.of("prepared")),
        node("train", List.of("prepared"), List.of("model"))));
    assertEquals(String.join("\n",
        "+----------+",
        "| data.dvc |",
        "+----------+",
        "      *",
        "      *",
        " +---------+",
        " | prepare |",
        " +---------+",
        "      *",
        "      *",
        "  +-------+",
        "  | train |",
        "  +-------+"), DagRenderer.ascii(dag));
  }

  @Test
  void asciiFanOutFanInAndLongEdgesAreConnectedAndLayered() {
    Dag dag = new Dag(List.of(
        node("src.dvc", List.of(), List.of("src")),
        node("left", List.of("src"), List.of("l")),
        node("middle", List.of("src"), List.of("m")),
        node("right", List.of("src"), List.of("r")),
        node("deep", List.of("m"), List.of("d")),
        node("join", List.of("l", "d", "r", "src"), List.of("j"))));
    String picture = DagRenderer.ascii(dag);
    Map<String, int[]> boxes = boxes(picture);
    assertEquals(6, boxes.size(), picture);
    int srcRow = boxes.get("src.dvc")[0];
    assertEquals(boxes.get("left")[0], boxes.get("middle")[0], picture);
    assertEquals(boxes.get("left")[0], boxes.get("right")[0], picture);
    assertTrue(srcRow < boxes.get("left")[0] && boxes.get("middle")[0] < boxes.get("deep")[0]
        && boxes.get("deep")[0] < boxes.get("join")[0], picture);
    for (DagNode n : dag.nodes()) {
      for (DagNode p : dag.parents(n.name())) {
        assertTrue(connected(picture, boxes.get(p.name()), boxes.get(n.name())), p.name() + " -> " + n.name()
            + "\n" + picture);
      }
    }
    assertEquals(picture, DagRenderer.ascii(dag), "deterministic");
  }

  @Test
  void asciiDrawsSeparatePipelinesApart() {
    Dag dag = new Dag(List.of(
        node("a.dvc", List.of(), List.of("a")),
        node("use-a", List.of("a"), List.of("x")),
        node("b.dvc", List.of(), List.of("b")),
        node("use-b", List.of("b"), List.of("y"))));
    String picture = DagRenderer.ascii(dag);
    String[] parts = picture.split("\n\n");
    assertEquals(2, parts.length, picture);
    assertTrue(parts[0].contains("| a.dvc |") && parts[0].contains("| use-a |"), picture);
    assertTrue(parts[1].contains("| b.dvc |") && parts[1].contains("| use-b |"), picture);
    Map<String, int[]> boxes = boxes(picture);
    assertFalse(connected(picture, boxes.get("a.dvc"), boxes.get("use-b")), picture);
    assertEquals("", DagRenderer.ascii(new Dag(List.of())));
  }

  // -------------------------------------------------------------------------------------- picture reading

  /** Label to {top row, left column, right column} of its box. */
  private static Map<String, int[]> boxes(String picture) {
    String[] rows = picture.split("\n", -1);
    Map<String, int[]> found = new HashMap<>();
    for (int r = 1; r < rows.length; r++) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| (\\S+) \\|").matcher(rows[r]);
      while (m.find()) {
        found.put(m.group(1), new int[] {r - 1, m.start(), m.end() - 1});
      }
    }
    return found;
  }

  /** Whether a path of '*' (8-neighbourhood) leads from just below one box to just above the other. */
  private static boolean connected(String picture, int[] from, int[] to) {
    char[][] grid = Arrays.stream(picture.split("\n", -1)).map(String::toCharArray).toArray(char[][]::new);
    Deque<int[]> pending = new ArrayDeque<>();
    boolean[][] seen = new boolean[grid.length][];
    for (int r = 0; r < grid.length; r++) {
      seen[r] = new boolean[grid[r].length];
    }
    int below = from[0] + 3;
    for (int c = from[1]; c <= from[2] && below < grid.length; c++) {
      if (c < grid[below].length && grid[below][c] == '*') {
        pending.add(new int[] {below, c});
        seen[below][c] = true;
      }
    }
    while (!pending.isEmpty()) {
      int[] p = pending.poll();
      if (p[0] == to[0] - 1 && p[1] >= to[1] && p[1] <= to[2]) {
        return true;
      }
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          int r = p[0] + dr;
          int c = p[1] + dc;
          if (r >= 0 && r < grid.length && c >= 0 && c < grid[r].length && grid[r][c] == '*' && !seen[r][c]) {
            seen[r][c] = true;
            pending.add(new int[] {r, c});
          }
        }
      }
    }
    return false;
  }
}
