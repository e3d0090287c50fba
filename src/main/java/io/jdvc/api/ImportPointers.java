package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.hash.Md5;
import io.jdvc.pipeline.PythonJson;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.pointer.PlainScalar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .dvc} file of a repository import, byte for byte as {@code dvc import} writes it: the stage {@code md5},
 * {@code frozen: true}, one dep {@code {path, repo: {url, rev?, rev_lock}}} and one out.
 */
final class ImportPointers {
  private ImportPointers() {}

  /** What a repository import's dep says. */
  record Source(String path, String url, String rev, String revLock) {}

  /** The import pointer for {@code out}, with DVC's stage md5. */
  static DvcFile create(Source source, Output out) {
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("url", source.url());
    if (source.rev() != null) {
      repo.put("rev", source.rev());
    }
    repo.put("rev_lock", source.revLock());
    Map<String, Object> dep = new LinkedHashMap<>();
    dep.put("path", source.path());
    dep.put("repo", repo);
    List<Object> deps = List.of(dep);
    return new DvcFile(List.of(out), null, stageMd5(deps, out), null, true, false, deps, false, null);
  }

  /**
   * DVC's {@code compute_md5}: the MD5 of {@code json.dumps(dumpd, sort_keys=True)}, where the dump leaves out the
   * stage's own md5, {@code frozen}, and the outputs' size, nfiles, isexec, persist and annotations.
   */
  static String stageMd5(List<Object> deps, Output out) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (out.md5() != null) {
      o.put("md5", out.md5().value());
    }
    if (out.hashName() != null) {
      o.put("hash", out.hashName());
    }
    o.put("path", out.path());
    if (Boolean.FALSE.equals(out.cache())) {
      o.put("cache", false);
    }
    if (out.remote() != null) {
      o.put("remote", out.remote());
    }
    if (Boolean.FALSE.equals(out.push())) {
      o.put("push", false);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("deps", unhashed(plain(deps)));
    d.put("outs", List.of(o));
    return Md5.hex(PythonJson.dumpsSorted(d).getBytes(StandardCharsets.UTF_8));
  }

  /** The keys {@code compute_md5} drops at any depth (annotations, flags, sizes). */
  private static final java.util.Set<String> EXCLUDED = java.util.Set.of("desc", "type", "labels", "meta", "locked",
      "frozen", "metric", "persist", "isexec", "size", "nfiles");

  /** DVC's {@code dict_filter} with {@link #EXCLUDED}. */
  private static Object unhashed(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        if (!EXCLUDED.contains(String.valueOf(k))) {
          out.put(String.valueOf(k), unhashed(x));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(unhashed(x)));
      return out;
    }
    return v;
  }

  /**
   * The pointer {@code dvc import-url} writes: {@code dep} is the source's checksum entry ({@code md5}/{@code etag}
   * /{@code checksum}, {@code size}, {@code hash}, {@code path}).
   */
  static DvcFile createUrlImport(Map<String, Object> dep, Output out) {
    List<Object> deps = List.of(dep);
    return new DvcFile(List.of(out), null, stageMd5(deps, out), null, true, false, deps, false, null);
  }

  /** YAML trees with their scalars as text, as Python sees a loaded stage. */
  private static Object plain(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v instanceof PlainScalar p ? p.text() : v;
  }

  /** The source a repository import names; fails if {@code pointer} is no repository import. */
  static Source sourceOf(DvcFile pointer, String dvcFileForMessages) {
    if (pointer.repoImportUrl() == null || pointer.repoImportUrl().isEmpty()) {
      throw new JdvcException("'" + dvcFileForMessages + "' is not an import from another repository",
          "update works on .dvc files written by 'jdvc import' or 'dvc import'");
    }
    Map<?, ?> dep = (Map<?, ?>) pointer.deps().get(0);
    Map<?, ?> repo = (Map<?, ?>) dep.get("repo");
    return new Source(text(dep.get("path")), text(repo.get("url")), text(repo.get("rev")), text(repo.get("rev_lock")));
  }

  private static String text(Object v) {
    return v == null ? null : v instanceof PlainScalar p ? p.text() : String.valueOf(v);
  }
}
