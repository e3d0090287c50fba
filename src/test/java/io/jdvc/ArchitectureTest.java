package io.jdvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package DAG of docs/architecture.md, enforced: each package may import only the packages listed for it,
 * and only the named packages may touch JGit, the AWS SDK and picocli. A new arrow means updating both this
 * table and the document.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/io/jdvc");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.jdvc\\.([a-z0-9]+)\\.",
      Pattern.MULTILINE);

  /** Allowed jdvc imports per top-level package (the root package io.jdvc is open to all). */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("object", Set.of()),
      Map.entry("concurrent", Set.of()),
      Map.entry("hash", Set.of("object")),
      Map.entry("pointer", Set.of("object")),
      Map.entry("manifest", Set.of("object")),
      Map.entry("repo", Set.of()),
      Map.entry("git", Set.of()),
      Map.entry("remote", Set.of("object", "concurrent")),
      Map.entry("cache", Set.of("object", "hash", "concurrent")),
      Map.entry("transfer", Set.of("object", "hash", "cache", "remote", "concurrent")),
      Map.entry("workspace", Set.of("object", "hash", "cache", "pointer", "manifest", "repo", "concurrent")),
      Map.entry("pipeline", Set.of("object", "hash", "cache", "pointer", "manifest", "repo", "workspace",
          "concurrent")),
      Map.entry("history", Set.of("object", "hash", "cache", "pointer", "manifest", "git", "remote", "repo",
          "workspace", "transfer", "concurrent")),
      Map.entry("audit", Set.of("object", "hash", "cache", "pointer", "manifest", "git", "remote", "repo",
          "history", "transfer", "pipeline", "concurrent")),
      Map.entry("tables", Set.of("object", "hash", "cache", "pointer", "manifest", "git", "remote", "repo",
          "workspace", "transfer", "history", "pipeline", "concurrent")),
      Map.entry("metrics", Set.of("object", "git", "pipeline")),
      Map.entry("plots", Set.of("metrics", "pipeline")),
      Map.entry("experiments", Set.of("object", "hash", "cache", "pointer", "manifest", "git", "remote", "repo",
          "workspace", "transfer", "history", "pipeline", "concurrent")),
      Map.entry("registry", Set.of("object", "pointer", "manifest", "git", "repo", "history", "pipeline",
          "experiments")),
      Map.entry("api", Set.of("object", "hash", "cache", "pointer", "manifest", "git", "remote", "repo",
          "workspace", "transfer", "history", "audit", "pipeline", "tables", "metrics", "plots", "experiments",
          "registry", "concurrent")),
      Map.entry("cli", Set.of("api", "object", "pointer", "manifest", "workspace", "transfer", "remote", "git",
          "history", "audit", "pipeline", "tables", "repo", "cache", "metrics", "plots", "experiments",
          "registry")));

  /** Third-party libraries that only one layer may use, so they can be swapped or split out. */
  private static final Map<String, Set<String>> LIBRARY_OWNERS = Map.of(
      "org.eclipse.jgit", Set.of("git", "workspace/DvcIgnore.java"),
      "software.amazon.awssdk", Set.of("remote/s3"),
      "picocli", Set.of("cli"),
      "tools.jackson", Set.of("pipeline/TomlValues.java"),
      "org.duckdb", Set.of("tables"),
      "java.sql", Set.of("tables"));

  @Test
  void packagesImportOnlyWhatTheDagAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<Path, String> f : sources().entrySet()) {
      String pkg = topPackage(f.getKey());
      if (pkg.isEmpty()) {
        continue;
      }
      assertTrue(ALLOWED.containsKey(pkg), "package io.jdvc." + pkg + " is not in the DAG; add it here and to "
          + "docs/architecture.md");
      Matcher m = IMPORT.matcher(f.getValue());
      while (m.find()) {
        String target = m.group(1);
        if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
          violations.add(SOURCES.relativize(f.getKey()) + " imports io.jdvc." + target);
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void thirdPartyLibrariesStayInTheirLayer() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<Path, String> f : sources().entrySet()) {
      String rel = SOURCES.relativize(f.getKey()).toString().replace('\\', '/');
      for (Map.Entry<String, Set<String>> lib : LIBRARY_OWNERS.entrySet()) {
        boolean uses = f.getValue().contains("import " + lib.getKey() + ".")
            || f.getValue().contains("import static " + lib.getKey() + ".");
        boolean owner = lib.getValue().stream().anyMatch(o -> rel.startsWith(o + "/") || rel.equals(o));
        if (uses && !owner) {
          violations.add(rel + " uses " + lib.getKey());
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyTheCliExitsOrPrints() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<Path, String> f : sources().entrySet()) {
      String rel = SOURCES.relativize(f.getKey()).toString().replace('\\', '/');
      if (f.getValue().contains("System.exit(") && !rel.equals("cli/Main.java")) {
        violations.add(rel + " calls System.exit");
      }
      if (!rel.startsWith("cli/") && (f.getValue().contains("System.out.print") || f.getValue()
          .contains("System.err.print"))) {
        violations.add(rel + " prints");
      }
    }
    assertEquals(List.of(), violations);
  }

  private static String topPackage(Path file) {
    Path rel = SOURCES.relativize(file);
    return rel.getNameCount() < 2 ? "" : rel.getName(0).toString();
  }

  private static Map<Path, String> sources() throws IOException {
    Map<Path, String> all = new TreeMap<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        all.put(p, Files.readString(p));
      }
    }
    return all;
  }
}
