package io.jdvc.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged view of DVC's config levels. */
class RepoConfigTest {
  @TempDir Path tmp;

  private RepoLayout layout() throws IOException {
    RepoLayout l = new RepoLayout(tmp.resolve("repo"),
        new UserConfigDirs(tmp.resolve("home/.config/dvc"), tmp.resolve("etc/xdg/dvc")));
    Files.createDirectories(l.dvcDir());
    Files.createDirectories(l.globalConfig().getParent());
    Files.createDirectories(l.systemConfig().getParent());
    return l;
  }

  @Test
  void laterLevelsShadowEarlierOnesInDvcsOrder() throws IOException {
    RepoLayout l = layout();
    Files.writeString(l.systemConfig(), "[core]\n    remote = sys\n    autostage = true\n    check_update = false\n");
    Files.writeString(l.globalConfig(), "[core]\n    remote = glob\n    autostage = false\n");
    Files.writeString(l.config(), "[core]\n    remote = repo\n");
    Files.writeString(l.localConfig(), "");
    RepoConfig c = RepoConfig.load(l);
    assertEquals("repo", c.get("core", "remote").orElseThrow());
    assertEquals("false", c.get("core", "autostage").orElseThrow());
    assertEquals("false", c.get("core", "check_update").orElseThrow());

    Files.writeString(l.localConfig(), "[core]\n    remote = mine\n");
    assertEquals("mine", RepoConfig.load(l).get("core", "remote").orElseThrow());
  }

  @Test
  void relativePathsOfGlobalAndSystemFilesAreRelativeToThoseFiles() throws IOException {
    RepoLayout l = layout();
    Files.writeString(l.globalConfig(), "[cache]\n    dir = ../../shared-cache\n"
        + "['remote \"store\"']\n    url = ../store\n    credentialpath = creds\n"
        + "['remote \"s3\"']\n    url = s3://bucket/prefix\n");
    RepoConfig c = RepoConfig.load(l);
    Path global = l.globalConfig().getParent();
    assertEquals(global.resolve("../../shared-cache").normalize().toString(), c.get("cache", "dir").orElseThrow());
    assertEquals(global.resolve("../store").normalize().toString(), c.remote("store").orElseThrow().get("url"));
    assertEquals(global.resolve("creds").toString(), c.remote("store").orElseThrow().get("credentialpath"));
    assertEquals("s3://bucket/prefix", c.remote("s3").orElseThrow().get("url"));
  }

  @Test
  void repositoryPathsStayRelativeToTheDvcDirectory() throws IOException {
    RepoLayout l = layout();
    Files.writeString(l.config(), "[cache]\n    dir = ../cache-elsewhere\n");
    RepoConfig c = RepoConfig.load(l);
    assertEquals("../cache-elsewhere", c.get("cache", "dir").orElseThrow());
    assertEquals(l.dvcDir(), c.configDir());
  }
}
