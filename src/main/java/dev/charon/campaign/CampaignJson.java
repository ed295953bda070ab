package dev.charon.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.activeview.ShipOverride;
import dev.charon.campaign.CommTerminal.TerminalMessage;
import dev.charon.web.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The wire shapes of the campaign read endpoints (docs/protocol.md, spec/api.md §3), rendered from
 * the loaded records. Field names are spelled out here rather than derived from record names, so
 * a renamed accessor can never silently change the protocol.
 */
final class CampaignJson {
  static final ObjectMapper JSON = new ObjectMapper(JsonMapper.factory());

  private CampaignJson() {}

  static ObjectNode locations(Campaign c) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("locations");
    c.roots().forEach(l -> list.add(location(l)));
    return o;
  }

  private static ObjectNode location(Location l) {
    ObjectNode o = JSON.createObjectNode();
    o.put("slug", l.slug());
    o.put("name", l.name());
    o.put("type", l.type());
    o.put("status", l.status());
    o.put("description", l.description());
    ArrayNode path = o.putArray("path");
    l.path().forEach(path::add);
    o.put("has_map", l.map().isPresent());
    o.put("is_multi_deck", l.map().map(EncounterMap::multiDeck).orElse(false));
    ArrayNode terminals = o.putArray("terminals");
    for (CommTerminal t : l.terminals()) {
      terminals.addObject().put("slug", t.slug()).put("name", t.name()).put("owner", t.owner())
          .put("description", t.description()).put("terminal_id", t.terminalId()).put("access_level", t.accessLevel());
    }
    ArrayNode children = o.putArray("children");
    l.children().forEach(child -> children.add(location(child)));
    return o;
  }

  /**
   * One deck of a map; only rooms passing {@code shown} (with their doors, terminals and POIs).
   *
   * @param doorId the id a connection is sent under: its own for the GM, {@link DoorIds} for players
   */
  static ObjectNode map(Location l, EncounterMap m, Deck d, Predicate<String> shown, UnaryOperator<String> doorId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("location_slug", l.slug());
    o.put("location_name", l.name());
    o.put("is_multi_deck", m.multiDeck());
    o.put("total_decks", m.totalDecks());
    ArrayNode decks = o.putArray("decks");
    for (Deck each : m.decks()) {
      decks.addObject().put("id", each.id()).put("name", each.name()).put("level", each.level())
          .put("default", each.id().equals(m.defaultDeckId()));
    }
    o.put("current_deck_id", d.id());
    ObjectNode deck = o.putObject("current_deck");
    deck.put("deck_id", d.id());
    deck.put("name", d.name());
    deck.put("level", d.level());
    d.grid().ifPresentOrElse(
        g -> deck.putObject("grid").put("width", g.width()).put("height", g.height()).put("unit_size", g.unitSize()),
        () -> deck.putNull("grid"));
    ArrayNode rooms = deck.putArray("rooms");
    d.rooms().stream().filter(r -> shown.test(r.id())).forEach(r -> rooms.add(room(r)));
    ArrayNode connections = deck.putArray("connections");
    for (Deck.Connection c : d.connections()) {
      boolean fromShown = shown.test(c.from());
      boolean toShown = shown.test(c.to());
      if (fromShown || toShown) {
        // A hidden end is left blank: its id alone would tell players there is a room there.
        ObjectNode n = connections.addObject().put("id", doorId.apply(c.id())).put("from", fromShown ? c.from() : "")
            .put("to", toShown ? c.to() : "").put("door_type", c.doorType()).put("door_status", c.doorStatus());
        Optional<Deck.Room> from = d.room(c.from());
        Optional<Deck.Room> to = d.room(c.to());
        if (from.isPresent() && to.isPresent()) {
          // Where the door sits on each visible room's wall, so a client can draw a door that
          // leads into a room it is not allowed to see (ui.md §3.4 rule: the wall facing the
          // other room's centre).
          if (fromShown) {
            n.set("from_door", doorOnWall(from.get(), to.get()));
          }
          if (toShown) {
            n.set("to_door", doorOnWall(to.get(), from.get()));
          }
        }
      }
    }
    ArrayNode terminals = deck.putArray("terminals");
    for (Deck.TerminalMarker t : d.terminals()) {
      if (shown.test(t.room())) {
        ObjectNode n = terminals.addObject().put("id", t.id()).put("room", t.room());
        n.putObject("position").put("x", t.position().x()).put("y", t.position().y());
        n.put("terminal_slug", t.terminalSlug()).put("name", t.name());
      }
    }
    ArrayNode poi = deck.putArray("poi");
    for (Deck.Poi p : d.poi()) {
      if (shown.test(p.room())) {
        ObjectNode n = poi.addObject().put("id", p.id()).put("type", p.type()).put("room", p.room());
        n.putObject("position").put("x", p.position().x()).put("y", p.position().y());
        n.put("name", p.name()).put("icon", p.icon()).put("status", p.status()).put("description", p.description());
      }
    }
    deck.put("image_url", d.imageUrl());
    return o;
  }

  /** The middle of the wall of {@code room} that faces {@code other}, in grid cells. */
  static ObjectNode doorOnWall(Deck.Room room, Deck.Room other) {
    double cx = room.x() + room.width() / 2.0;
    double cy = room.y() + room.height() / 2.0;
    double dx = other.x() + other.width() / 2.0 - cx;
    double dy = other.y() + other.height() / 2.0 - cy;
    ObjectNode n = JSON.createObjectNode();
    if (Math.abs(dx) > Math.abs(dy)) {
      n.put("x", dx > 0 ? room.x() + room.width() : room.x()).put("y", cy).put("side", dx > 0 ? "right" : "left");
    } else {
      n.put("x", cx).put("y", dy > 0 ? room.y() + room.height() : room.y()).put("side", dy > 0 ? "bottom" : "top");
    }
    return n;
  }

  private static ObjectNode room(Deck.Room r) {
    return JSON.createObjectNode().put("id", r.id()).put("name", r.name()).put("x", r.x()).put("y", r.y())
        .put("width", r.width()).put("height", r.height()).put("status", r.status()).put("description", r.description());
  }

  /** spec/api.md §3.4 all-decks, for the GM: every room of every deck, with the given visibility. */
  static ObjectNode allDecks(Location l, EncounterMap m, Map<String, Boolean> visibility, String currentDeckId) {
    ObjectNode o = JSON.createObjectNode();
    o.put("location_slug", l.slug());
    o.put("is_multi_deck", m.multiDeck());
    if (m.multiDeck()) {
      o.set("manifest", JSON.valueToTree(m.manifest()));
    }
    ArrayNode decks = o.putArray("decks");
    for (Deck d : m.decks()) {
      ObjectNode deck = decks.addObject().put("id", d.id()).put("name", d.name()).put("level", d.level())
          .put("default", d.id().equals(m.defaultDeckId()));
      ArrayNode rooms = deck.putArray("rooms");
      d.rooms().forEach(r -> rooms.add(room(r)));
    }
    o.set("room_visibility", JSON.valueToTree(visibility));
    o.put("current_deck_id", currentDeckId);
    return o;
  }

  /** spec/api.md §3.6. */
  static ObjectNode terminal(Location l, CommTerminal t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("location_slug", l.slug());
    o.put("slug", t.slug());
    o.put("name", t.name());
    o.put("owner", t.owner());
    o.put("terminal_id", t.terminalId());
    o.put("access_level", t.accessLevel());
    o.put("description", t.description());
    o.put("location_name", l.name());
    messages(o.putArray("inbox"), t.inbox());
    messages(o.putArray("sent"), t.sent());
    return o;
  }

  private static void messages(ArrayNode out, List<TerminalMessage> messages) {
    for (TerminalMessage m : messages) {
      out.addObject().put("message_id", m.messageId()).put("subject", m.subject()).put("from", m.from())
          .put("to", m.to()).put("content", m.content()).put("timestamp", m.timestamp()).put("priority", m.priority())
          .put("read", m.read()).put("folder", m.folder()).put("contact", m.contact())
          .put("conversation_id", m.conversationId()).put("in_reply_to", m.inReplyTo());
    }
  }

  /**
   * spec/api.md §3.5 with the original's defects fixed: every URL is ours (relative to the context
   * root), and ids are unique (prefixed by source, numbered on a clash).
   */
  static ObjectNode tokenImages(Campaign c) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode images = o.putArray("images");
    Set<String> ids = new java.util.HashSet<>();
    for (CrewMember m : c.crew()) {
      if (!m.portraitUrl().isEmpty()) {
        tokenImage(images, ids, "crew-" + m.id(), m.name(), "player", m.portraitUrl(), "crew");
      }
    }
    for (Npc n : c.npcs().values()) {
      if (!n.portraitUrl().isEmpty()) {
        tokenImage(images, ids, "npc-" + n.id(), n.name(), "npc", n.portraitUrl(), "npc");
      }
    }
    String folder = "campaign/NPCs/images/";
    for (String rel : c.images()) {
      if (rel.startsWith(folder) && rel.indexOf('/', folder.length()) < 0) {
        String file = rel.substring(folder.length());
        String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        tokenImage(images, ids, "image-" + file, name, "creature", ImageIndex.url(rel), "images");
      }
    }
    return o;
  }

  private static void tokenImage(ArrayNode out, Set<String> ids, String id, String name, String type, String url,
      String source) {
    String unique = id;
    for (int n = 2; !ids.add(unique); n++) {
      unique = id + "-" + n;
    }
    out.addObject().put("id", unique).put("name", name).put("type", type).put("url", url).put("source", source);
  }

  /** spec/api.md §3.3: ship.yaml with each override field replacing that field of its system. */
  static ObjectNode shipStatus(Ship ship, Map<String, ShipOverride> overrides) {
    Map<String, Object> raw = new LinkedHashMap<>(ship.raw());
    Object systemsRaw = raw.get("systems");
    if (systemsRaw instanceof Map<?, ?> systems) {
      Map<String, Object> merged = new LinkedHashMap<>();
      systems.forEach((k, v) -> {
        Map<String, Object> system = v instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
        ShipOverride ov = overrides.get(String.valueOf(k));
        if (ov != null) {
          if (ov.status() != null) {
            system.put("status", ov.status());
          }
          if (ov.condition() != null) {
            system.put("condition", ov.condition());
          }
          if (ov.info() != null) {
            system.put("info", ov.info());
          }
        }
        merged.put(String.valueOf(k), system);
      });
      raw.put("systems", merged);
    }
    ObjectNode o = JSON.createObjectNode();
    o.set("ship", JSON.valueToTree(raw));
    return o;
  }

  private static Map<String, Object> copy(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  static ObjectNode problems(Campaign c) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("problems");
    c.problems().forEach(p -> list.addObject().put("file", p.file()).put("line", p.line()).put("message", p.message()));
    o.put("count", c.problems().size());
    o.put("content_version", c.contentVersion());
    return o;
  }
}
