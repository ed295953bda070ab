package dev.charon.campaign;

import org.junit.jupiter.api.Test;

class FixtureDumpTest {
  @Test
  void dump() {
    Campaign c = Fixture.campaign();
    for (Location l : c.allLocations()) {
      System.out.println(String.join("/", l.path()) + " [" + l.type() + "] map=" + l.map().map(m -> m.decks().size() + " decks " + m.allRooms().size() + " rooms grid=" + m.defaultDeck().grid().isPresent()).orElse("-") + " terms=" + l.terminals().size());
      l.terminals().forEach(t -> System.out.println("   T " + t.slug() + " owner=" + t.owner() + " in=" + t.inbox().size() + " sent=" + t.sent().size() + " " + (t.inbox().isEmpty() ? "" : t.inbox().get(0).timestamp())));
    }
    c.npcs().values().forEach(n -> System.out.println("NPC " + n));
    c.crew().forEach(n -> System.out.println("CREW " + n.id() + " " + n.portraitUrl()));
    c.problems().forEach(p -> System.out.println("PROBLEM " + p));
    System.out.println(c.ship());
    c.sessions().forEach(s -> System.out.println("S " + s.number() + " " + s.date() + " " + s.npcs()));
    System.out.println(c.images() + " " + c.contentVersion());
  }
}
