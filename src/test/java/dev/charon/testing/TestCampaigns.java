package dev.charon.testing;

import dev.charon.campaign.Campaign;
import dev.charon.campaign.CommTerminal;
import dev.charon.campaign.Deck;
import dev.charon.campaign.EncounterMap;
import dev.charon.campaign.Location;
import dev.charon.campaign.Npc;
import dev.charon.campaign.Ship;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small campaign built in code for the real-time core's tests: a ship with two decks (the
 * first large enough for thousands of tokens), a station without a map, two NPCs, a ship file.
 */
public final class TestCampaigns {
  private TestCampaigns() {}

  public static final String SHIP = "testship";
  public static final String STATION = "outpost";

  public static Campaign standard() {
    Deck upper = new Deck("deck_a", "Upper Deck", 1, Optional.of(new Deck.Grid(120, 120, 40)),
        List.of(
            new Deck.Room("bridge", "Bridge", 0, 0, 60, 120, "OPERATIONAL", "Command"),
            new Deck.Room("cargo", "Cargo", 60, 0, 60, 100, "WARNING", "Crates")),
        List.of(new Deck.Connection("c_bridge_cargo", "bridge", "cargo", "standard", "CLOSED")),
        List.of(), List.of(), "");
    Deck lower = new Deck("deck_b", "Lower Deck", 2, Optional.of(new Deck.Grid(10, 10, 40)),
        List.of(
            new Deck.Room("engine", "Engine", 0, 0, 5, 5, "HAZARD", "Hot"),
            new Deck.Room("hold", "Hold", 5, 0, 5, 5, "OFFLINE", "Dark")),
        List.of(new Deck.Connection("c_engine_hold", "engine", "hold", "airlock", "SEALED")),
        List.of(), List.of(), "");
    EncounterMap map = new EncounterMap(true, List.of(upper, lower), "deck_a", Map.of("name", "Test ship"), 2);
    CommTerminal ops = new CommTerminal("ops", "Ops", "Captain", "OPS-1", "PUBLIC", "Ops terminal", List.of(), List.of());
    Location ship = new Location(SHIP, List.of("sys", SHIP), "Test Ship", "ship", "OPERATIONAL", "",
        Optional.of(map), List.of(ops), List.of(), Map.of());
    Location station = new Location(STATION, List.of("sys", STATION), "Outpost", "station", "", "",
        Optional.empty(), List.of(), List.of(), Map.of());
    Location system = new Location("sys", List.of("sys"), "System", "system", "", "", Optional.empty(),
        List.of(), List.of(ship, station), Map.of());
    Map<String, Npc> npcs = new LinkedHashMap<>();
    npcs.put("vance", new Npc("vance", "Dr. Vance", "api/campaign/images/npcs/vance.png", "", "", "", "", ""));
    npcs.put("harrow", new Npc("harrow", "Captain Harrow", "", "", "", "", "", ""));
    Map<String, Ship.ShipSystem> systems = new LinkedHashMap<>();
    for (String s : List.of("life_support", "engines", "weapons", "comms")) {
      systems.put(s, new Ship.ShipSystem("ONLINE", 100, "nominal"));
    }
    Ship shipData = new Ship("Test Ship", systems, Map.of("name", "Test Ship"));
    return new Campaign(List.of(system), npcs, List.of(), Optional.of(shipData), List.of(), "test-1", List.of(),
        java.util.Set.of(), Optional.empty(), dev.charon.campaign.CharonContext.DEFAULT);
  }
}
