package dev.charon.bridge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An NPC the GM has marked as known to the crew; no row means unknown (the default). */
@Entity
@Table(name = "bridge_known_npc")
public class KnownNpcRow {
  @Id
  @Column(name = "npc_id", length = 200)
  String npcId;

  @Column(name = "marked_at", nullable = false)
  Instant markedAt;

  protected KnownNpcRow() {}

  KnownNpcRow(String npcId, Instant markedAt) {
    this.npcId = npcId;
    this.markedAt = markedAt;
  }
}
