package io.jdvc.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DVC's choice of global and system config directories on Linux (dvc/dirs.py with platformdirs). */
class UserConfigDirsTest {
  private static final Path HOME = Path.of("/home/ada");

  @Test
  void defaultsAreTheXdgDirectories() {
    UserConfigDirs d = UserConfigDirs.fromEnvironment(Map.of(), HOME);
    assertEquals(Path.of("/home/ada/.config/dvc"), d.global());
    assertEquals(Path.of("/etc/xdg/dvc"), d.system());
  }

  @Test
  void xdgVariablesMoveThemAndOnlyTheFirstSystemDirectoryCounts() {
    UserConfigDirs d = UserConfigDirs.fromEnvironment(
        Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_CONFIG_DIRS", "/opt/xdg:/etc/xdg"), HOME);
    assertEquals(Path.of("/cfg/dvc"), d.global());
    assertEquals(Path.of("/opt/xdg/dvc"), d.system());
  }

  @Test
  void dvcVariablesWinAndBlankValuesAreIgnored() {
    UserConfigDirs d = UserConfigDirs.fromEnvironment(Map.of("DVC_GLOBAL_CONFIG_DIR", "/g",
        "DVC_SYSTEM_CONFIG_DIR", "/s", "XDG_CONFIG_HOME", "/cfg"), HOME);
    assertEquals(new UserConfigDirs(Path.of("/g"), Path.of("/s")), d);
    UserConfigDirs blank = UserConfigDirs.fromEnvironment(Map.of("XDG_CONFIG_HOME", " ", "DVC_GLOBAL_CONFIG_DIR",
        ""), HOME);
    assertEquals(Path.of("/home/ada/.config/dvc"), blank.global());
  }
}
