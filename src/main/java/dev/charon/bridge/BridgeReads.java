package dev.charon.bridge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.campaign.BridgeMaps;
import dev.charon.campaign.Cacheable;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.Npc;
import dev.charon.campaign.OrbitMap;
import dev.charon.campaign.Session;
import dev.charon.campaign.StarMap;
import dev.charon.campaign.SystemMap;
import dev.charon.web.ApiError;

/**
 * The BRIDGE reads: the maps as loaded (validated, computed fields added) and the personnel and
 * logs as far as the caller may see them. Nothing here reads a file; each answer names what it
 * depends on for its ETag (the campaign's content version, and for players what is disclosed).
 */
public final class BridgeReads {
  private final CampaignHolder holder;
  private final Disclosures disclosures;

  public BridgeReads(CampaignHolder holder, Disclosures disclosures) {
    this.holder = holder;
    this.disclosures = disclosures;
  }

  public Cacheable starMap() {
    Campaign c = holder.current();
    StarMap m = c.maps().starMap().orElseThrow(() -> ApiError.notFound(null, "Star map data not found"));
    return Cacheable.json(m::json, "star-map", c.contentVersion());
  }

  public Cacheable systemMap(String system) {
    Campaign c = holder.current();
    SystemMap m = c.maps().systemMap(system)
        .orElseThrow(() -> ApiError.notFound("system", "System map not found"));
    return Cacheable.json(m::json, "system-map", c.contentVersion(), system);
  }

  public Cacheable orbitMap(String system, String body) {
    Campaign c = holder.current();
    BridgeMaps maps = c.maps();
    OrbitMap m = maps.orbitMap(system, body).orElseThrow(() -> {
      boolean systemKnown = maps.knowsSystem(system)
          || maps.orbitMaps().values().stream().anyMatch(o -> o.systemSlug().equals(system));
      return ApiError.notFound(systemKnown ? "body" : "system", "Orbit map not found");
    });
    return Cacheable.json(m::json, "orbit-map", c.contentVersion(), system, body);
  }

  /** Players: the crew and only the NPCs the GM has marked as known to them. */
  public Cacheable playerPersonnel() {
    Campaign c = holder.current();
    Disclosures.Lists lists = disclosures.lists();
    return Cacheable.json(() -> {
      ObjectNode o = crew(c);
      ArrayNode npcs = o.putArray("npcs");
      lists.knownNpcs().forEach(id -> c.npc(id).ifPresent(n -> npcs.add(BridgeJson.npc(n))));
      return o;
    }, "personnel", c.contentVersion(), lists.knownNpcs());
  }

  /** The GM: every NPC, each with whether the crew knows it. */
  public Cacheable gmPersonnel() {
    Campaign c = holder.current();
    Disclosures.Lists lists = disclosures.lists();
    return Cacheable.json(() -> {
      ObjectNode o = crew(c);
      ArrayNode npcs = o.putArray("npcs");
      for (Npc n : c.npcs().values()) {
        npcs.add(BridgeJson.npc(n).put("known", lists.knownNpcs().contains(n.id())));
      }
      return o;
    }, "gm-personnel", c.contentVersion(), lists.knownNpcs());
  }

  /** Players: the logs they may read, newest first. */
  public Cacheable playerLogs() {
    Campaign c = holder.current();
    Disclosures.Lists lists = disclosures.lists();
    return Cacheable.json(() -> {
      ObjectNode o = BridgeJson.JSON.createObjectNode();
      ArrayNode sessions = o.putArray("sessions");
      for (Session s : c.sessions()) {
        if (lists.visibleLogs().contains(s.filename())) {
          sessions.add(BridgeJson.session(s));
        }
      }
      return o;
    }, "logs", c.contentVersion(), lists.visibleLogs());
  }

  /** The GM: every log, with whether players may read it and what the default rule would say. */
  public Cacheable gmLogs() {
    Campaign c = holder.current();
    Disclosures.Lists lists = disclosures.lists();
    return Cacheable.json(() -> {
      ObjectNode o = BridgeJson.JSON.createObjectNode();
      ArrayNode sessions = o.putArray("sessions");
      for (Session s : c.sessions()) {
        sessions.add(BridgeJson.session(s).put("visible", lists.visibleLogs().contains(s.filename()))
            .put("visible_by_default", Disclosures.visibleByDefault(s, c)));
      }
      return o;
    }, "gm-logs", c.contentVersion(), lists.visibleLogs());
  }

  private static ObjectNode crew(Campaign c) {
    ObjectNode o = BridgeJson.JSON.createObjectNode();
    ArrayNode crew = o.putArray("crew");
    c.crew().forEach(m -> crew.add(BridgeJson.crew(m)));
    return o;
  }
}
