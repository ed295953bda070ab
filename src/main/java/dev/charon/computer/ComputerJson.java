package dev.charon.computer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.activeview.Frame;
import dev.charon.web.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JSON of docs/charon.md. Each event is rendered to one {@link Frame} once and the same
 * frame goes to every stream that gets it.
 */
final class ComputerJson {
  /** The SSE event name of every CHARON frame. */
  static final String EVENT_NAME = "charon";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ComputerJson() {}

  static ObjectNode message(ChatMessage m) {
    ObjectNode o = NODES.objectNode();
    o.put("message_id", m.id());
    o.put("seq", m.seq());
    o.put("role", m.role().wire());
    o.put("content", m.content());
    o.put("timestamp", m.at().toString());
    if (m.status() == null) {
      o.putNull("status");
    } else {
      o.put("status", m.status().wire());
    }
    o.put("reply_to", m.replyTo());
    return o;
  }

  static ArrayNode messages(List<ChatMessage> messages) {
    ArrayNode a = NODES.arrayNode();
    messages.forEach(m -> a.add(message(m)));
    return a;
  }

  static ObjectNode draft(Draft d) {
    ObjectNode o = NODES.objectNode();
    o.put("pending_id", d.id());
    o.put("channel", d.channel());
    o.put("query_id", d.queryId());
    o.put("query", d.query());
    o.put("gm_prompt", d.gmPrompt());
    o.put("context_override", d.contextOverride());
    o.put("response", d.response());
    o.put("state", d.state().wire());
    o.put("error", d.error());
    o.put("source", d.source());
    o.put("model", d.model());
    if (d.prompt() == null) {
      o.putNull("prompt");
    } else {
      o.set("prompt", prompt(d.prompt()));
    }
    o.put("timestamp", d.at().toString());
    o.put("updated", d.updated().toString());
    return o;
  }

  static ArrayNode drafts(Collection<Draft> drafts) {
    ArrayNode a = NODES.arrayNode();
    drafts.forEach(d -> a.add(draft(d)));
    return a;
  }

  static ObjectNode prompt(ModelPrompt p) {
    ObjectNode o = NODES.objectNode();
    o.put("system", p.system());
    ArrayNode turns = o.putArray("messages");
    for (ModelPrompt.Turn t : p.messages()) {
      turns.addObject().put("role", t.role()).put("content", t.content());
    }
    o.put("max_tokens", p.maxTokens());
    o.put("temperature", p.temperature());
    return o;
  }

  static String promptJson(ModelPrompt p) {
    return write(prompt(p));
  }

  static ModelPrompt parsePrompt(String json) {
    try {
      JsonNode n = JsonMapper.MAPPER.readTree(json);
      List<ModelPrompt.Turn> turns = new ArrayList<>();
      n.path("messages").forEach(t -> turns.add(new ModelPrompt.Turn(t.path("role").asText(), t.path("content").asText())));
      return new ModelPrompt(n.path("system").asText(), turns, n.path("max_tokens").asInt(), n.path("temperature").asDouble());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null; // a prompt we wrote ourselves; unreadable only if the row was edited by hand
    }
  }

  /** A channel as the GM's snapshot and list show it. */
  static ObjectNode channel(Channel c, int lastMessages) {
    ObjectNode o = NODES.objectNode();
    o.put("channel", c.name());
    List<ChatMessage> all = c.messages();
    int from = Math.max(0, all.size() - lastMessages);
    o.set("messages", messages(all.subList(from, all.size())));
    o.put("has_more", from > 0);
    o.set("drafts", drafts(c.drafts().values()));
    counts(o, c);
    return o;
  }

  static ObjectNode summary(Channel c) {
    ObjectNode o = NODES.objectNode();
    o.put("channel", c.name());
    o.put("message_count", c.messages().size());
    counts(o, c);
    List<ChatMessage> all = c.messages();
    if (all.isEmpty()) {
      o.putNull("last_message");
    } else {
      o.set("last_message", message(all.get(all.size() - 1)));
    }
    return o;
  }

  private static void counts(ObjectNode o, Channel c) {
    o.put("unread_count", c.unread());
    o.put("waiting_count", c.waiting());
    o.put("pending_count", c.drafts().size());
  }

  static ObjectNode event(String type, long seq, String channel) {
    ObjectNode o = NODES.objectNode();
    o.put("type", type);
    o.put("seq", seq);
    if (channel != null) {
      o.put("channel", channel);
    }
    return o;
  }

  static Frame frame(ObjectNode event) {
    return Frame.event(EVENT_NAME, null, write(event), -1);
  }

  static String write(JsonNode node) {
    try {
      return JsonMapper.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CHARON JSON must always serialise", e);
    }
  }

  static String clip(String s, int maxChars) {
    return s.length() <= maxChars ? s : s.substring(0, maxChars);
  }
}
