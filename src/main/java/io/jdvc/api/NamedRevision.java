package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.registry.Lineage;
import io.jdvc.registry.ModelRegistry;
import java.util.regex.Pattern;

/**
 * A revision as {@code audit}, {@code which} and {@code log} accept it: a registry reference
 * ({@code model@v1.2.0}, {@code model#prod}, {@code model@latest}), a Git revision, or an experiment name (in that
 * order, so a branch named like an experiment wins, as in DVC). Registry references come first because
 * {@code model@v1.2.0} is also a tag, and the registry knows which file the reference is about.
 *
 * @param spec what the user typed
 * @param commit the full commit id it names
 * @param kind what it was resolved as
 * @param artifact the registry resolution, for a registry reference; else null
 */
public record NamedRevision(String spec, String commit, Kind kind, ModelRegistry.Resolved artifact) {
  /** What a user's revision turned out to be. */
  public enum Kind { REVISION, EXPERIMENT, ARTIFACT }

  private static final Pattern REGISTRY_REF = Pattern.compile("[^@#{}]+(#[^#@{}]+|@(v\\d[^@#{}]*|latest|greatest))");

  /** Resolves {@code spec}; an unknown one is an error naming all three readings. */
  public static NamedRevision resolve(Jdvc jdvc, String spec) {
    GitRepo git = jdvc.requireGit("resolving '" + spec + "'");
    if (REGISTRY_REF.matcher(spec).matches()) {
      ModelRegistry registry = new ModelRegistry(new GitRefs(git));
      if (registry.artifacts().containsKey(spec.split("[@#]", 2)[0])) {
        ModelRegistry.Resolved r = registry.resolve(spec);
        return new NamedRevision(spec, r.commit(), Kind.ARTIFACT, r);
      }
    }
    try {
      return new NamedRevision(spec, git.resolve(spec), Kind.REVISION, null);
    } catch (JdvcException notARevision) {
      // an experiment name, then
    }
    Experiments experiments = jdvc.experiments();
    try {
      return new NamedRevision(spec, experiments.commitOf(spec), Kind.EXPERIMENT, null);
    } catch (JdvcException notAnExperiment) {
      throw new JdvcException("unknown revision '" + spec + "': not a Git revision, an experiment name or a "
          + "registry reference", "name a branch, tag or commit, an experiment ('jdvc exp list -A'), or a "
          + "registered model as NAME@vX.Y.Z or NAME#STAGE ('jdvc artifacts show')");
    }
  }

  /** True when {@code spec} is shaped like a registry reference (whether or not the artifact exists). */
  public static boolean looksLikeRegistryRef(String spec) {
    return REGISTRY_REF.matcher(spec).matches();
  }

  /** The commit as a revision of reports, named by what the user typed. */
  public RevisionRef revisionRef(GitRepo git) {
    RevisionRef r = git.ancestry(kind == Kind.REVISION ? spec : commit, 1).get(0); // a branch or tag keeps its name
    String name = switch (kind) {
      case REVISION -> r.name();
      case EXPERIMENT -> "exp " + spec;
      case ARTIFACT -> spec.equals(artifact.artifact() + "@" + artifact.version()) ? spec
          : spec + " (" + artifact.version() + ")";
    };
    return new RevisionRef(r.commitId(), name, r.commitTime(), r.authorName(), r.authorEmail(), r.message());
  }

  /** Which stages, params and metrics made this revision (the artifact's upstream, or every stage). */
  public Lineage.Report lineage(GitRepo git) {
    return artifact != null ? Lineage.of(git, artifact) : Lineage.ofCommit(git, commit, spec);
  }
}
