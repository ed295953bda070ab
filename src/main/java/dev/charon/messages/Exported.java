package dev.charon.messages;

import java.time.Instant;
import java.util.List;

/**
 * One message in the export/import format ({@code GET /api/gm/messages/export/}). The {@code key}
 * identifies it across installations; {@code id} is informational (an import assigns new ids).
 */
public record Exported(String key, Long id, String sender, String content, Priority priority, Instant createdAt,
    String createdBy, List<String> recipients, List<ReadMark> readBy) {

  /** Who read it, and when. */
  public record ReadMark(String username, Instant readAt) {}
}
