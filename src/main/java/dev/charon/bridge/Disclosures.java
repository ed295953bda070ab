package dev.charon.bridge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.activeview.ActiveView;
import dev.charon.activeview.ActiveViewState;
import dev.charon.activeview.Frame;
import dev.charon.activeview.Projection;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.Session;
import dev.charon.platform.Tx;
import dev.charon.web.ApiError;
import dev.charon.web.JsonMapper;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the GM has disclosed to the crew: the NPCs they know (PERSONNEL shows players only these;
 * the original showed every NPC, spoilers included) and the session logs they may read (LOGS).
 * Each choice is a row in H2, so it survives restarts; every change is pushed on both streams as
 * {@code event: bridge} with the lists players may see, and nothing else: a player stream never
 * carries the id of an NPC the crew does not know.
 *
 * <p>Default for logs, where the GM has not chosen: every session but the newest (the highest
 * {@code session_number}, today's, whose log the GM may still be writing) is readable. A campaign
 * without session numbers shows them all.
 */
public final class Disclosures implements ActiveView.Feed {
  /** The SSE event name of every disclosure frame. */
  static final String EVENT_NAME = "bridge";
  /** NPC ids and session file names in requests; longer ones name nothing. */
  public static final int MAX_NPC_ID_CHARS = 200;
  public static final int MAX_SESSION_CHARS = 255;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The GM's choices; replaced (never modified) under {@link #writeLock}, read without a lock. */
  record Marks(Set<String> knownNpcs, Map<String, Boolean> logs) {
    Marks {
      knownNpcs = Collections.unmodifiableSet(new HashSet<>(knownNpcs));
      logs = Collections.unmodifiableMap(new HashMap<>(logs));
    }
  }

  /** What players may see, in campaign order: the content of every event. */
  record Lists(List<String> knownNpcs, List<String> visibleLogs) {}

  private final EntityManagerFactory emf;
  private final ActiveView activeView;
  private final CampaignHolder campaign;
  private final Clock clock;
  // One write at a time: each commits its row and then publishes, so pushes follow commit order.
  private final Object writeLock = new Object();
  private volatile Marks marks;
  /** The lists last pushed and the campaign they came from; only touched under the view's lock. */
  private Lists published;
  private Campaign publishedFor;
  /** A new stream's frame and what it was made from (campaign, marks); only touched under the view's lock. */
  private Frame snapshotFrame;
  private Campaign snapshotCampaign;
  private Marks snapshotMarks;

  public Disclosures(EntityManagerFactory emf, ActiveView activeView, CampaignHolder campaign, Clock clock) {
    this.emf = emf;
    this.activeView = activeView;
    this.campaign = campaign;
    this.clock = clock;
    this.marks = Tx.read(emf, em -> {
      Set<String> known = new HashSet<>(em.createQuery("SELECT n.npcId FROM KnownNpcRow n", String.class)
          .getResultList());
      Map<String, Boolean> logs = new HashMap<>();
      em.createQuery("SELECT l FROM LogVisibilityRow l", LogVisibilityRow.class).getResultList()
          .forEach(l -> logs.put(l.sessionFile, l.visible));
      return new Marks(known, logs);
    });
    activeView.publish(av -> {
      publishedFor = campaign.current();
      published = lists(publishedFor, marks);
      return null;
    });
    activeView.addFeed(this);
  }

  // ---------------------------------------------------------------- reads

  public boolean known(String npcId) {
    return marks.knownNpcs().contains(npcId);
  }

  /** Whether players may read this log: the GM's choice, else {@link #visibleByDefault}. */
  public boolean visible(Session s, Campaign c) {
    Boolean chosen = marks.logs().get(s.filename());
    return chosen != null ? chosen : visibleByDefault(s, c);
  }

  /** Every session but the newest by number; all of them when none has a number. */
  public static boolean visibleByDefault(Session s, Campaign c) {
    int newest = c.sessions().stream().mapToInt(Session::number).max().orElse(0);
    return newest <= 0 || s.number() < newest;
  }

  /** The lists players may see now. */
  public Lists lists() {
    return lists(campaign.current(), marks);
  }

  static Lists lists(Campaign c, Marks m) {
    List<String> npcs = c.npcs().keySet().stream().filter(m.knownNpcs()::contains).toList();
    List<String> logs = c.sessions().stream().filter(s -> {
      Boolean chosen = m.logs().get(s.filename());
      return chosen != null ? chosen : visibleByDefault(s, c);
    }).map(Session::filename).toList();
    return new Lists(npcs, logs);
  }

  // ---------------------------------------------------------------- GM writes

  /** Marks an NPC of the campaign as known (or not) to the crew; 404 for an id the campaign lacks. */
  public Map<String, Object> setKnown(String npcId, boolean known) {
    if (campaign.current().npc(npcId).isEmpty()) {
      throw ApiError.notFound("npc_id", "NPC not found");
    }
    synchronized (writeLock) {
      Tx.in(emf, em -> {
        KnownNpcRow row = em.find(KnownNpcRow.class, npcId);
        if (known && row == null) {
          em.persist(new KnownNpcRow(npcId, clock.instant()));
        } else if (!known && row != null) {
          em.remove(row);
        }
        return null;
      });
      Set<String> next = new HashSet<>(marks.knownNpcs());
      if (known) {
        next.add(npcId);
      } else {
        next.remove(npcId);
      }
      return commit(new Marks(next, marks.logs()), answer("npc_id", npcId, "known", known));
    }
  }

  /** Lets the players read a session log, or not; {@code session} is its file name. */
  public Map<String, Object> setLogVisible(String session, boolean visible) {
    Optional<Session> s = campaign.current().sessions().stream().filter(x -> x.filename().equals(session)).findFirst();
    if (s.isEmpty()) {
      throw ApiError.notFound("session", "Session log not found");
    }
    synchronized (writeLock) {
      Tx.in(emf, em -> {
        LogVisibilityRow row = em.find(LogVisibilityRow.class, session);
        if (row == null) {
          em.persist(new LogVisibilityRow(session, visible, clock.instant()));
        } else {
          row.visible = visible;
          row.setAt = clock.instant();
        }
        return null;
      });
      Map<String, Boolean> next = new HashMap<>(marks.logs());
      next.put(session, visible);
      return commit(new Marks(marks.knownNpcs(), next), answer("session", session, "visible", visible));
    }
  }

  private static Map<String, Object> answer(String idField, String id, String flagField, boolean flag) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put(idField, id);
    out.put(flagField, flag);
    return out;
  }

  /** Swaps the marks in and pushes the lists if players now see something else, under the view's lock. */
  private Map<String, Object> commit(Marks next, Map<String, Object> answer) {
    return activeView.publish(av -> {
      marks = next;
      Frame f = changed("disclosure");
      return new ActiveView.Pushed<>(f, f, answer);
    });
  }

  // ---------------------------------------------------------------- the feed

  @Override
  public Frame snapshot(Projection projection, ActiveViewState state) {
    // The same lists for both: they are what players may see, and the GM reads the rest by REST.
    // Made once per campaign and marks, not per stream: a thousand screens connect to the same.
    Campaign c = campaign.current();
    Marks m = marks;
    if (snapshotFrame == null || c != snapshotCampaign || m != snapshotMarks) {
      snapshotFrame = frame("snapshot", lists(c, m));
      snapshotCampaign = c;
      snapshotMarks = m;
    }
    return snapshotFrame;
  }

  /** A reload can add sessions (moving the default), or remove NPCs: players get the new lists. */
  @Override
  public ActiveView.Pushed<Void> afterChange(ActiveViewState before, ActiveViewState after) {
    if (campaign.current() == publishedFor) {
      return null;
    }
    Frame f = changed("disclosure");
    return f == null ? null : new ActiveView.Pushed<>(f, f, null);
  }

  /** A frame with the lists now, or null when they are what was last pushed. Under the view's lock. */
  private Frame changed(String type) {
    Campaign c = campaign.current();
    Lists now = lists(c, marks);
    publishedFor = c;
    if (now.equals(published)) {
      return null;
    }
    published = now;
    return frame(type, now);
  }

  static Frame frame(String type, Lists lists) {
    ObjectNode o = NODES.objectNode();
    o.put("type", type);
    ArrayNode npcs = o.putArray("known_npcs");
    lists.knownNpcs().forEach(npcs::add);
    ArrayNode logs = o.putArray("visible_logs");
    lists.visibleLogs().forEach(logs::add);
    try {
      return Frame.event(EVENT_NAME, null, JsonMapper.MAPPER.writeValueAsString(o), -1);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a disclosure event must always serialise", e);
    }
  }
}
