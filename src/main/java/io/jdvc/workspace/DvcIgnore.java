package io.jdvc.workspace;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * {@code .dvcignore} rules: gitignore syntax, one file per directory with patterns relative to it, deeper files
 * overriding shallower ones, plus DVC's built-in {@code .git}, {@code .hg} and {@code .dvc}. JGit's matcher is
 * used because it implements exactly gitignore's wildmatch semantics. Thread-safe; files are read lazily.
 */
public final class DvcIgnore {
  public static final String FILE_NAME = ".dvcignore";
  private static final List<String> BUILT_IN = List.of(".git", ".hg", ".dvc");

  private final Path root;
  private final Map<Path, Optional<IgnoreNode>> nodes = new ConcurrentHashMap<>();
  /**
   * Per directory, the {@code .dvcignore} rules that apply in it, deepest first: a walk of a million files asks
   * once per directory instead of once per file and ancestor.
   */
  private final Map<Path, List<Map.Entry<Path, IgnoreNode>>> chains = new ConcurrentHashMap<>();

  public DvcIgnore(Path root) {
    this.root = root;
  }

  /** Whether {@code path} (absolute, under the root) is ignored, by itself or through an ignored parent. */
  public boolean isIgnored(Path path, boolean isDirectory) {
    Path rel = root.relativize(path);
    Path dir = root;
    for (int i = 0; i < rel.getNameCount(); i++) {
      boolean last = i == rel.getNameCount() - 1;
      Path component = dir.resolve(rel.getName(i));
      // each ancestor is judged as itself: judged by the whole path, a shallow rule decided before a deeper
      // .dvcignore could override it
      if (isIgnoredIn(dir, rel.getName(i), last ? isDirectory : true, component)) {
        return true;
      }
      dir = component;
    }
    return false;
  }

  /** Checks one path component, given every ancestor is known not to be ignored (used while walking). */
  public boolean isIgnoredChild(Path parent, Path child, boolean isDirectory) {
    return isIgnoredIn(parent, child.getFileName(), isDirectory, child);
  }

  private boolean isIgnoredIn(Path parent, Path name, boolean isDirectory, Path full) {
    if (BUILT_IN.contains(name.toString())) {
      return true;
    }
    // the deepest .dvcignore with an opinion wins, as in git
    for (Map.Entry<Path, IgnoreNode> rules : chain(parent)) {
      String rel = rules.getKey().relativize(full).toString().replace('\\', '/');
      Boolean ignored = rules.getValue().checkIgnored(rel, isDirectory);
      if (ignored != null) {
        return ignored;
      }
    }
    return false;
  }

  /** The rules of {@code dir} and of its ancestors up to the root, deepest first; empty outside the root. */
  private List<Map.Entry<Path, IgnoreNode>> chain(Path dir) {
    List<Map.Entry<Path, IgnoreNode>> known = chains.get(dir);
    if (known != null) {
      return known;
    }
    List<Map.Entry<Path, IgnoreNode>> chain = new ArrayList<>();
    if (dir.startsWith(root)) {
      node(dir).ifPresent(n -> chain.add(Map.entry(dir, n)));
      if (!dir.equals(root) && dir.getParent() != null) {
        chain.addAll(chain(dir.getParent())); // not computeIfAbsent: it must not recurse into the same map
      }
    }
    List<Map.Entry<Path, IgnoreNode>> done = List.copyOf(chain);
    chains.putIfAbsent(dir, done);
    return done;
  }

  private Optional<IgnoreNode> node(Path dir) {
    return nodes.computeIfAbsent(dir, d -> {
      Path f = d.resolve(FILE_NAME);
      if (!Files.isRegularFile(f)) {
        return Optional.empty();
      }
      byte[] content;
      try {
        content = Files.readAllBytes(f);
      } catch (IOException e) {
        return Optional.empty();
      }
      String patterns = patterns(root.relativize(f).toString().replace('\\', '/'),
          new String(content, java.nio.charset.StandardCharsets.UTF_8));
      // the .dvcignore that init writes holds only comments: then JGit (a signed jar, slow to open) stays unloaded
      if (patterns.isEmpty()) {
        return Optional.empty();
      }
      IgnoreNode n = new IgnoreNode();
      try (InputStream in = new java.io.ByteArrayInputStream(patterns.getBytes(
          java.nio.charset.StandardCharsets.UTF_8))) {
        n.parse(f.toString(), in);
      } catch (IOException e) {
        return Optional.empty();
      }
      return n.getRules().isEmpty() ? Optional.empty() : Optional.of(n);
    });
  }

  /**
   * The patterns of a {@code .dvcignore}, one a line, as DVC's {@code DvcIgnorePatterns.from_file} takes them:
   * every line stripped of surrounding whitespace (so {@code "  *.tmp"} is {@code *.tmp}), blank lines and
   * {@code #} comments dropped. A line that stripping leaves ending in a lone backslash ({@code "name\ "}) is
   * refused, as DVC's matcher refuses it.
   */
  static String patterns(String name, String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int backslashes = 0;
      while (backslashes < line.length() && line.charAt(line.length() - 1 - backslashes) == '\\') {
        backslashes++;
      }
      if (backslashes % 2 == 1) {
        throw new JdvcException(name + ":" + (i + 1) + ": pattern '" + line + "' ends with an escape character"
            + " that escapes nothing (surrounding whitespace is stripped, so '\\ ' cannot keep a trailing space)",
            "remove the trailing backslash from " + name + "; DVC refuses this pattern too");
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }
}
