package io.jdvc.git;

import java.time.Instant;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * One commit as jdvc reports it: in {@code log}/{@code audit} output and as a scope for {@code gc}.
 *
 * @param commitId the full 40-hex commit id
 * @param name the branch or tag name this commit was reached through, or null for a plain commit
 * @param commitTime when the commit was made (committer time, as {@code git log} sorts by)
 * @param message the full commit message, including any trailing newline Git stored
 */
public record RevisionRef(
    String commitId, String name, Instant commitTime, String authorName, String authorEmail, String message) {

  /** The first 7 hex digits, as git prints abbreviated ids; for display only, never for lookups. */
  public String shortId() {
    return commitId.substring(0, 7);
  }

  /** The first line of the message. */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static RevisionRef of(RevCommit commit, String name) {
    PersonIdent author = commit.getAuthorIdent();
    return new RevisionRef(
        commit.name(),
        name,
        commit.getCommitterIdent().getWhenAsInstant(),
        author.getName(),
        author.getEmailAddress(),
        commit.getFullMessage());
  }
}
