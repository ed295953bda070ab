package dev.charon.computer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.testing.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code charon} events a stream received, folded as a client folds them (docs/charon.md). */
final class CharonFrames {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CharonFrames() {}

  static List<JsonNode> events(SseClient client) {
    List<JsonNode> out = new ArrayList<>();
    for (SseClient.Frame f : client.frames) {
      if ("charon".equals(f.event())) {
        try {
          out.add(JSON.readTree(f.data()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /** Every frame's raw text, for "this never reached the players" checks. */
  static String raw(SseClient client) {
    StringBuilder s = new StringBuilder();
    client.frames.forEach(f -> s.append(f.event()).append('\n').append(f.data()).append('\n'));
    return s.toString();
  }

  /** The messages of a channel as the client would hold them: upserted by id, ordered by seq. */
  static List<JsonNode> messages(SseClient client, String channel) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    long held = -1;
    for (JsonNode e : events(client)) {
      String type = e.path("type").asText();
      if (type.equals("snapshot")) {
        byId.clear();
        held = e.path("seq").asLong();
        if (e.has("messages") && channel.equals(e.path("channel").asText())) {
          e.path("messages").forEach(m -> byId.put(m.path("message_id").asText(), m));
        }
        e.path("channels").forEach(c -> {
          if (channel.equals(c.path("channel").asText())) {
            c.path("messages").forEach(m -> byId.put(m.path("message_id").asText(), m));
          }
        });
        continue;
      }
      if (e.path("seq").asLong() <= held) {
        continue;
      }
      held = e.path("seq").asLong();
      if (!channel.equals(e.path("channel").asText())) {
        continue;
      }
      if (type.equals("message")) {
        JsonNode m = e.path("message");
        byId.put(m.path("message_id").asText(), m);
      } else if (type.equals("cleared")) {
        byId.clear();
      }
    }
    List<JsonNode> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparingLong(m -> m.path("seq").asLong()));
    return out;
  }

  static List<String> contents(SseClient client, String channel) {
    return messages(client, channel).stream().map(m -> m.path("content").asText()).toList();
  }

  /** The last draft event (or snapshot entry) for this pending id, or null. */
  static JsonNode draft(SseClient client, String pendingId) {
    JsonNode last = null;
    for (JsonNode e : events(client)) {
      if (e.path("type").asText().equals("draft") && e.path("draft").path("pending_id").asText().equals(pendingId)) {
        last = e.path("draft");
      }
    }
    return last;
  }
}
