package io.jdvc.transfer;

import io.jdvc.JdvcException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What other clones are doing at a remote. A push and a {@code gc -c} each announce themselves with a note on the
 * remote ({@link Remote#putNote}) for as long as they run, written before they look at the remote: of two that
 * start together, at least one sees the other. {@code gc -c} refuses while a push runs (it could delete what
 * the push uploads for a commit gc has not seen), and a push refuses while a {@code gc -c} deletes (it could
 * skip an object gc is about to delete).
 *
 * <p>A note of a process that died is ignored: on this host when its pid is gone, elsewhere once it has not been
 * refreshed for {@link #EXPIRY}. A {@code gc -c} that deleted something also leaves {@code last-gc}, so a
 * clone's remote index built before that gc is not trusted ({@link RemoteIndex}).
 */
public final class RemoteActivity implements AutoCloseable {
  /** What runs. */
  public enum Kind { PUSH, GC }

  /** A note not refreshed for this long belongs to a process that died on another machine. */
  static final Duration EXPIRY = Duration.ofMinutes(30);
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final String GC_GENERATION = "last-gc";

  /** One activity at the remote, as its note tells it. */
  public record Note(Kind kind, String host, long pid, Instant started, Instant refreshed) {
    public String describe() {
      return (kind == Kind.PUSH ? "a push" : "a 'jdvc gc -c'") + " from " + host + " (pid " + pid + ", started "
          + started + ")";
    }
  }

  private final Remote remote;
  private final Kind kind;
  private final String name;
  private final Instant started = Instant.now();
  private final ScheduledExecutorService refresher;
  private Map<String, String> lastSeen = Map.of();

  private RemoteActivity(Remote remote, Kind kind) {
    this.remote = remote;
    this.kind = kind;
    this.name = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "jdvc-activity-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Announces {@code kind} at the remote until {@link #close}. */
  public static RemoteActivity begin(Remote remote, Kind kind) throws IOException {
    RemoteActivity a = new RemoteActivity(remote, kind);
    // a body-less request first: refused credentials then come back as the server's 403, while a server that
    // answers a PUT's 403 before reading its body leaves the client a broken pipe, which reads as a network error
    a.lastSeen = remote.notes();
    a.write();
    a.refresher.scheduleAtFixedRate(a::refresh, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
    return a;
  }

  /**
   * Throws if an activity of {@code other} kind runs at the remote now; {@code why} says what could go wrong,
   * and becomes part of the message.
   */
  public void refuseWhile(Kind other, String why, String hint) throws IOException {
    List<Note> running = others(other);
    if (!running.isEmpty()) {
      throw new JdvcException("remote '" + remote.name() + "': " + running.get(0).describe() + " is running; " + why,
          hint);
    }
  }

  /** The activities of {@code other} kind running at the remote, this one left out. */
  public List<Note> others(Kind other) throws IOException {
    lastSeen = remote.notes();
    List<Note> running = new ArrayList<>();
    for (Map.Entry<String, String> e : lastSeen.entrySet()) {
      if (e.getKey().equals(name) || !e.getKey().startsWith(other.name().toLowerCase(java.util.Locale.ROOT) + "-")) {
        continue;
      }
      Optional<Note> note = parse(other, e.getValue());
      if (note.isPresent() && alive(note.get())) {
        running.add(note.get());
      }
    }
    return running;
  }

  /** The id the last {@code gc -c} that deleted objects left, as of the last {@link #others} call. */
  public String gcGeneration() {
    return lastSeen.getOrDefault(GC_GENERATION, "").trim();
  }

  /** Called by a {@code gc -c} that deleted objects: remote indexes built before it are out of date. */
  public void recordGc() throws IOException {
    remote.putNote(GC_GENERATION, UUID.randomUUID() + "\n");
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      remote.deleteNote(name);
    } catch (IOException | RuntimeException e) {
      // the note expires: on this host as soon as this process is gone, elsewhere after EXPIRY
    }
  }

  private void refresh() {
    try {
      write();
    } catch (IOException | RuntimeException e) {
      // the next refresh tries again
    }
  }

  private void write() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    fields.put("host", host());
    fields.put("pid", Long.toString(self.pid()));
    fields.put("process-start", self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse(""));
    fields.put("started", Long.toString(started.toEpochMilli()));
    fields.put("refreshed", Long.toString(System.currentTimeMillis()));
    StringBuilder text = new StringBuilder();
    fields.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    remote.putNote(name, text.toString());
  }

  private static Optional<Note> parse(Kind kind, String text) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        f.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    try {
      return Optional.of(new Note(kind, f.getOrDefault("host", "?"), Long.parseLong(f.get("pid")),
          Instant.ofEpochMilli(Long.parseLong(f.get("started"))),
          Instant.ofEpochMilli(Long.parseLong(f.get("refreshed")))));
    } catch (RuntimeException damaged) {
      return Optional.empty(); // not a note jdvc wrote whole: it says nothing
    }
  }

  /** On this host a note lives as long as its process; elsewhere until it is not refreshed for EXPIRY. */
  private static boolean alive(Note n) {
    if (n.host().equals(host())) {
      return ProcessHandle.of(n.pid()).map(ProcessHandle::isAlive).orElse(false);
    }
    return n.refreshed().isAfter(Instant.now().minus(EXPIRY));
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown-host";
    }
  }
}
