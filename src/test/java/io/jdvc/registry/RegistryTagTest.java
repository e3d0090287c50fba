package io.jdvc.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import org.junit.jupiter.api.Test;

/** GTO's tag grammar (gto/constants.py tag_re), both ways. */
class RegistryTagTest {
  @Test
  void parsesEveryKindOfGtoTag() {
    assertEquals(new RegistryTag("model", RegistryTag.Action.REGISTER, "v1.3.0", null, null),
        RegistryTag.parse("model@v1.3.0").orElseThrow());
    assertEquals(new RegistryTag("model", RegistryTag.Action.ASSIGN, null, "prod", 4),
        RegistryTag.parse("model#prod#4").orElseThrow());
    assertEquals(RegistryTag.Action.ASSIGN, RegistryTag.parse("model#prod").orElseThrow().action());
    assertEquals(RegistryTag.Action.UNASSIGN, RegistryTag.parse("model#prod!#5").orElseThrow().action());
    assertEquals(RegistryTag.Action.DEREGISTER, RegistryTag.parse("model@v1.0.0!").orElseThrow().action());
    assertEquals(RegistryTag.Action.DEPRECATE, RegistryTag.parse("model@deprecated#6").orElseThrow().action());
    assertEquals("models/dir:clf", RegistryTag.parse("models/dir=clf@v2.0.0-rc.1").orElseThrow().artifact());
    assertTrue(RegistryTag.parse("v1.0.0").isEmpty());
    assertTrue(RegistryTag.parse("model@1.0.0").isEmpty());
    assertEquals("a/b=m#prod#3", new RegistryTag("a/b:m", RegistryTag.Action.ASSIGN, null, "prod", 3).tagName());
  }

  @Test
  void versionsAreSemVerWithAV() {
    assertEquals("v1.4.0", SemVer.parse("v1.3.7").bump(false, true).toString());
    assertEquals("v2.0.0", SemVer.parse("1.3.7").bump(true, false).toString());
    assertEquals("v1.3.8", SemVer.parse("v1.3.7").bump(false, false).toString());
    assertTrue(SemVer.parse("v1.0.0-rc.1").compareTo(SemVer.parse("v1.0.0")) < 0);
    assertThrows(JdvcException.class, () -> SemVer.parse("v1.3"));
    assertThrows(JdvcException.class, () -> SemVer.parse("v01.0.0"));
  }
}
