package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.charon.campaign.DoorIds;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key players' door ids are derived with lives as long as the data directory: a restart keeps
 * every door's id (a terminal that cached a map before it still matches the stream after it).
 */
class DeploymentKeyTest {
  @TempDir
  Path dir;

  @Test
  void aKeyIsMadeOnceAndKeptAcrossRestarts() {
    byte[] first;
    try (Database db = Database.open(dir.resolve("one"))) {
      first = db.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES);
      assertEquals(DoorIds.KEY_BYTES, first.length);
      assertArrayEquals(first, db.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES));
    }
    try (Database again = Database.open(dir.resolve("one"))) {
      byte[] afterRestart = again.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES);
      assertArrayEquals(first, afterRestart);
      assertEquals(DoorIds.withKey(first).forPlayers("ship", "conn_bridge_eng"),
          DoorIds.withKey(afterRestart).forPlayers("ship", "conn_bridge_eng"));
    }
    try (Database other = Database.open(dir.resolve("two"))) {
      assertFalse(Arrays.equals(first, other.deploymentKey(DoorIds.KEY_NAME, DoorIds.KEY_BYTES)),
          "another data directory, another key");
    }
  }
}
