package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.git.GitRefs;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What the tag-writing registry commands share: {@code -m} and {@code --push}, and GTO's words after a tag. */
abstract class ArtifactsTagCommand extends RepoCommand {
  @Option(names = {"-m", "--message"}, description = "Message of the annotated tag (default: GTO's).")
  String message;

  @Option(names = "--push", description = "Push the tag to the Git remote (see --remote).")
  boolean push;

  @Option(names = "--remote", paramLabel = "GIT_REMOTE", description = "Git remote for --push (default origin).")
  String remote = "origin";

  void created(Jdvc jdvc, List<String> tags, String what) {
    for (String tag : tags) {
      say("Created git tag '" + tag + "' that " + what);
    }
    if (push) {
      for (Map.Entry<String, GitRefs.SyncStatus> e : jdvc.artifacts().pushTags(remote, tags).entrySet()) {
        say("Pushed " + e.getKey() + " to '" + remote + "': " + e.getValue().name().toLowerCase());
      }
    } else {
      say("To push the changes upstream, run:\n    git push " + remote + " " + String.join(" ", tags));
    }
  }
}
