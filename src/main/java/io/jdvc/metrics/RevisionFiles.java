package io.jdvc.metrics;

import io.jdvc.git.GitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The files of one revision, by repo-relative path with {@code /}: a Git commit's tree (read through JGit, nothing
 * checked out) or the work tree. {@link #revision()} is how DVC names it in tables: the revision as the user wrote
 * it, or {@code workspace}.
 */
public interface RevisionFiles {
  String WORKSPACE = "workspace";

  String revision();

  /** The file's bytes, or null if there is no regular file at that path. */
  byte[] read(String repoPath) throws IOException;

  /** Regular files below {@code dir}, sorted; empty if it is not a directory. */
  List<String> filesUnder(String dir);

  /** Every {@code dvc.yaml}, sorted by path. */
  List<String> pipelineFiles();

  /** The tree of {@code rev} in {@code git}, named {@code label} in output. */
  static RevisionFiles commit(GitRepo git, String rev, String label) {
    Map<String, String> blobs = new TreeMap<>(git.blobIdsAt(rev, p -> true));
    return new RevisionFiles() {
      @Override
      public String revision() {
        return label;
      }

      @Override
      public byte[] read(String repoPath) {
        String blob = blobs.get(repoPath);
        return blob == null ? null : git.readBlob(blob);
      }

      @Override
      public List<String> filesUnder(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return blobs.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
      }

      @Override
      public List<String> pipelineFiles() {
        return blobs.keySet().stream().filter(RevisionFiles::isPipelineFile).toList();
      }
    };
  }

  /**
   * The work tree under {@code root}; {@code pipelineFiles} finds its {@code dvc.yaml} files (the caller's walk
   * knows what to skip: ignored paths, tracked data directories).
   */
  static RevisionFiles workTree(Path root, Supplier<List<String>> pipelineFiles) {
    return new RevisionFiles() {
      @Override
      public String revision() {
        return WORKSPACE;
      }

      @Override
      public byte[] read(String repoPath) throws IOException {
        Path p = root.resolve(repoPath);
        if (!Files.isRegularFile(p)) {
          return null;
        }
        try {
          return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
          return null;
        }
      }

      @Override
      public List<String> filesUnder(String dir) {
        Path start = root.resolve(dir);
        return Files.isDirectory(start) ? walk(start) : List.of();
      }

      @Override
      public List<String> pipelineFiles() {
        return pipelineFiles.get();
      }

      private List<String> walk(Path start) {
        List<String> found = new ArrayList<>();
        try {
          Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                found.add(root.relativize(file).toString().replace('\\', '/'));
              }
              return FileVisitResult.CONTINUE;
            }
          });
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
      }
    };
  }

  private static boolean isPipelineFile(String path) {
    return path.equals("dvc.yaml") || path.endsWith("/dvc.yaml");
  }
}
