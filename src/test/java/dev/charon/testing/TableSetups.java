package dev.charon.testing;

/** States the endpoint-table tests (access matrix, strict bodies) put the table in before a request. */
public final class TableSetups {
  private TableSetups() {}

  /** The test ship's encounter on the terminal. */
  public static void onShip(ApiTestBase t) {
    t.postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + TestCampaigns.SHIP + "\"}");
  }

  /** The ship's encounter with one token on it; returns the token's id. */
  public static String withToken(ApiTestBase t) {
    onShip(t);
    return t.postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
  }

  /** The ship's encounter with two tokens in a turn order; returns the first token's id. */
  public static String withOrder(ApiTestBase t) {
    String first = withToken(t);
    String second = t.postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Bishop\",\"x\":5,\"y\":6}")
        .get("token_id").asText();
    t.postOk("api/gm/encounter/initiative/set/", "{\"order\":[\"" + first + "\",\"" + second + "\"]}");
    return first;
  }

  /** One broadcast message stored. */
  public static void withMessage(ApiTestBase t) {
    t.postOk("api/gm/broadcast/", "{\"content\":\"hello\"}");
  }

  /** CHARON's own screen on the terminal (channel story) taking questions. */
  public static void charonQuery(ApiTestBase t) {
    t.postOk("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
    t.postOk("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
  }

  /** A ready draft on story (the campaign's fallback reply: no model in these tests); its pending id. */
  public static String withDraft(ApiTestBase t) {
    Agent.Reply r = t.gm().post("api/gm/charon/story/generate/", "{\"prompt\":\"report\"}");
    if (r.status() != 202) {
      throw new AssertionError("generate: " + r);
    }
    return r.json().get("pending_id").asText();
  }
}
