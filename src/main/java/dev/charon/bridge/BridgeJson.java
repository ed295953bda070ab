package dev.charon.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.campaign.CrewMember;
import dev.charon.campaign.Npc;
import dev.charon.campaign.Session;
import dev.charon.web.JsonMapper;
import java.util.Map;

/**
 * The shapes of the PERSONNEL and LOGS reads (docs/bridge.md), field names spelled out. Every text
 * is the campaign's, unescaped: clients render it as text (never as HTML), which JSON keeps safe.
 */
final class BridgeJson {
  static final ObjectMapper JSON = new ObjectMapper(JsonMapper.factory());

  private BridgeJson() {}

  /** A crew dossier: the sheet of crew.yaml as written, id, name, role and portrait URL first. */
  static ObjectNode crew(CrewMember m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", m.id());
    o.put("name", m.name());
    o.put("role", m.role());
    o.put("portrait", m.portraitUrl());
    for (Map.Entry<String, Object> e : m.details().entrySet()) {
      if (!o.has(e.getKey())) {
        o.set(e.getKey(), JSON.valueToTree(e.getValue()));
      }
    }
    return o;
  }

  static ObjectNode npc(Npc n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", n.id());
    o.put("name", n.name());
    o.put("role", n.role());
    o.put("faction", n.faction());
    o.put("location", n.location());
    o.put("status", n.status());
    o.put("description", n.description());
    o.put("portrait", n.portraitUrl());
    return o;
  }

  /** A session log; {@code session} is its id (the file name), {@code body} its Markdown as text. */
  static ObjectNode session(Session s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("session", s.filename());
    o.put("session_number", s.number());
    o.put("date", s.date());
    o.put("title", s.title());
    o.put("location", s.location());
    ArrayNode npcs = o.putArray("npcs");
    s.npcs().forEach(npcs::add);
    o.put("body", s.body());
    o.put("filename", s.filename());
    return o;
  }
}
