package dev.charon.activeview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.Deck;
import dev.charon.campaign.DoorIds;
import dev.charon.campaign.EncounterMap;
import dev.charon.campaign.Location;
import dev.charon.campaign.Npc;
import dev.charon.encounter.Token;
import dev.charon.web.JsonMapper;
import java.util.Map;
import java.util.Optional;

/**
 * What each audience may see of the state. The GM sees everything; players never receive a GM
 * secret: not the ids of hidden rooms, not tokens in hidden rooms or marked hidden, not doors
 * of unrevealed areas, not the names of NPCs they have not been shown. Doors carry the opaque
 * ids of {@link DoorIds} for players (the same as in the player map), never the campaign's own,
 * which usually name the rooms a door joins.
 *
 * <p>Static campaign data (map geometry, terminal texts) is never part of a projection: clients
 * fetch it by REST when location or deck changes, which keeps events small.
 */
public enum Projection {
  PLAYER, GM;

  static final ObjectMapper JSON = new ObjectMapper(JsonMapper.factory());

  /**
   * @param tokenNodes the JSON of tokens rendered for the previous version: unchanged tokens (the
   *     same instance) reuse their node, so a write costs O(changed) JSON building and the diff
   *     of two renderings compares unchanged tokens by identity
   */
  ObjectNode render(ActiveViewState s, Campaign campaign, DoorIds doorIds, TokenNodes tokenNodes) {
    boolean gm = this == GM;
    Optional<Location> location = campaign.location(s.locationSlug());
    Optional<EncounterMap> map = location.flatMap(Location::map);

    ObjectNode o = JSON.createObjectNode();
    o.put("view_type", s.viewType().name());
    o.put("location_slug", s.locationSlug());
    o.put("view_slug", s.viewSlug());
    o.put("overlay_location_slug", s.overlayLocationSlug());
    o.put("overlay_terminal_slug", s.overlayTerminalSlug());
    o.put("charon_mode", s.charonMode());
    o.put("charon_location_path", s.charonLocationPath());
    o.put("charon_dialog_open", s.charonDialogOpen());
    o.put("charon_active_channel", s.charonActiveChannel());
    o.put("encounter_level", s.encounterLevel());
    o.put("encounter_deck_id", s.encounterDeckId());
    // Changes when the campaign is reloaded: clients refetch static data (maps, terminals) then.
    o.put("campaign_version", campaign.contentVersion());

    ObjectNode visibility = o.putObject("encounter_room_visibility");
    s.roomVisibility().forEach((room, visible) -> {
      if (gm || visible) {
        visibility.put(room, visible);
      }
    });

    ObjectNode doors = o.putObject("encounter_door_status");
    s.doorStatus().forEach((connectionId, status) -> {
      if (gm) {
        doors.put(connectionId, status);
      } else if (doorSeenByPlayers(connectionId, s, map)) {
        doors.put(doorIds.forPlayers(s.locationSlug(), connectionId), status);
      }
    });

    ObjectNode tokens = o.putObject("encounter_tokens");
    s.tokens().forEach((id, token) -> {
      if (gm || s.playersSee(token)) {
        tokens.set(id, tokenNodes.node(token));
      }
    });

    ArrayNode portraits = o.putArray("encounter_active_portraits");
    s.activePortraits().forEach(portraits::add);

    ObjectNode npcs = o.putObject("encounter_npc_data");
    for (Map.Entry<String, Npc> e : campaign.npcs().entrySet()) {
      if (gm || s.activePortraits().contains(e.getKey())) {
        Npc npc = e.getValue();
        npcs.putObject(npc.id()).put("id", npc.id()).put("name", npc.name()).put("portrait", npc.portraitUrl());
      }
    }

    ObjectNode ship = o.putObject("ship_system_overrides");
    s.shipOverrides().forEach((system, override) -> {
      ObjectNode node = ship.putObject(system);
      if (override.status() != null) {
        node.put("status", override.status());
      }
      if (override.condition() != null) {
        node.put("condition", override.condition());
      }
      if (override.info() != null) {
        node.put("info", override.info());
      }
    });

    // The BRIDGE navigation is the same for both: the GM sees what the table sees.
    BridgeNav nav = s.bridge();
    o.put("bridge_tab", nav.tab().name());
    o.putObject("bridge_map").put("level", nav.level().wire()).put("system", nav.system()).put("body", nav.body())
        .put("station", nav.station());
    o.put("bridge_explore", nav.explore());
    // Both see it: phones show whether they may drag, the GM console the switch.
    o.put("player_movement", s.playerMovement());
    // Both see them: the terminals follow the projector, the GM console shows both switches.
    Projector p = s.projector();
    if (p == null) {
      o.putNull("projector");
    } else {
      o.putObject("projector").put("location_slug", p.locationSlug()).put("deck_id", p.deckId())
          .put("x", p.x()).put("y", p.y()).put("width", p.width()).put("height", p.height());
    }
    o.put("legend_visible", s.legendVisible());
    renderInitiative(o, s, gm);

    if (s.viewType() == ViewType.ENCOUNTER && location.isPresent()) {
      Location l = location.get();
      o.put("location_type", l.type().isEmpty() ? "unknown" : l.type());
      o.put("location_name", l.name());
      ArrayNode path = o.putArray("location_path");
      l.path().forEach(path::add);
      o.put("encounter_has_map", map.isPresent());
      map.ifPresent(m -> {
        o.put("encounter_total_decks", m.totalDecks());
        m.deck(s.encounterDeckId()).ifPresent(d -> o.put("encounter_deck_name", d.name()));
      });
    }
    return o;
  }

  /**
   * The turn order, always an object so that a merge patch rebuilds exactly what a snapshot says (a
   * null would remove the key): {@code order} empty when there is none, {@code current} -1 when no one's
   * turn is shown. Players get only the tokens they see, in order: a hidden token (or one in a hidden
   * room) is left out, and while it is the current one their {@code current} is -1 (the turn belongs to
   * something they cannot see; naming the next visible one instead would tell them wrongly that it is
   * that token's turn). With no visible token at all they get the empty order, as if there were none.
   */
  private static void renderInitiative(ObjectNode o, ActiveViewState s, boolean gm) {
    ObjectNode node = o.putObject("initiative");
    ArrayNode order = node.putArray("order");
    Initiative initiative = s.initiative();
    if (initiative == null) {
      node.put("current", -1);
      return;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    s.tokens().forEach((id, token) -> {
      if (gm || s.playersSee(token)) {
        seen.add(id);
      }
    });
    Initiative.Visible visible = initiative.visibleTo(seen);
    visible.order().forEach(order::add);
    node.put("current", visible.currentIndex());
  }

  /** Players see a door when at least one of the rooms it joins is revealed. */
  private static boolean doorSeenByPlayers(String connectionId, ActiveViewState s, Optional<EncounterMap> map) {
    return map.flatMap(m -> m.connection(connectionId))
        .map(c -> s.revealed(c.from()) || s.revealed(c.to()))
        .orElse(false);
  }

  /** Token JSON by token instance, carried from one version to the next. */
  static final class TokenNodes {
    private record Rendered(Token token, ObjectNode node) {}

    private final java.util.Map<String, Rendered> rendered = new java.util.HashMap<>();
    private TokenNodes previous; // only while the next version renders, so no chain builds up

    /** A cache for the next version, that may reuse this version's nodes. */
    TokenNodes next() {
      TokenNodes next = new TokenNodes();
      next.previous = this;
      return next;
    }

    /** Called under the ActiveView lock, by one thread at a time. */
    ObjectNode node(Token token) {
      Rendered r = rendered.get(token.id());
      if (r != null && r.token == token) {
        return r.node;
      }
      Rendered old = previous == null ? null : previous.rendered.get(token.id());
      ObjectNode node = old != null && old.token == token ? old.node : token.toJson();
      rendered.put(token.id(), new Rendered(token, node));
      return node;
    }

    void forgetPrevious() {
      previous = null;
    }
  }
}
