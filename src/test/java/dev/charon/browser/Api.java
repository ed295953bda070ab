package dev.charon.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What the browser tests ask the server directly: setup and inspection, never the checks themselves. */
final class Api {
  private final Agent session;

  private Api(Agent session) {
    this.session = session;
  }

  static Api loginAsGm(URI base, String password) throws Exception {
    return new Api(new Agent(base).loggedIn("gm", password));
  }

  void createPlayer(String username, String password) throws Exception {
    session.postJson("api/gm/players/", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  void broadcast(String content) throws Exception {
    session.postJson("api/gm/broadcast/", dev.charon.web.JsonMapper.MAPPER.writeValueAsString(
        java.util.Map.of("content", content, "priority", "CRITICAL")));
  }

  JsonNode gmState() throws Exception {
    return session.getJson("api/gm/active-view/");
  }

  JsonNode health() throws Exception {
    return session.getJson("api/health/");
  }

  List<String> tableNames() throws Exception {
    List<String> out = new ArrayList<>();
    health().get("database").get("tables").forEach(t -> out.add(t.asText()));
    return out;
  }

  private List<String> mapLocations() throws Exception {
    List<String> slugs = new ArrayList<>();
    collect(session.getJson("api/gm/locations/").get("locations"), slugs);
    return slugs;
  }

  private static void collect(JsonNode locations, List<String> out) {
    for (JsonNode l : locations) {
      if (l.path("has_map").asBoolean()) {
        out.add(l.get("slug").asText());
      }
      collect(l.path("children"), out);
    }
  }

  String largestMapLocation() throws Exception {
    String best = null;
    int most = -1;
    for (String slug : mapLocations()) {
      int rooms = 0;
      for (JsonNode deck : session.getJson("api/gm/encounter-map/" + slug + "/all-decks/").get("decks")) {
        rooms += deck.get("rooms").size();
      }
      if (rooms > most) {
        most = rooms;
        best = slug;
      }
    }
    return best;
  }

  String anotherMapLocation(String not) throws Exception {
    return mapLocations().stream().filter(s -> !s.equals(not)).findFirst().orElseThrow();
  }

  /** A room at least two cells wide on the displayed deck, so a token can step inside it. */
  JsonNode firstRoomOfCurrentDeck() throws Exception {
    JsonNode state = gmState();
    JsonNode map = session.getJson("api/gm/encounter-map/" + state.get("location_slug").asText() + "/?deck_id="
        + state.get("encounter_deck_id").asText());
    for (JsonNode room : map.get("current_deck").get("rooms")) {
      if (room.get("width").asInt() >= 2) {
        return room;
      }
    }
    throw new IllegalStateException("no room two cells wide");
  }

  String placeToken(String name, String type, int x, int y) throws Exception {
    return session.postJson("api/gm/encounter/place-token/",
        "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"x\":" + x + ",\"y\":" + y + "}").get("token_id").asText();
  }

  String firstNpcWithPortrait() throws Exception {
    var it = gmState().get("encounter_npc_data").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().path("portrait").asText().isEmpty()) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("no NPC with a portrait");
  }
}
