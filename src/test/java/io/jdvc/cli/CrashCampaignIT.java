package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.hash.FileHasher;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.CrashHarness;
import io.jdvc.testing.ObjectStores;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 anywhere: {@code add}, {@code commit}, {@code checkout}, {@code push}, {@code pull}, {@code gc -c} and
 * {@code repro} are killed at random moments ({@link CrashHarness}), {@value #KILLS} kills in all. After each kill:
 * every cache and remote object holds the bytes its name says, every {@code .dvc} file and {@code dvc.lock}
 * parses, no workspace file is half-written; then the same command, run again, takes over the repository lock
 * (a lock left naming a dead process is announced as taken over) and finishes the job, and nothing the pointers
 * and {@code dvc.lock} need is lost. Prints its figures as one {@code CRASHES ...} line. Seed:
 * {@code jdvc.crash.seed}.
 */
class CrashCampaignIT {
  static final int KILLS = 50;
  private static final int FILES = 40;
  private static final int FILE_SIZE = 256 * 1024;
  private static final DirManifestCodec MANIFESTS = new DirManifestCodec();
  /** One stage over the tracked data; its command writes under a temp name, so a killed run leaves no half file. */
  private static final String PIPELINE = "stages:\n  combine:\n"
      + "    cmd: cat data/f* > combined.tmp && mv combined.tmp combined.bin\n"
      + "    deps: [data]\n    outs: [combined.bin]\n";

  @TempDir Path tmp;

  private Path root;
  private Path remote;
  private CliRunner jdvc;
  private TempGitRepo repo;
  private Random random;
  /** MD5 of every content the test ever wrote into data/: a workspace file must hold one of them. */
  private final Set<String> written = new HashSet<>();
  private int corrupt;
  private int lost;
  private int objectsChecked;
  private int lockTakeovers;
  /** Kills that landed, per command. */
  private final java.util.Map<String, Integer> killsByCommand = new java.util.LinkedHashMap<>();
  private final Set<Path> verified = new HashSet<>();

  /** One kind of kill: how to set up work for the command, and the command. */
  private record Step(String name, Prep prep, String... args) {}

  @FunctionalInterface
  private interface Prep {
    void run() throws Exception;
  }

  @Test
  void killMinus9AnywhereLosesAndCorruptsNothing() throws Exception {
    long seed = Long.getLong("jdvc.crash.seed", 20261207L);
    random = new Random(seed);
    List<Step> steps = List.of(
        new Step("add", () -> rewriteSome(), "add", "data"),
        new Step("commit", () -> rewriteSome(), "commit", "-f", "data.dvc"),
        new Step("checkout", () -> deleteSomeFromWorkspace(), "checkout"),
        new Step("push", () -> { rewriteSome(); jdvc.ok("add", "data"); }, "push"),
        new Step("pull", () -> { jdvc.ok("push"); deleteSomeFromWorkspaceAndCache(); }, "pull"),
        new Step("gc", () -> commitAndPush(), "gc", "-A", "-c", "-f"),
        new Step("repro", () -> rewriteSome(), "repro"));
    repo = TempGitRepo.create(tmp.resolve("repo"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    Files.createDirectories(root.resolve("data"));
    for (int i = 0; i < FILES; i++) {
      writeRandom(i);
    }
    jdvc.ok("add", "data");
    Files.writeString(root.resolve("dvc.yaml"), PIPELINE);
    repo.commitAll("v0");
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    CrashHarness crashes = new CrashHarness(seed, logs);
    long t0 = System.nanoTime();
    int rounds = 0;
    for (int i = 0; crashes.kills() < KILLS && rounds < 4 * KILLS; i++, rounds++) {
      Step step = steps.get(i % steps.size());
      step.prep().run();
      boolean killed = crashes.killSomewhere(root, step.args());
      killsByCommand.merge(step.name(), killed ? 1 : 0, Integer::sum);
      checkAfterKill(step.name() + (killed ? " (killed)" : " (finished)"));
      String deadHolder = lockHolder();
      CliResult again = jdvc.run(step.args());
      assertEquals(0, again.exitCode(), "after a kill of " + step.name() + ", running it again takes over the lock "
          + "and finishes the job:\n" + again.out() + again.err());
      if (!deadHolder.isEmpty()) {
        assertTrue(again.err().contains("taking over a stale lock left by process " + deadHolder),
            "the lock " + step.name() + " held when killed is taken over: " + again.err());
        lockTakeovers++;
      }
      checkAfterKill(step.name() + " re-run");
      checkNothingLost(step.name());
      if (step.name().equals("add") || step.name().equals("commit")) {
        repo.commitAll("after " + step.name() + " " + i);
      }
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000;
    System.out.println("CRASHES seed=" + seed + " kills=" + crashes.kills() + " finished-before-kill="
        + crashes.finishedFirst() + " lock-takeovers=" + lockTakeovers + " objects-checked=" + objectsChecked
        + " corrupt=" + corrupt + " lost=" + lost + " seconds=" + seconds + " by-command=" + killsByCommand);
    assertEquals(KILLS, crashes.kills(), "the campaign killed " + KILLS + " commands while they ran");
    assertTrue(lockTakeovers > 0, "some kills landed while the command held the repository lock");
    for (Step step : steps) {
      assertTrue(killsByCommand.getOrDefault(step.name(), 0) > 0, step.name() + " was killed while it ran: "
          + killsByCommand);
    }
    assertEquals(0, corrupt, "no object holds other bytes than its name says");
    assertEquals(0, lost, "no object a pointer needs went missing");
  }

  private void writeRandom(int i) throws IOException {
    byte[] b = new byte[FILE_SIZE - random.nextInt(1024)];
    random.nextBytes(b);
    Files.write(root.resolve("data/f" + i), b);
    written.add(FileHasher.hash(root.resolve("data/f" + i), false).value());
  }

  private void rewriteSome() throws IOException {
    for (int i = 0; i < FILES; i++) {
      if (random.nextInt(3) == 0) {
        writeRandom(i);
      }
    }
  }

  /** New data, committed and pushed; what the last push step left uncommitted becomes garbage for gc. */
  private void commitAndPush() throws IOException {
    rewriteSome();
    jdvc.ok("add", "data");
    repo.commitAll("for gc");
    jdvc.ok("push");
  }

  private void deleteSomeFromWorkspace() throws IOException {
    for (int i = 0; i < FILES; i += 2) {
      Files.deleteIfExists(root.resolve("data/f" + i));
    }
  }

  private void deleteSomeFromWorkspaceAndCache() throws IOException {
    for (Oid oid : neededFiles()) {
      if (random.nextInt(2) == 0) {
        Path cached = root.resolve(".dvc/cache").resolve(ObjectLayout.keyOf(oid));
        cached.toFile().setWritable(true);
        Files.deleteIfExists(cached);
      }
    }
    deleteSomeFromWorkspace();
  }

  /** The pid a killed jdvc left in the repository lock file (empty if the lock was released): it must be dead. */
  private String lockHolder() throws IOException {
    Path lockFile = root.resolve(".dvc/tmp/jdvc.lock");
    String owner = Files.exists(lockFile) ? Files.readString(lockFile).trim() : "";
    String pid = owner.isEmpty() ? "" : owner.split(" ")[0];
    assertTrue(pid.isEmpty() || ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true),
        "the process named in the lock, " + pid + ", is gone");
    return pid;
  }

  /** The stage's output as dvc.lock records it, or null before the first repro. */
  private Oid combinedOid() throws IOException {
    Path lockFile = root.resolve("dvc.lock");
    if (!Files.exists(lockFile)) {
      return null;
    }
    // throws if half-written
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(lockFile));
    return lock.stage("combine").flatMap(s -> s.out("combined.bin")).map(LockEntry::md5).orElse(null);
  }

  /** The file objects of the directory data.dvc names, from its manifest in the cache. */
  private List<Oid> neededFiles() throws IOException {
    Oid dir = new DvcFileCodec().read(root.resolve("data.dvc")).outs().get(0).md5();
    byte[] manifest = Files.readAllBytes(root.resolve(".dvc/cache").resolve(ObjectLayout.keyOf(dir)));
    return MANIFESTS.decode(manifest, false).entries().stream().map(DirEntry::md5).toList();
  }

  /** Objects exact in the cache and on the remote, pointers parse, workspace files whole. */
  private void checkAfterKill(String when) throws IOException {
    for (Path store : List.of(root.resolve(".dvc/cache"), remote)) {
      ObjectStores.Check c = ObjectStores.check(store, verified);
      objectsChecked += c.checked();
      corrupt += c.corrupt().size();
      assertEquals(List.of(), c.corrupt(), "after " + when + ": objects in " + store + " hold their bytes");
    }
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dvc") && Files.isRegularFile(f)).toList()) {
        new DvcFileCodec().read(p); // throws if half-written
      }
    }
    combinedOid();
    List<String> broken = new ArrayList<>();
    try (Stream<Path> s = Files.list(root.resolve("data"))) {
      for (Path f : s.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        if (!written.contains(FileHasher.hash(f, false).value())) {
          broken.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(List.of(), broken, "after " + when + ": every workspace file is whole");
  }

  /** After the re-run: what data.dvc needs is in the cache, and on the remote after push, pull and gc -c. */
  private void checkNothingLost(String step) throws IOException {
    Set<Oid> needed = new HashSet<>(neededFiles());
    needed.add(new DvcFileCodec().read(root.resolve("data.dvc")).outs().get(0).md5());
    Set<Oid> cache = ObjectStores.check(root.resolve(".dvc/cache"), verified).oids();
    Set<Oid> onRemote = ObjectStores.check(remote, verified).oids();
    for (Oid oid : needed) {
      boolean missing = !cache.contains(oid)
          || (Set.of("push", "pull", "gc").contains(step) && !onRemote.contains(oid));
      if (missing) {
        lost++;
      }
    }
    Oid combined = combinedOid();
    if (combined != null && !cache.contains(combined)) {
      lost++;
    }
    assertEquals(0, lost, "after " + step + " re-run: every object data.dvc and dvc.lock need is there");
    if (step.equals("checkout") || step.equals("pull")) {
      assertTrue(jdvc.ok("status", "data.dvc").out().contains("up to date"), "the workspace matches data.dvc");
    }
    if (step.equals("repro")) {
      assertEquals(combined.md5(), FileHasher.hash(root.resolve("combined.bin"), false).value(),
          "combined.bin holds what dvc.lock records");
      assertTrue(jdvc.ok("status", "dvc.yaml").out().contains("up to date"), "the stage's record is current");
    }
  }
}
