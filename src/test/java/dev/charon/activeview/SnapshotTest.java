package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.charon.campaign.DoorIds;
import dev.charon.testing.TestCampaigns;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void aVersionsFirstFrameIsRenderedOncePerProjectionForEveryStreamThatOpensOnIt() {
    Snapshot s = Snapshot.first("e", ActiveViewState.STANDBY, TestCampaigns.standard(), DoorIds.withRandomKey());
    Frame player = s.snapshotEvent(Projection.PLAYER);
    assertSame(player, s.snapshotEvent(Projection.PLAYER), "a thousand connects share one rendering");
    Frame gm = s.snapshotEvent(Projection.GM);
    assertSame(gm, s.snapshotEvent(Projection.GM));
    assertNotSame(player, gm);
    assertEquals("1", player.getId());
    assertEquals(s.json(Projection.PLAYER), player.getData());
    assertEquals(s.json(Projection.GM), gm.getData());
  }
}
