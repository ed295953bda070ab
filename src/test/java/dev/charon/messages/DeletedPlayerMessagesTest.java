package dev.charon.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recipients and read marks are kept by username. Deleting a player must take their private
 * messages with them: a new account created later under the same name is another person.
 */
class DeletedPlayerMessagesTest extends ApiTestBase {

  private long send(String json) {
    Agent.Reply r = gm().post("api/gm/broadcast/", json);
    assertEquals(200, r.status(), r.body());
    return r.json().get("message_id").asLong();
  }

  private static List<String> contents(Agent reader) {
    Agent.Reply r = reader.get("api/messages/");
    assertEquals(200, r.status(), r.body());
    return r.json().get("messages").findValuesAsText("content");
  }

  @Test
  void aNewAccountUnderADeletedPlayersNameSeesNoneOfTheirMessages() {
    Agent oldAlice = player("alice");
    Agent bob = player("bob");
    send("{\"content\":\"alice: the code is 4711\",\"recipients\":[\"alice\"]}");
    send("{\"content\":\"alice and bob: meet at the airlock\",\"recipients\":[\"alice\",\"bob\"]}");
    long everyone = send("{\"content\":\"to everyone\"}");
    assertEquals(200, oldAlice.post("api/messages/read/", "{\"ids\":[" + everyone + "]}").status());
    assertEquals(List.of("to everyone", "alice and bob: meet at the airlock", "alice: the code is 4711"),
        contents(oldAlice));

    assertEquals(200, gm().delete("api/gm/players/alice/").status());
    Agent newAlice = player("alice");

    JsonNode page = newAlice.get("api/messages/").json();
    assertEquals(List.of("to everyone"), page.get("messages").findValuesAsText("content"),
        "the new alice gets broadcasts only");
    assertFalse(page.get("messages").get(0).get("read").asBoolean(), "and not the old alice's read marks");
    assertEquals(List.of("to everyone", "alice and bob: meet at the airlock"), contents(bob),
        "bob keeps the message he shared with the old alice");

    JsonNode export = gm().get("api/gm/messages/export/").json().get("messages");
    List<String> exported = new ArrayList<>();
    export.forEach(m -> exported.add(m.get("content").asText() + " -> " + m.get("recipients")
        + " read by " + m.get("read_by").findValuesAsText("username")));
    assertEquals(List.of("alice and bob: meet at the airlock -> [\"bob\"] read by []", "to everyone -> [] read by []"),
        exported, "the message only the old alice received is gone, not turned into a broadcast");
    assertTrue(contents(agent()).equals(List.of("to everyone")), "the terminal sees only the broadcast");
  }
}
