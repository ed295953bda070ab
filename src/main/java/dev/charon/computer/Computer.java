package dev.charon.computer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.activeview.ActiveView;
import dev.charon.activeview.ActiveViewState;
import dev.charon.activeview.Frame;
import dev.charon.activeview.Projection;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.platform.Tx;
import dev.charon.security.Throttle;
import dev.charon.web.ApiError;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CHARON's conversations: every write is checked, committed to H2 and pushed in one order under
 * one lock, so concurrent queries and GM lines all survive (the original's file cache kept 8 of
 * 30) and every screen sees them in the same order. The pushed events travel on the active
 * view's streams ({@link ActiveView.Feed}); the players' projection carries the conversation of
 * the channel on screen and never a draft, a prompt or the system prompt.
 *
 * <p>Model calls run on a small bounded pool, never on a request thread: a player's query is
 * answered at once (202) and its draft streams to the GM as the model writes it.
 */
public final class Computer implements ActiveView.Feed, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Computer.class.getName());
  /** A player's query: a question typed at a shared terminal, not an essay. */
  public static final int MAX_QUERY_CHARS = 500;
  /** A GM line, an approved or edited draft: the size of the message column. */
  public static final int MAX_CONTENT_CHARS = 4000;
  /** The GM's instruction and context override for a draft. */
  public static final int MAX_PROMPT_CHARS = 4000;
  /** Messages per channel in a snapshot; older ones are in the export. */
  static final int SNAPSHOT_MESSAGES = 200;
  /** Queries one client address may submit per minute (the terminal is anonymous). */
  public static final int QUERIES_PER_MINUTE = 10;
  /** Model calls at once: each mostly waits on the network; two keep a GM's table moving. */
  static final int DRAFT_THREADS = 2;
  /** Drafts that may wait for a thread; beyond that a draft fails at once with a clear message. */
  static final int DRAFT_QUEUE_CAPACITY = 32;
  static final long CLOSE_WAIT_SECONDS = 5;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Object lock = new Object();
  private final EntityManagerFactory emf;
  private final ActiveView activeView;
  private final CampaignHolder campaign;
  private final Optional<DraftModel> model;
  private final Clock clock;
  private final Throttle queries;
  private final ThreadPoolExecutor drafting;
  /** Model calls in progress, by draft id; guarded by lock. */
  private final Map<String, Future<?>> running = new HashMap<>();
  /** The last seq handed out; guarded by lock. */
  private long seq;
  /**
   * Every channel, in the order they appeared. Replaced (never modified) under both locks, so the
   * feed, running under the active view's lock, always sees a state that matches what was pushed.
   */
  private volatile Map<String, Channel> channels;
  private volatile long publishedSeq;
  private volatile Frame gmSnapshot; // cached for publishedSeq
  private volatile Frame playerSnapshot; // cached for publishedSeq and its channel

  public Computer(EntityManagerFactory emf, ActiveView activeView, CampaignHolder campaign,
      Optional<DraftModel> model, Clock clock) {
    this.emf = emf;
    this.activeView = activeView;
    this.campaign = campaign;
    this.model = model;
    this.clock = clock;
    this.queries = new Throttle(QUERIES_PER_MINUTE, Duration.ofMinutes(1), System::nanoTime);
    AtomicInteger n = new AtomicInteger();
    this.drafting = new ThreadPoolExecutor(DRAFT_THREADS, DRAFT_THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(DRAFT_QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "charon-draft-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    drafting.allowCoreThreadTimeOut(true);
    load();
    activeView.addFeed(this);
  }

  public ModelInfo modelInfo() {
    return model.map(DraftModel::info).orElse(ModelInfo.NONE);
  }

  // ---------------------------------------------------------------- loading

  /** Reads every channel; drafts a restart interrupted become failed ones the GM can regenerate. */
  private void load() {
    Instant now = clock.instant();
    Map<String, Channel> loaded = new LinkedHashMap<>();
    long maxSeq = Tx.in(emf, em -> {
      for (String builtIn : List.of(ChannelNames.STORY, ChannelNames.BRIDGE)) {
        if (em.find(ChannelRow.class, builtIn) == null) {
          em.persist(new ChannelRow(builtIn, now));
        }
      }
      em.flush();
      List<ChannelRow> rows = new ArrayList<>(
          em.createQuery("SELECT c FROM ChannelRow c ORDER BY c.createdAt, c.name", ChannelRow.class).getResultList());
      // story and bridge first, as the console lists them; the GM's own channels in creation order.
      rows.sort(java.util.Comparator.comparingInt(r -> r.name.equals(ChannelNames.STORY) ? 0
          : r.name.equals(ChannelNames.BRIDGE) ? 1 : 2));
      Map<String, List<ChatMessage>> messages = new HashMap<>();
      long max = 0;
      for (MessageRow m : em.createQuery("SELECT m FROM MessageRow m ORDER BY m.seq", MessageRow.class).getResultList()) {
        messages.computeIfAbsent(m.channel, k -> new ArrayList<>()).add(m.toMessage());
        max = Math.max(max, m.seq);
      }
      Map<String, Map<String, Draft>> drafts = new HashMap<>();
      for (DraftRow d : em.createQuery("SELECT d FROM DraftRow d ORDER BY d.createdAt, d.id", DraftRow.class)
          .getResultList()) {
        if (d.state == Draft.State.GENERATING) {
          d.state = Draft.State.FAILED;
          d.error = "Interrupted by a server restart: regenerate it";
          d.updatedAt = now;
        }
        String query = null;
        if (d.queryId != null) {
          query = messages.getOrDefault(d.channel, List.of()).stream().filter(m -> m.id().equals(d.queryId))
              .map(ChatMessage::content).findFirst().orElse(null);
        }
        drafts.computeIfAbsent(d.channel, k -> new LinkedHashMap<>()).put(d.id, d.toDraft(query));
      }
      for (ChannelRow r : rows) {
        loaded.put(r.name, new Channel(r.name, messages.getOrDefault(r.name, List.of()),
            drafts.getOrDefault(r.name, Map.of()), r.lastReadSeq));
      }
      return max;
    });
    this.seq = maxSeq;
    this.publishedSeq = maxSeq;
    this.channels = Collections.unmodifiableMap(loaded);
  }

  // ---------------------------------------------------------------- reads

  /** The conversation players may read: only the channel on the terminal. */
  public ObjectNode playerConversation(String name) {
    Channel c = existing(name);
    ActiveViewState av = activeView.state();
    if (!name.equals(av.charonActiveChannel())) {
      throw ApiError.conflict("channel", "This channel is not on the terminal");
    }
    ObjectNode o = NODES.objectNode();
    o.put("channel", name);
    o.put("mode", av.charonMode());
    o.put("seq", publishedSeq);
    o.set("messages", ComputerJson.messages(last(c.messages(), SNAPSHOT_MESSAGES)));
    return o;
  }

  public ObjectNode gmConversation(String name) {
    Channel c = existing(name);
    ObjectNode o = NODES.objectNode();
    o.put("channel", name);
    o.put("mode", activeView.state().charonMode());
    o.put("seq", publishedSeq);
    o.set("messages", ComputerJson.messages(c.messages()));
    o.set("drafts", ComputerJson.drafts(c.drafts().values()));
    return o;
  }

  public ObjectNode pending(String name) {
    Channel c = existing(name);
    ObjectNode o = NODES.objectNode();
    o.put("channel", name);
    o.set("pending", ComputerJson.drafts(c.drafts().values()));
    o.put("count", c.drafts().size());
    return o;
  }

  public ObjectNode channelList() {
    ObjectNode o = NODES.objectNode();
    ArrayNode list = o.putArray("channels");
    listed().forEach(c -> list.add(ComputerJson.summary(c)));
    return o;
  }

  /** The whole channel for the GM to keep: every message and the drafts still pending. */
  public ObjectNode export(String name) {
    Channel c = existing(name);
    ObjectNode o = NODES.objectNode();
    o.put("channel", name);
    o.put("exported_at", clock.instant().toString());
    o.set("messages", ComputerJson.messages(c.messages()));
    o.set("drafts", ComputerJson.drafts(c.drafts().values()));
    return o;
  }

  /** The listed channels plus the one on the terminal, so the GM always sees where players type. */
  private List<Channel> listed() {
    Map<String, Channel> all = channels;
    List<Channel> out = new ArrayList<>(all.values());
    String active = activeView.state().charonActiveChannel();
    if (active != null && !active.isEmpty() && !all.containsKey(active) && exists(active, all)) {
      out.add(Channel.empty(active));
    }
    return out;
  }

  // ---------------------------------------------------------------- player writes

  /**
   * A question typed at the shared terminal: stored and pushed at once, answered with 202; a
   * draft for the GM follows from the model (or the campaign's fallback replies).
   */
  public ObjectNode submit(String name, String query, String clientAddress) {
    ObjectNode answer;
    synchronized (lock) {
      Channel c = existing(name);
      ActiveViewState av = activeView.state();
      if (!"QUERY".equals(av.charonMode())) {
        throw ApiError.conflict("mode", "CHARON is not taking questions now (DISPLAY mode)");
      }
      if (!name.equals(av.charonActiveChannel())) {
        throw ApiError.conflict("channel", "This channel is not on the terminal");
      }
      Throttle.Attempt attempt = queries.acquire("charon-query:" + clientAddress);
      if (!attempt.granted()) {
        throw ApiError.tooManyRequests(attempt.retryAfterSeconds(),
            "CHARON takes " + QUERIES_PER_MINUTE + " questions a minute from one terminal; wait a moment");
      }
      Instant now = clock.instant();
      ChatMessage q = new ChatMessage(UUID.randomUUID().toString(), seq + 1, name, ChatMessage.Role.USER, query, now,
          ChatMessage.QueryStatus.WAITING, null);
      Channel withQuery = c.withMessage(q);
      Draft d = newDraft(withQuery, q.id(), q.content(), null, null, av, now);
      boolean isNew = !channels.containsKey(name);
      Tx.in(emf, em -> {
        ensureRow(em, name, isNew, now);
        em.persist(MessageRow.of(q));
        em.persist(DraftRow.of(d));
        return null;
      });
      seq++;
      List<Event> events = new ArrayList<>();
      if (isNew) {
        events.add(channelEvent(withQuery));
      }
      events.add(messageEvent(q));
      events.add(draftEvent(d));
      commit(withQuery.withDraft(d), events);
      startIfGenerating(d);
      answer = NODES.objectNode();
      answer.put("success", true);
      answer.put("query_id", q.id());
      answer.put("channel", name);
      answer.put("seq", q.seq());
    }
    return answer;
  }

  // ---------------------------------------------------------------- GM writes

  /** A line typed by the GM as CHARON: shown at once, no review. */
  public ObjectNode send(String name, String content, Optional<String> replyTo) {
    synchronized (lock) {
      Channel c = existing(name);
      ChatMessage query = replyTo.map(id -> query(c, id, "reply_to")).orElse(null);
      Instant now = clock.instant();
      ChatMessage line = new ChatMessage(UUID.randomUUID().toString(), seq + 1, name, ChatMessage.Role.CHARON, content,
          now, null, query == null ? null : query.id());
      Channel next = c.withMessage(line);
      ChatMessage answered = query == null || query.status() == ChatMessage.QueryStatus.ANSWERED ? null
          : query.withStatus(ChatMessage.QueryStatus.ANSWERED);
      if (answered != null) {
        next = next.withMessage(answered);
      }
      boolean isNew = !channels.containsKey(name);
      Tx.in(emf, em -> {
        ensureRow(em, name, isNew, now);
        em.persist(MessageRow.of(line));
        if (answered != null) {
          em.find(MessageRow.class, answered.id()).status = answered.status();
        }
        return null;
      });
      seq++;
      List<Event> events = new ArrayList<>();
      if (isNew) {
        events.add(channelEvent(next));
      }
      events.add(messageEvent(line));
      if (answered != null) {
        events.add(messageEvent(answered));
      }
      commit(next, events);
      return written(name, line);
    }
  }

  /** Asks the model for a draft; 409 while one is being written on the channel. */
  public ObjectNode generate(String name, String gmPrompt, Optional<String> contextOverride, Optional<String> queryId) {
    synchronized (lock) {
      Channel c = existing(name);
      ChatMessage query = queryId.map(id -> query(c, id, "query_id")).orElse(null);
      if (c.generating()) {
        throw ApiError.conflict("channel", "CHARON is still writing a draft on this channel: wait for it, or reject it");
      }
      Instant now = clock.instant();
      Draft d = newDraft(c, query == null ? null : query.id(), query == null ? null : query.content(), gmPrompt,
          contextOverride.orElse(null), activeView.state(), now);
      boolean isNew = !channels.containsKey(name);
      Tx.in(emf, em -> {
        ensureRow(em, name, isNew, now);
        em.persist(DraftRow.of(d));
        return null;
      });
      Channel next = c.withDraft(d);
      List<Event> events = new ArrayList<>();
      if (isNew) {
        events.add(channelEvent(next));
      }
      events.add(draftEvent(d));
      commit(next, events);
      startIfGenerating(d);
      return draftAnswer(name, d);
    }
  }

  /** Writes the draft again with a fresh prompt (the conversation may have moved on). */
  public ObjectNode regenerate(String name, String pendingId) {
    synchronized (lock) {
      Channel c = existing(name);
      Draft old = draft(c, pendingId);
      if (c.generating()) {
        throw ApiError.conflict("pending_id", "CHARON is still writing a draft on this channel: wait for it, or reject it");
      }
      Instant now = clock.instant();
      Draft fresh = newDraft(c, old.queryId(), old.query(), old.gmPrompt(), old.contextOverride(), activeView.state(), now);
      Draft d = new Draft(old.id(), name, old.queryId(), old.query(), old.gmPrompt(), old.contextOverride(),
          fresh.response(), fresh.state(), null, fresh.source(), fresh.model(), fresh.prompt(), old.attempt() + 1,
          old.at(), now);
      Tx.in(emf, em -> {
        em.find(DraftRow.class, d.id()).set(d);
        return null;
      });
      commit(c.withDraft(d), List.of(draftEvent(d)));
      startIfGenerating(d);
      return draftAnswer(name, d);
    }
  }

  /** Shows the draft (or the GM's edit of it) to the players; the query it answers is answered. */
  public ObjectNode approve(String name, String pendingId, Optional<String> edited) {
    synchronized (lock) {
      Channel c = existing(name);
      Draft d = draft(c, pendingId);
      if (d.state() == Draft.State.GENERATING) {
        throw ApiError.conflict("pending_id", "CHARON is still writing this draft: wait for it to finish");
      }
      if (d.state() == Draft.State.FAILED && edited.isEmpty()) {
        throw ApiError.conflict("pending_id", "This draft failed (" + d.error() + "): edit it, regenerate it or reject it");
      }
      String text = edited.orElse(d.response());
      if (text.isBlank()) {
        throw ApiError.badRequest("modified_content", "An approved line cannot be empty");
      }
      ChatMessage query = d.queryId() == null ? null : c.message(d.queryId());
      Instant now = clock.instant();
      ChatMessage line = new ChatMessage(UUID.randomUUID().toString(), seq + 1, name, ChatMessage.Role.CHARON, text, now,
          null, query == null ? null : query.id());
      Channel next = c.withoutDraft(d.id()).withMessage(line);
      ChatMessage answered = query == null || query.status() == ChatMessage.QueryStatus.ANSWERED ? null
          : query.withStatus(ChatMessage.QueryStatus.ANSWERED);
      if (answered != null) {
        next = next.withMessage(answered);
      }
      Tx.in(emf, em -> {
        em.persist(MessageRow.of(line));
        if (answered != null) {
          em.find(MessageRow.class, answered.id()).status = answered.status();
        }
        em.remove(em.find(DraftRow.class, d.id()));
        return null;
      });
      seq++;
      List<Event> events = new ArrayList<>();
      events.add(removedEvent(name, d.id(), "approved"));
      events.add(messageEvent(line));
      if (answered != null) {
        events.add(messageEvent(answered));
      }
      commit(next, events);
      return written(name, line);
    }
  }

  /** Drops the draft; a query left with no draft and no answer is marked unanswered. */
  public ObjectNode reject(String name, String pendingId) {
    synchronized (lock) {
      Channel c = existing(name);
      Draft d = draft(c, pendingId);
      Channel next = c.withoutDraft(d.id());
      ChatMessage query = d.queryId() == null ? null : next.message(d.queryId());
      boolean lastHope = query != null && query.status() == ChatMessage.QueryStatus.WAITING
          && next.drafts().values().stream().noneMatch(o -> d.queryId().equals(o.queryId()));
      ChatMessage unanswered = lastHope ? query.withStatus(ChatMessage.QueryStatus.UNANSWERED) : null;
      if (unanswered != null) {
        next = next.withMessage(unanswered);
      }
      Tx.in(emf, em -> {
        em.remove(em.find(DraftRow.class, d.id()));
        if (unanswered != null) {
          em.find(MessageRow.class, unanswered.id()).status = unanswered.status();
        }
        return null;
      });
      cancel(d.id());
      List<Event> events = new ArrayList<>();
      events.add(removedEvent(name, d.id(), "rejected"));
      if (unanswered != null) {
        events.add(messageEvent(unanswered));
      }
      commit(next, events);
      ObjectNode o = NODES.objectNode();
      o.put("success", true);
      o.put("channel", name);
      return o;
    }
  }

  public ObjectNode markRead(String name) {
    synchronized (lock) {
      Channel c = existing(name);
      Channel next = c.read(Math.max(c.lastReadSeq(), c.lastSeq()));
      boolean isNew = !channels.containsKey(name);
      Instant now = clock.instant();
      if (next.lastReadSeq() != c.lastReadSeq() || isNew) {
        Tx.in(emf, em -> {
          ensureRow(em, name, isNew, now);
          em.find(ChannelRow.class, name).lastReadSeq = next.lastReadSeq();
          return null;
        });
        List<Event> events = new ArrayList<>();
        if (isNew) {
          events.add(channelEvent(next));
        }
        ObjectNode read = event("read", name);
        read.put("unread_count", next.unread());
        events.add(gmOnly(read));
        commit(next, events);
      }
      ObjectNode o = NODES.objectNode();
      o.put("success", true);
      o.put("channel", name);
      o.put("unread_count", next.unread());
      return o;
    }
  }

  /** Deletes the channel's conversation and drafts (the console asks the GM first). */
  public ObjectNode clear(String name) {
    synchronized (lock) {
      Channel c = existing(name);
      if (!c.messages().isEmpty() || !c.drafts().isEmpty()) {
        Tx.in(emf, em -> {
          em.createQuery("DELETE FROM DraftRow d WHERE d.channel = :c").setParameter("c", name).executeUpdate();
          em.createQuery("DELETE FROM MessageRow m WHERE m.channel = :c").setParameter("c", name).executeUpdate();
          return null;
        });
        c.drafts().keySet().forEach(this::cancel);
        commit(c.cleared(), List.of(forEveryone(event("cleared", name))));
      }
      ObjectNode o = NODES.objectNode();
      o.put("success", true);
      o.put("channel", name);
      return o;
    }
  }

  /** A channel of the GM's own (a side conversation, a second computer). */
  public ObjectNode createChannel(String name) {
    ChannelNames.checked(name, "channel");
    synchronized (lock) {
      if (channels.containsKey(name) || ChannelNames.builtIn(name, campaign.current())) {
        throw ApiError.conflict("channel", "Channel " + name + " already exists");
      }
      Instant now = clock.instant();
      Tx.in(emf, em -> {
        em.persist(new ChannelRow(name, now));
        return null;
      });
      Channel c = Channel.empty(name);
      commit(c, List.of(channelEvent(c)));
      ObjectNode o = NODES.objectNode();
      o.put("success", true);
      o.put("channel", name);
      return o;
    }
  }

  /** Checks that the channel exists, for the GM putting it on the terminal. */
  public String requireExisting(String name) {
    existing(name);
    return name;
  }

  // ---------------------------------------------------------------- drafting

  private Draft newDraft(Channel c, String queryId, String query, String gmPrompt, String contextOverride,
      ActiveViewState av, Instant now) {
    Campaign camp = campaign.current();
    String id = UUID.randomUUID().toString();
    if (model.isEmpty()) {
      List<String> fallbacks = camp.charon().fallbackResponses();
      String text = fallbacks.get(ThreadLocalRandom.current().nextInt(fallbacks.size()));
      return new Draft(id, c.name(), queryId, query, gmPrompt, contextOverride, text, Draft.State.READY, null,
          "fallback", null, null, 1, now, now);
    }
    ModelPrompt built = PromptBuilder.build(camp, c, queryId, gmPrompt, contextOverride, av.charonLocationPath());
    // Anthropic takes temperatures up to 1 (OpenAI up to 2); clamped here, so that the prompt the
    // GM sees on the draft is the one sent.
    ModelPrompt prompt = ModelSettings.ANTHROPIC.equals(model.get().info().provider()) && built.temperature() > 1
        ? new ModelPrompt(built.system(), built.messages(), built.maxTokens(), 1.0) : built;
    return new Draft(id, c.name(), queryId, query, gmPrompt, contextOverride, "", Draft.State.GENERATING, null,
        "model", model.get().info().model(), prompt, 1, now, now);
  }

  /** Hands a generating draft to the pool; a full pool fails it at once rather than queueing forever. */
  private void startIfGenerating(Draft d) {
    if (d.state() != Draft.State.GENERATING) {
      return;
    }
    try {
      running.put(d.id(), drafting.submit(() -> write(d.channel(), d.id(), d.attempt(), d.prompt())));
    } catch (RejectedExecutionException e) {
      finish(d.channel(), d.id(), d.attempt(), "", Draft.State.FAILED,
          "CHARON is busy: too many drafts are waiting for the model. Regenerate it in a moment.");
    }
  }

  /** Runs on a drafting thread. */
  private void write(String channel, String draftId, int attempt, ModelPrompt prompt) {
    StringBuilder soFar = new StringBuilder();
    try {
      String text = model.orElseThrow().complete(prompt, piece -> {
        soFar.append(piece);
        piece(channel, draftId, attempt, piece);
      });
      finish(channel, draftId, attempt, text, Draft.State.READY, null);
    } catch (ModelException e) {
      finish(channel, draftId, attempt, soFar.toString(), Draft.State.FAILED, e.getMessage());
    } catch (InterruptedException e) {
      // Cancelled by a reject, a clear or the undeploy: nobody waits for this draft.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a CHARON draft failed", e);
      finish(channel, draftId, attempt, soFar.toString(), Draft.State.FAILED,
          "The model call failed unexpectedly (" + e.getClass().getSimpleName() + "); see the server log");
    }
  }

  /**
   * A piece of streamed text: pushed to the GM only, kept in memory until the draft is finished.
   * Pieces that arrive within {@link #DRAFT_TEXT_INTERVAL_NANOS} of the last push wait for the
   * next one (or the end), so a fast model makes a few events a second, not one per token: a GM
   * on a shaky tablet connection must not fall a whole stream queue behind.
   */
  private void piece(String channel, String draftId, int attempt, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    synchronized (lock) {
      Channel c = channels.get(channel);
      Draft d = c == null ? null : c.drafts().get(draftId);
      if (d == null || d.attempt() != attempt || d.state() != Draft.State.GENERATING) {
        return; // rejected, cleared or regenerated meanwhile
      }
      StringBuilder waiting = unsent.computeIfAbsent(draftId, k -> new StringBuilder());
      waiting.append(text);
      long now = System.nanoTime();
      Long last = lastTextPush.get(draftId);
      if (last != null && now - last < DRAFT_TEXT_INTERVAL_NANOS) {
        return;
      }
      lastTextPush.put(draftId, now);
      unsent.remove(draftId);
      ObjectNode e = event("draft-text", channel);
      e.put("pending_id", draftId);
      e.put("offset", d.response().length());
      e.put("text", waiting.toString());
      // The draft's response is what the GM's screens were sent, so a snapshot and the next
      // piece's offset always agree.
      commit(c.withDraft(d.withText(d.response() + waiting)), List.of(gmOnly(e)));
    }
  }

  /** The shortest gap between two pushes of one draft's streamed text. */
  static final long DRAFT_TEXT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Streamed text not pushed yet, and when each draft's text was last pushed; guarded by lock. */
  private final Map<String, StringBuilder> unsent = new HashMap<>();
  private final Map<String, Long> lastTextPush = new HashMap<>();

  private void finish(String channel, String draftId, int attempt, String text, Draft.State end, String error) {
    synchronized (lock) {
      running.remove(draftId);
      unsent.remove(draftId);
      lastTextPush.remove(draftId);
      Channel c = channels.get(channel);
      Draft d = c == null ? null : c.drafts().get(draftId);
      if (d == null || d.attempt() != attempt || d.state() != Draft.State.GENERATING) {
        return;
      }
      String clipped = ComputerJson.clip(text == null ? "" : text, MAX_CONTENT_CHARS);
      Draft done = d.finished(clipped, end, error, "model", clock.instant());
      try {
        Tx.in(emf, em -> {
          DraftRow row = em.find(DraftRow.class, draftId);
          if (row != null) {
            row.set(done);
          }
          return null;
        });
      } catch (RuntimeException e) {
        // The text is still pushed and held; a restart would show this draft as interrupted.
        LOG.log(Level.WARNING, "could not store a finished CHARON draft", e);
      }
      commit(c.withDraft(done), List.of(draftEvent(done)));
    }
  }

  private void cancel(String draftId) {
    unsent.remove(draftId);
    lastTextPush.remove(draftId);
    Future<?> f = running.remove(draftId);
    if (f != null) {
      f.cancel(true);
    }
  }

  // ---------------------------------------------------------------- the feed

  @Override
  public Frame snapshot(Projection projection, ActiveViewState state) {
    return projection == Projection.GM ? gmSnapshotFrame() : playerSnapshotFrame(state.charonActiveChannel());
  }

  @Override
  public ActiveView.Pushed<Void> afterChange(ActiveViewState before, ActiveViewState after) {
    if (java.util.Objects.equals(before.charonActiveChannel(), after.charonActiveChannel())) {
      return null;
    }
    // The players' terminal now shows another channel: they get its conversation, nothing else.
    return new ActiveView.Pushed<>(playerSnapshotFrame(after.charonActiveChannel()), null, null);
  }

  private Frame playerSnapshotFrame(String active) {
    Frame cached = playerSnapshot;
    long at = publishedSeq;
    String key = at + "/" + active;
    if (cached != null && key.equals(playerSnapshotKey)) {
      return cached;
    }
    Channel c = active == null ? null : channels.get(active);
    ObjectNode o = ComputerJson.event("snapshot", at, active == null ? "" : active);
    o.set("messages", ComputerJson.messages(c == null ? List.of() : last(c.messages(), SNAPSHOT_MESSAGES)));
    Frame f = ComputerJson.frame(o);
    playerSnapshot = f;
    playerSnapshotKey = key;
    return f;
  }

  private volatile String playerSnapshotKey;
  private volatile long gmSnapshotSeq = -1;

  private Frame gmSnapshotFrame() {
    Frame cached = gmSnapshot;
    long at = publishedSeq;
    if (cached != null && gmSnapshotSeq == at) {
      return cached;
    }
    ObjectNode o = ComputerJson.event("snapshot", at, null);
    ModelInfo info = modelInfo();
    ObjectNode m = o.putObject("model");
    m.put("configured", info.configured());
    m.put("provider", info.provider());
    m.put("model", info.model());
    ArrayNode list = o.putArray("channels");
    for (Channel c : channels.values()) {
      list.add(ComputerJson.channel(c, SNAPSHOT_MESSAGES));
    }
    Frame f = ComputerJson.frame(o);
    gmSnapshot = f;
    gmSnapshotSeq = at;
    return f;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Numbers the events, swaps in the new channel state and pushes them, all under the active
   * view's lock: a stream opening meanwhile gets either the snapshot before all of them or the
   * one after all of them (and ignores events its snapshot already covers, by seq).
   */
  private void commit(Channel changed, List<Event> events) {
    Map<String, Channel> next = new LinkedHashMap<>(channels);
    next.put(changed.name(), changed);
    Map<String, Channel> frozen = Collections.unmodifiableMap(next);
    long first = seq + 1;
    seq += events.size();
    long last = seq;
    activeView.publish(av -> {
      channels = frozen;
      publishedSeq = last;
      return null;
    });
    long s = first;
    for (Event e : events) {
      e.json().put("seq", s++);
      Frame f = ComputerJson.frame(e.json()); // rendered once, for both projections
      String channel = e.json().path("channel").asText();
      activeView.publish(av -> new ActiveView.Pushed<Void>(
          e.players() && channel.equals(av.charonActiveChannel()) ? f : null, f, null));
    }
  }

  /**
   * One event of a change, and whether the players' stream may carry it (then only for the
   * channel on screen): drafts, read marks and the channel list are the GM's.
   */
  private record Event(ObjectNode json, boolean players) {}

  private static Event forEveryone(ObjectNode e) {
    return new Event(e, true);
  }

  private static Event gmOnly(ObjectNode e) {
    return new Event(e, false);
  }

  private ObjectNode event(String type, String channel) {
    return ComputerJson.event(type, 0, channel);
  }

  private Event messageEvent(ChatMessage m) {
    ObjectNode e = event("message", m.channel());
    e.set("message", ComputerJson.message(m));
    return forEveryone(e);
  }

  private Event draftEvent(Draft d) {
    ObjectNode e = event("draft", d.channel());
    e.set("draft", ComputerJson.draft(d));
    return gmOnly(e);
  }

  private Event removedEvent(String channel, String id, String outcome) {
    ObjectNode e = event("draft-removed", channel);
    e.put("pending_id", id);
    e.put("outcome", outcome);
    return gmOnly(e);
  }

  private Event channelEvent(Channel c) {
    ObjectNode e = event("channel", c.name());
    ObjectNode body = ComputerJson.channel(c, SNAPSHOT_MESSAGES);
    body.remove("channel");
    e.setAll(body);
    return gmOnly(e);
  }

  private static ObjectNode written(String name, ChatMessage line) {
    ObjectNode o = NODES.objectNode();
    o.put("success", true);
    o.put("message_id", line.id());
    o.put("channel", name);
    o.put("seq", line.seq());
    return o;
  }

  private static ObjectNode draftAnswer(String name, Draft d) {
    ObjectNode o = NODES.objectNode();
    o.put("success", true);
    o.put("pending_id", d.id());
    o.put("channel", name);
    return o;
  }

  private void ensureRow(EntityManager em, String name, boolean isNew, Instant now) {
    if (isNew && em.find(ChannelRow.class, name) == null) {
      em.persist(new ChannelRow(name, now));
    }
  }

  /** 400 for a malformed name, 404 for one that does not exist. */
  private Channel existing(String name) {
    ChannelNames.checked(name, "channel");
    Map<String, Channel> all = channels;
    Channel c = all.get(name);
    if (c != null) {
      return c;
    }
    if (exists(name, all)) {
      return Channel.empty(name);
    }
    throw ApiError.notFound("channel", "Channel not found: " + name);
  }

  private boolean exists(String name, Map<String, Channel> all) {
    return all.containsKey(name) || ChannelNames.builtIn(name, campaign.current());
  }

  private static ChatMessage query(Channel c, String id, String field) {
    ChatMessage m = c.message(id);
    if (m == null || m.role() != ChatMessage.Role.USER) {
      throw ApiError.notFound(field, "Query not found in this channel: " + id);
    }
    return m;
  }

  private static Draft draft(Channel c, String id) {
    Draft d = c.drafts().get(id);
    if (d == null) {
      throw ApiError.notFound("pending_id", "Pending response not found (already approved or rejected?)");
    }
    return d;
  }

  private static <T> List<T> last(List<T> all, int n) {
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  /** Stops the model calls (interrupting them) and returns once the threads ended. */
  @Override
  public void close() {
    drafting.shutdownNow();
    try {
      drafting.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
