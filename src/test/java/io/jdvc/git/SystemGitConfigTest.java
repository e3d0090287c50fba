package io.jdvc.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system config file is where {@code git config --system} looks, found without running git. */
class SystemGitConfigTest {
  @TempDir Path tmp;

  private Path gitUnder(String prefix) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve(prefix).resolve("bin"));
    Path git = Files.writeString(bin.resolve("git"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void theFirstGitOnThePathGivesThePrefix() throws Exception {
    Path first = gitUnder("opt/git");
    Path second = gitUnder("usr/local");
    Path noGit = Files.createDirectories(tmp.resolve("empty/bin"));
    String path = noGit + File.pathSeparator + first + File.pathSeparator + second;
    assertEquals(tmp.resolve("opt/git/etc/gitconfig").toFile(), SystemGitConfig.locate(null, path));
  }

  @Test
  void gitConfigSystemWinsAndNoGitMeansNoSystemConfig() throws Exception {
    Path bin = gitUnder("opt/git");
    assertEquals(new File("/srv/gitconfig"), SystemGitConfig.locate("/srv/gitconfig", bin.toString()));
    assertNull(SystemGitConfig.locate(null, tmp.resolve("nothing-here").toString()));
    assertNull(SystemGitConfig.locate("", null));
  }

  @Test
  void aGitInstalledUnderUsrKeepsItsConfigInEtc() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git in /usr/bin");
    assertEquals(new File("/etc/gitconfig"), SystemGitConfig.locate(null, "/usr/bin"));
  }
}
