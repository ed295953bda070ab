package dev.charon.activeview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.DoorIds;

/**
 * One committed version of the state with both projections rendered. The JSON of an event is
 * produced once here and the same string goes to every subscriber; a full snapshot (sent on
 * connect and by {@code GET /api/active-view/}) is serialised at most once per version, lazily.
 * The rendered trees are never modified after construction.
 */
final class Snapshot {
  /** The event name every client listens for (seed check 1). */
  static final String EVENT_NAME = "activeview";
  /** Browsers wait this long before their own reconnect attempt. */
  static final long SSE_RETRY_MILLIS = 3000;

  final String epoch;
  final long version;
  final ActiveViewState state;
  /** The campaign both projections were rendered with: a reload re-renders even an equal state. */
  final Campaign campaign;
  private final DoorIds doorIds;
  private final ObjectNode player;
  private final ObjectNode gm;
  private final Frame playerPatch;
  private final Frame gmPatch;
  private final Projection.TokenNodes tokenNodes;
  private String playerJson; // guarded by this
  private String gmJson; // guarded by this
  private Frame playerFirst; // guarded by this
  private Frame gmFirst; // guarded by this

  private Snapshot(String epoch, long version, ActiveViewState state, Campaign campaign, DoorIds doorIds,
      ObjectNode player, ObjectNode gm, Frame playerPatch, Frame gmPatch, Projection.TokenNodes tokenNodes) {
    this.tokenNodes = tokenNodes;
    this.epoch = epoch;
    this.version = version;
    this.state = state;
    this.campaign = campaign;
    this.doorIds = doorIds;
    this.player = player;
    this.gm = gm;
    this.playerPatch = playerPatch;
    this.gmPatch = gmPatch;
  }

  static Snapshot first(String epoch, ActiveViewState state, Campaign campaign, DoorIds doorIds) {
    Projection.TokenNodes nodes = new Projection.TokenNodes();
    return new Snapshot(epoch, 1, state, campaign, doorIds, Projection.PLAYER.render(state, campaign, doorIds, nodes),
        Projection.GM.render(state, campaign, doorIds, nodes), null, null, nodes);
  }

  /** The next version: renders both projections and the patch events from this one. */
  Snapshot next(ActiveViewState nextState, Campaign nextCampaign) {
    long nextVersion = version + 1;
    Projection.TokenNodes nodes = tokenNodes.next();
    ObjectNode nextPlayer = Projection.PLAYER.render(nextState, nextCampaign, doorIds, nodes);
    ObjectNode nextGm = Projection.GM.render(nextState, nextCampaign, doorIds, nodes);
    nodes.forgetPrevious();
    return new Snapshot(epoch, nextVersion, nextState, nextCampaign, doorIds, nextPlayer, nextGm,
        patchEvent(nextVersion, MergePatch.diff(player, nextPlayer)),
        patchEvent(nextVersion, MergePatch.diff(gm, nextGm)), nodes);
  }

  private Frame patchEvent(long v, ObjectNode patch) {
    ObjectNode data = Projection.JSON.createObjectNode();
    data.put("epoch", epoch);
    data.put("version", v);
    data.put("base", v - 1);
    data.set("patch", patch);
    return event(v, write(data), false);
  }

  Frame patch(Projection p) {
    return p == Projection.GM ? gmPatch : playerPatch;
  }

  /**
   * The first frame of a stream: the whole projection, with the reconnect hint. Rendered once per
   * version and projection: a thousand screens connecting to the same version get the same bytes
   * (rendering it per stream, two kilobytes scanned for line breaks and encoded, was 5 % of the
   * server's CPU in a profile of connects).
   */
  synchronized Frame snapshotEvent(Projection p) {
    if (p == Projection.GM) {
      if (gmFirst == null) {
        gmFirst = event(version, json(p), true);
      }
      return gmFirst;
    }
    if (playerFirst == null) {
      playerFirst = event(version, json(p), true);
    }
    return playerFirst;
  }

  synchronized String json(Projection p) {
    if (p == Projection.GM) {
      if (gmJson == null) {
        gmJson = write(withVersion(gm));
      }
      return gmJson;
    }
    if (playerJson == null) {
      playerJson = write(withVersion(player));
    }
    return playerJson;
  }

  private ObjectNode withVersion(ObjectNode projection) {
    ObjectNode o = Projection.JSON.createObjectNode();
    o.put("epoch", epoch);
    o.put("version", version);
    o.setAll(projection);
    return o;
  }

  private static Frame event(long v, String json, boolean withRetry) {
    return Frame.event(EVENT_NAME, Long.toString(v), json, withRetry ? SSE_RETRY_MILLIS : -1);
  }

  static String write(ObjectNode node) {
    try {
      return Projection.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a projection must always serialise", e);
    }
  }
}
