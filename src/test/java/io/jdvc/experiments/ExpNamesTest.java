package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpNamesTest {
  @Test
  void refusesWhatGitCannotStoreAsARefName() {
    for (String bad : new String[] {"a/b", "a..b", "a~b", "a?b", "a b", "x.", ".x", "x.lock", "a:b", "a^b", "a*b",
        "a[b", "a\\b", "a@{b", ""}) {
      assertThrows(JdvcException.class, () -> ExpNames.validate(bad), bad);
    }
    ExpNames.validate("lr-0.02_v2");
  }

  @Test
  void randomNamesHaveDvcsShapeAndAvoidTakenOnes() {
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String name = ExpNames.random(taken::contains);
      assertTrue(name.matches("[a-z]{5}-[a-z]{4}"), name);
      assertTrue(taken.add(name), name);
    }
  }
}
