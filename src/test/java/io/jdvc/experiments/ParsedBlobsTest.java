package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A pipeline file parsed for one commit is reused for another only when nothing it depends on differs. */
class ParsedBlobsTest {
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final ParsedBlobs memo = new ParsedBlobs();
  private int reads;

  private ParsedBlobs.Tree commit(String yaml, String params) {
    Map<String, String> ids = new HashMap<>();
    ids.put("dvc.yaml", blob(yaml));
    ids.put("params.yaml", blob(params));
    return new ParsedBlobs.Tree(ids, Set.of(), id -> {
      reads++;
      return blobs.get(id);
    }, memo);
  }

  private String blob(String text) {
    String id = Integer.toHexString(text.hashCode()) + "-" + text.length();
    blobs.put(id, text.getBytes(StandardCharsets.UTF_8));
    return id;
  }

  private static PipelineFile load(ParsedBlobs.Tree tree) {
    return tree.pipeline("dvc.yaml", () -> new PipelineFileLoader().load("dvc.yaml", tree.read("dvc.yaml"), tree));
  }

  @Test
  void aTemplatedPipelineIsLoadedAgainWhenItsParamsDiffer() {
    String yaml = "stages:\n  train:\n    cmd: python train.py --lr ${train.lr}\n";
    PipelineFile a = load(commit(yaml, "train:\n  lr: 0.1\n"));
    PipelineFile b = load(commit(yaml, "train:\n  lr: 0.2\n"));
    assertEquals("python train.py --lr 0.1", a.stages().get(0).commandText());
    assertEquals("python train.py --lr 0.2", b.stages().get(0).commandText());
    assertSame(a, load(commit(yaml, "train:\n  lr: 0.1\n")), "same dvc.yaml, same params: parsed once");
  }

  @Test
  void aPlainPipelineIsParsedOnceWhateverItsParams() {
    String yaml = "stages:\n  train:\n    cmd: python train.py\n    params: [train.lr]\n";
    PipelineFile a = load(commit(yaml, "train:\n  lr: 0.1\n"));
    int readsAfterFirst = reads;
    assertSame(a, load(commit(yaml, "train:\n  lr: 0.2\n")));
    assertSame(a, load(commit(yaml, "train:\n  lr: 0.3\n")));
    assertEquals(readsAfterFirst, reads, "the shared dvc.yaml blob is read once");
  }
}
