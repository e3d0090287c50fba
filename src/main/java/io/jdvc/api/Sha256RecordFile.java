package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.audit.Sha256Batch;
import io.jdvc.audit.Sha256Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's {@code .dvc/objects.sha256} on disk: loading it, and saving it together with the
 * {@code .gitattributes} line that lets Git merge it by union. {@link #journal} collects the SHA-256 of every
 * object the cache stores during an add or commit, so the record grows where objects are first hashed, from the
 * same buffer as their MD5.
 */
final class Sha256RecordFile {
  private Sha256RecordFile() {}

  static Sha256Record load(Jdvc jdvc) throws IOException {
    Path file = jdvc.root().resolve(Sha256Record.PATH);
    return Files.exists(file) ? Sha256Record.parse(Files.readAllBytes(file)) : Sha256Record.empty();
  }

  /** Writes the record (and the merge attribute) if they changed; returns the files written. */
  static List<Path> save(Jdvc jdvc, Sha256Record record) throws IOException {
    return save(jdvc, record::writeTo);
  }

  private static List<Path> save(Jdvc jdvc, AtomicFiles.Writer content) throws IOException {
    List<Path> touched = new ArrayList<>();
    Path file = jdvc.root().resolve(Sha256Record.PATH);
    if (AtomicFiles.writeIfChanged(file, content)) {
      touched.add(file);
    }
    Path attributes = jdvc.root().resolve(Sha256Record.GITATTRIBUTES_PATH);
    String current = Files.exists(attributes) ? Files.readString(attributes, StandardCharsets.UTF_8) : "";
    if (current.lines().noneMatch(l -> l.strip().equals(Sha256Record.GITATTRIBUTES_LINE))) {
      String sep = current.isEmpty() || current.endsWith("\n") ? "" : "\n";
      AtomicFiles.write(attributes, (current + sep + Sha256Record.GITATTRIBUTES_LINE + "\n")
          .getBytes(StandardCharsets.UTF_8));
      touched.add(attributes);
    }
    return touched;
  }

  /** Collects digests while open; {@link Journal#flush} merges them into the record file. */
  static Journal journal(Jdvc jdvc) {
    return new Journal(jdvc);
  }

  static final class Journal implements AutoCloseable {
    private final Jdvc jdvc;
    private final Sha256Batch digests = new Sha256Batch();

    private Journal(Jdvc jdvc) {
      this.jdvc = jdvc;
      jdvc.cache().onInsertSha256(digests::add);
    }

    /** Adds what was collected to the record file; returns the files written (none if nothing is new). */
    List<Path> flush() throws IOException {
      if (digests.isEmpty()) {
        return List.of();
      }
      Path file = jdvc.root().resolve(Sha256Record.PATH);
      if (!Files.exists(file)) {
        return save(jdvc, out -> Sha256Record.write(digests, out));
      }
      try {
        // streamed: a re-add of one changed file must not hold a million-line record
        return save(jdvc, out -> {
          try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Sha256Record.mergeSorted(in, digests.sortedLines(), out);
          }
        });
      } catch (Sha256Record.NotSorted e) {
        // a merge by union appended lines: read it whole and write it sorted, once
      }
      Sha256Record record = load(jdvc);
      return digests.putInto(record) ? save(jdvc, record) : List.of();
    }

    @Override
    public void close() {
      jdvc.cache().onInsertSha256(null);
    }
  }
}
