package io.jdvc.remote;

import io.jdvc.ContentMismatch;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * How a remote copy is judged when its content is wrong: corrupt only when two complete reads of it agree on the same
 * wrong content. A byte damaged on the way, or a body cut short, differs from read to read, so a lone wrong read is
 * the network's until another one agrees with it; reads that never agree are a transfer error, never a verdict.
 * (A body shorter than its Content-Length never reaches the reader as a complete read: the S3 remote fails it as
 * the network's and reads again.)
 *
 * <p>A networked remote reads again on its own when its reader throws a {@link ContentMismatch} ({@link Remote#read}),
 * so one call usually settles it, sound or agreed. When all of its attempts disagreed, or the remote reads only once
 * (a local directory, HTTP), one more call does: {@value #CALLS} calls in all, then {@link NotJudgedException}.
 * Audits and the manifests a history scan fetches judge objects and run-cache files by this one rule.
 */
public final class AgreeingReads {
  /** Calls of the remote's read before reads that never agreed are given up as not judged. */
  static final int CALLS = 2;

  private AgreeingReads() {}

  /**
   * The read a copy settled on: sound ({@code corrupt} false), or wrong and agreed with by an earlier read of the
   * same wrong content ({@code corrupt} true: the copy on the remote is damaged).
   */
  public record Settled<T>(T read, boolean corrupt) {}

  /** Reads that never agreed: what the network did, not what the remote holds; the caller may try again later. */
  public static final class NotJudgedException extends IOException {
    NotJudgedException(String message) {
      super(message);
    }
  }

  /**
   * Object {@code oid} read through {@code reader} until a read is sound or agrees with an earlier wrong one.
   *
   * @param wrongContent of one read's result: null when the content is sound, else what names that content (equal
   *     for equal contents, e.g. its hash), so that two reads of the same wrong bytes can be told to agree
   * @throws ObjectNotFoundException if the remote has no such object
   * @throws NotJudgedException if no read was sound and no two agreed
   */
  public static <T> Settled<T> object(Remote remote, Oid oid, Remote.BodyReader<T> reader,
      Function<? super T, ?> wrongContent) throws IOException {
    return settle(remote, "object " + oid.value(), r -> remote.read(oid, r), reader, wrongContent);
  }

  /**
   * {@link #object} for a run-cache file ({@link Remote#RUN_CACHE_FILE}).
   *
   * @throws java.nio.file.NoSuchFileException if the remote has no such file
   */
  public static <T> Settled<T> runCacheFile(Remote remote, String relativePath, Remote.BodyReader<T> reader,
      Function<? super T, ?> wrongContent) throws IOException {
    return settle(remote, "run-cache entry " + relativePath, r -> remote.readRunCache(relativePath, r), reader,
        wrongContent);
  }

  /** One call of a remote's read of one copy, which may call its reader again on a fresh stream. */
  private interface Source<T> {
    T read(Remote.BodyReader<T> reader) throws IOException;
  }

  private static <T> Settled<T> settle(Remote remote, String what, Source<T> source, Remote.BodyReader<T> reader,
      Function<? super T, ?> wrongContent) throws IOException {
    Set<Object> seen = new HashSet<>(); // the wrong contents read so far; the remote's attempts run one at a time
    for (int call = 1; ; call++) {
      try {
        T read = source.read(in -> {
          T r = reader.read(in);
          Object wrong = wrongContent.apply(r);
          if (wrong == null || !seen.add(wrong)) {
            return r;
          }
          throw new Mismatch(); // not yet confirmed: the remote reads again
        });
        return new Settled<>(read, wrongContent.apply(read) != null);
      } catch (Mismatch e) {
        if (call == CALLS) {
          throw new NotJudgedException("remote '" + remote.name() + "': " + what + " not judged: " + seen.size()
              + " complete reads of it hashed to " + seen.size() + " different contents, none to its name (the"
              + " network damaged them); run the command again");
        }
      }
    }
  }

  /** A complete read of wrong content that no earlier read agrees with. */
  private static final class Mismatch extends RuntimeException implements ContentMismatch {
    Mismatch() {
      super("the content read differs from its name and from every earlier read", null, false, false);
    }
  }
}
