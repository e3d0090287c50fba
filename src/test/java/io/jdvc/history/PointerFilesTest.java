package io.jdvc.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointerFilesTest {
  private static final String OUT = "outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  size: 6\n  hash: md5\n"
      + "  path: f.txt\n";

  private static List<String> paths(String repoPath, String content) {
    return PointerFiles.outputsOf(repoPath, content.getBytes(StandardCharsets.UTF_8)).stream()
        .map(RecordedOutput::path).toList();
  }

  @Test
  void committedOutputsResolveThroughWdirAsDvcResolvesThem() {
    assertEquals(List.of("sub/f.txt"), paths("other/f.txt.dvc", "wdir: ../sub\n" + OUT));
    assertEquals(List.of("other/f.txt"), paths("other/f.txt.dvc", OUT));
    assertEquals(List.of("f.txt"), paths("f.txt.dvc", "wdir: .\n" + OUT));
    assertEquals(List.of(), paths("other/f.txt.dvc", "wdir: ../..\n" + OUT), "nothing outside the repository");
  }
}
