package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.hash.FileHasher;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
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
 * kill -9 anywhere: {@code add}, {@code commit}, {@code checkout}, {@code push}, {@code pull} and {@code gc -c}
 * are killed at random moments ({@link CrashHarness}), {@value #KILLS} kills in all. After each kill: every cache
 * and remote object holds the bytes its name says, every pointer parses, no workspace file is half-written;
 * then the same command, run again, takes over the repository lock and finishes the job, and nothing the
 * pointer needs is lost. Prints its figures as one {@code CRASHES ...} line. Seed: {@code jdvc.crash.seed}.
 */
class CrashCampaignIT {
  static final int KILLS = 50;
  private static final int FILES = 40;
  private static final int FILE_SIZE = 256 * 1024;
  private static final DirManifestCodec MANIFESTS = new DirManifestCodec();

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
        new Step("gc", () -> commitAndPush(), "gc", "-A", "-c", "-f"));
        // HOOK(repro): once 'jdvc repro' exists, add its kills here in one line, e.g.
        // new Step("repro", () -> rewriteSome(), "repro"),
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
    repo.commitAll("v0");
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    CrashHarness crashes = new CrashHarness(seed, logs);
    long t0 = System.nanoTime();
    int rounds = 0;
    for (int i = 0; crashes.kills() < KILLS && rounds < 4 * KILLS; i++, rounds++) {
      Step step = steps.get(i % steps.size());
      step.prep().run();
      boolean killed = crashes.killSomewhere(root, step.args());
      checkAfterKill(step.name() + (killed ? " (killed)" : " (finished)"));
      CliResult again = jdvc.run(step.args());
      assertEquals(0, again.exitCode(), "after a kill of " + step.name() + ", running it again takes over the lock "
          + "and finishes the job:\n" + again.out() + again.err());
      checkAfterKill(step.name() + " re-run");
      checkNothingLost(step.name());
      if (step.name().equals("add") || step.name().equals("commit")) {
        repo.commitAll("after " + step.name() + " " + i);
      }
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000;
    System.out.println("CRASHES seed=" + seed + " kills=" + crashes.kills() + " finished-before-kill="
        + crashes.finishedFirst() + " objects-checked=" + objectsChecked + " corrupt=" + corrupt + " lost=" + lost
        + " seconds=" + seconds);
    assertEquals(KILLS, crashes.kills(), "the campaign killed " + KILLS + " commands while they ran");
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
    assertEquals(0, lost, "after " + step + " re-run: every object data.dvc needs is there");
    if (!step.equals("add") && !step.equals("commit") && !step.equals("push") && !step.equals("gc")) {
      assertTrue(jdvc.ok("status").out().contains("up to date"), "the workspace matches data.dvc");
    }
  }
}
