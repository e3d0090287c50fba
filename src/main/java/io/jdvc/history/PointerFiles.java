package io.jdvc.history;

import io.jdvc.JdvcException;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which repo files are pointers, and the outputs one records: a {@code .dvc} file's outs or a dvc.lock's outs. */
public final class PointerFiles {
  private static final DvcFileCodec CODEC = new DvcFileCodec();

  private PointerFiles() {}

  /**
   * Whether a repo-relative path is a pointer jdvc reads history from: {@code *.dvc} or {@code dvc.lock}, anywhere
   * but inside {@code .dvc/} (where {@code .dvc/config} lives, and nothing is a pointer).
   */
  public static boolean isPointer(String repoPath) {
    if (repoPath.startsWith(RepoLayout.DVC_DIR + "/")) {
      return false;
    }
    String name = repoPath.substring(repoPath.lastIndexOf('/') + 1);
    return name.equals(DvcLock.FILE_NAME) || name.endsWith(RepoLayout.DVCFILE_SUFFIX) && name.length() > 4;
  }

  public static boolean isLockFile(String repoPath) {
    return repoPath.equals(DvcLock.FILE_NAME) || repoPath.endsWith("/" + DvcLock.FILE_NAME);
  }

  /**
   * The outputs a pointer file records, in file order.
   *
   * @throws JdvcException if it cannot be parsed (the message names the file)
   */
  public static List<RecordedOutput> outputsOf(String repoPath, byte[] content) {
    return outputsOf(repoPath, content, null);
  }

  /**
   * As {@link #outputsOf(String, byte[])}; for a {@code dvc.lock}, {@code pipelineYaml} is the {@code dvc.yaml}
   * beside it at the same revision (null if absent), which gives each stage's {@code wdir}.
   */
  public static List<RecordedOutput> outputsOf(String repoPath, byte[] content, byte[] pipelineYaml) {
    if (isLockFile(repoPath)) {
      return DvcLock.parse(repoPath, content, pipelineYaml).outs();
    }
    DvcFile file = CODEC.parse(new String(content, StandardCharsets.UTF_8), repoPath);
    Path parent = Path.of(repoPath).getParent();
    Path dir = file.outputDir(parent == null ? Path.of("") : parent);
    List<RecordedOutput> out = new ArrayList<>();
    for (Output o : file.outs()) {
      String path = dir.resolve(o.path()).normalize().toString().replace('\\', '/');
      if (path.equals("..") || path.startsWith("../")) {
        continue; // a wdir leaving the repository: nothing of this repository's data
      }
      RecordedOutput r = of(repoPath, path, o);
      out.add(file.repoImportUrl() == null ? r : new RecordedOutput(r.pointerPath(), null, r.path(), r.oid(), r.size(),
          r.nfiles(), r.cached(), file.repoImportUrl()));
    }
    return out;
  }

  /** A parsed {@code .dvc} output at a known repo path. */
  public static RecordedOutput of(String pointerPath, String outputRepoPath, Output o) {
    return new RecordedOutput(pointerPath, null, DvcLock.normalize(outputRepoPath), o.md5(), o.size(), o.nfiles(),
        o.usesCache());
  }
}
