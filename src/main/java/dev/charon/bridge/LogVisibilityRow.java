package dev.charon.bridge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The GM's choice for one session log, over the default rule ({@link Disclosures#visibleByDefault}). */
@Entity
@Table(name = "bridge_log_visibility")
public class LogVisibilityRow {
  @Id
  @Column(name = "session_file", length = 255)
  String sessionFile;

  @Column(nullable = false)
  boolean visible;

  @Column(name = "set_at", nullable = false)
  Instant setAt;

  protected LogVisibilityRow() {}

  LogVisibilityRow(String sessionFile, boolean visible, Instant setAt) {
    this.sessionFile = sessionFile;
    this.visible = visible;
    this.setAt = setAt;
  }
}
