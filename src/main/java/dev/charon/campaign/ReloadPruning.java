package dev.charon.campaign;

import dev.charon.activeview.ActiveViewState;
import dev.charon.activeview.BridgeCommands;
import dev.charon.activeview.BridgeNav;
import dev.charon.activeview.ShipOverride;
import dev.charon.activeview.Transition;
import dev.charon.activeview.ViewType;
import dev.charon.encounter.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one state transition applied after a campaign reload: it drops whatever the state points at
 * that the new campaign no longer has, so no screen shows a room, door, token or portrait that
 * does not exist. What survives keeps its value; a token whose cell now lies in another room
 * follows the cell (the server derives rooms from cells).
 */
final class ReloadPruning {
  private ReloadPruning() {}

  static Transition<Map<String, Object>> afterReload() {
    return (s, campaign) -> {
      ActiveViewState.Builder b = s.toBuilder();
      Map<String, Object> dropped = new LinkedHashMap<>();
      Optional<Location> location = campaign.location(s.locationSlug());
      Optional<EncounterMap> map = location.flatMap(Location::map);

      if (!s.locationSlug().isEmpty() && location.isEmpty()) {
        dropped.put("location", s.locationSlug());
        b.locationSlug("");
        if (s.viewType() == ViewType.ENCOUNTER) {
          b.viewType(ViewType.STANDBY);
        }
      }
      Map<String, Boolean> visibility = new LinkedHashMap<>();
      List<String> rooms = new ArrayList<>();
      s.roomVisibility().forEach((id, v) -> keepIf(map.flatMap(m -> m.room(id)).isPresent(), id, v, visibility, rooms));
      Map<String, String> doors = new LinkedHashMap<>();
      List<String> doorIds = new ArrayList<>();
      s.doorStatus().forEach((id, v) -> keepIf(map.flatMap(m -> m.connection(id)).isPresent(), id, v, doors, doorIds));
      Map<String, Token> tokens = new LinkedHashMap<>();
      List<String> tokenIds = new ArrayList<>();
      s.tokens().forEach((id, t) -> {
        Optional<Deck.Room> room = map.flatMap(m -> m.deck(t.deckId())).flatMap(d -> d.roomAt(t.x(), t.y()));
        if (room.isPresent()) {
          tokens.put(id, room.get().id().equals(t.roomId()) ? t : t.movedTo(t.x(), t.y(), room.get().id(), t.deckId()));
        } else {
          tokenIds.add(id);
        }
      });
      b.roomVisibility(visibility).doorStatus(doors).tokens(tokens);
      put(dropped, "rooms", rooms);
      put(dropped, "doors", doorIds);
      put(dropped, "tokens", tokenIds);

      if (map.isEmpty()) {
        b.deck(1, "");
      } else if (map.get().deck(s.encounterDeckId()).isEmpty()) {
        Deck fallback = map.get().defaultDeck();
        if (!s.encounterDeckId().isEmpty()) {
          dropped.put("deck", s.encounterDeckId());
        }
        b.deck(fallback.level(), fallback.id());
      }

      if (s.overlayOpen() && campaign.location(s.overlayLocationSlug())
          .flatMap(l -> l.terminal(s.overlayTerminalSlug())).isEmpty()) {
        dropped.put("overlay", s.overlayLocationSlug() + "/" + s.overlayTerminalSlug());
        b.overlay("", "");
      }
      List<String> portraits = new ArrayList<>();
      List<String> gonePortraits = new ArrayList<>();
      s.activePortraits().forEach(id -> (campaign.npc(id).isPresent() ? portraits : gonePortraits).add(id));
      b.activePortraits(portraits);
      put(dropped, "portraits", gonePortraits);

      Map<String, ShipOverride> overrides = new LinkedHashMap<>();
      List<String> goneSystems = new ArrayList<>();
      s.shipOverrides().forEach((k, v) -> keepIf(campaign.ship().map(sh -> sh.systems().containsKey(k)).orElse(false),
          k, v, overrides, goneSystems));
      b.shipOverrides(overrides);
      put(dropped, "ship_systems", goneSystems);

      if (!s.charonLocationPath().isEmpty() && campaign.allLocations().stream()
          .noneMatch(l -> String.join("/", l.path()).equals(s.charonLocationPath()))) {
        dropped.put("charon_location_path", s.charonLocationPath());
        b.charonLocationPath("");
      }
      BridgeNav nav = BridgeCommands.pruned(s.bridge(), campaign);
      if (!nav.equals(s.bridge())) {
        dropped.put("bridge_map", s.bridge().level().wire() + ":" + String.join("/", List.of(s.bridge().system(),
            s.bridge().body(), s.bridge().station())));
        b.bridge(nav);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("content_version", campaign.contentVersion());
      result.put("problems", campaign.problems().size());
      result.put("dropped", dropped);
      return Transition.change(b.build(), result);
    };
  }

  private static <V> void keepIf(boolean keep, String id, V value, Map<String, V> kept, List<String> gone) {
    if (keep) {
      kept.put(id, value);
    } else {
      gone.add(id);
    }
  }

  private static void put(Map<String, Object> dropped, String key, List<String> ids) {
    if (!ids.isEmpty()) {
      dropped.put(key, ids);
    }
  }
}
