package io.jdvc.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCacheTest {
  @TempDir Path tmp;
  private static final Oid OID = Oid.parse("b1946ac92492d2347c6235b4d2611184");

  private static FileStamp attrs(Path p) throws IOException {
    return FileStamp.of(Files.readAttributes(p, BasicFileAttributes.class));
  }

  @Test
  void remembersHashesAcrossSaveAndLoad() throws IOException {
    Path f = Files.writeString(tmp.resolve("a\tb.txt"), "hello\n");
    Path stateFile = tmp.resolve("state/file");
    StateCache s = StateCache.load(stateFile);
    s.put("dir/", "a\tb.txt", attrs(f), OID);
    s.save();
    StateCache again = StateCache.load(stateFile);
    assertEquals(Optional.of(OID), again.get("dir/", "a\tb.txt", attrs(f), false));
    assertEquals(Optional.empty(), again.get("dir/", "a\tb.txt", attrs(f), true), "legacy hashes are kept apart");
  }

  @Test
  void forgetsFilesWhoseMtimeOrSizeChanged() throws IOException {
    Path f = Files.writeString(tmp.resolve("a.txt"), "hello\n");
    StateCache s = StateCache.inMemory();
    s.put("", "a.txt", attrs(f), OID);
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
    assertTrue(s.get("", "a.txt", attrs(f), false).isEmpty());
    s.put("", "a.txt", attrs(f), OID);
    Files.writeString(f, "hello!\n");
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()));
    assertTrue(s.get("", "a.txt", attrs(f), false).isEmpty());
  }

  @Test
  void damagedStateFileOnlyCostsRehashing() throws IOException {
    Path stateFile = Files.writeString(tmp.resolve("state"), "garbage\tline\nx\t1\t2\t3\t4\tnot-an-oid\n");
    StateCache s = StateCache.load(stateFile);
    Path f = Files.writeString(tmp.resolve("a.txt"), "hello\n");
    assertTrue(s.get("", "x", attrs(f), false).isEmpty());
  }

  @Test
  void directorySummariesAndCompleteDirectoriesSurviveSaveAndLoad() throws IOException {
    Path stateFile = tmp.resolve("state/file");
    Oid dir = Oid.parse("5369cb520f35f5d77e793cf181884a27.dir");
    StateCache s = StateCache.load(stateFile);
    StateCache.DirSummary summary = new StateCache.DirSummary(2, 11, -7, dir);
    s.putDirSummary("data/", summary);
    s.markComplete(dir);
    s.save();
    StateCache again = StateCache.load(stateFile);
    assertEquals(Optional.of(summary), again.dirSummary("data/"));
    assertTrue(again.isKnownComplete(dir));
    again.forgetCompleteDirs();
    again.save();
    assertTrue(!StateCache.load(stateFile).isKnownComplete(dir), "gc makes completeness be checked again");
  }

  @Test
  void tempsThatKilledProcessesLeftBesideTheStateAreRemovedAndALiveOnesStays() throws Exception {
    Path state = tmp.resolve("jdvc/state");
    java.nio.file.Files.createDirectories(state.getParent());
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Path deadTemp = state.resolveSibling("state-dirs." + dead.pid() + ".tmp");
    Path liveTemp = state.resolveSibling("state." + ProcessHandle.current().pid() + ".tmp");
    java.nio.file.Files.writeString(deadTemp, "half a stat");
    java.nio.file.Files.writeString(liveTemp, "a save in progress");
    StateCache.load(state);
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(deadTemp), "a kill -9 leaves no litter");
    org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(liveTemp), "a live save is left alone");
  }
}
