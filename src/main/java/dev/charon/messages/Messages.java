package dev.charon.messages;

import dev.charon.platform.Tx;
import dev.charon.web.ApiError;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The GM's in-character messages: sending, the players' poll, read marks, export and import.
 *
 * <p>Pollers page by id ({@code since} = the highest id they hold), which is only safe if no
 * message ever becomes visible with an id below one already seen. Ids come from a sequence in
 * allocation order, so {@link #insertLock} makes commits happen in that order too: two
 * concurrent broadcasts cannot commit 102 before 101 and let a poller skip 101 for ever.
 */
public final class Messages {
  /** The most messages one poll returns. */
  public static final int PAGE_SIZE = 50;
  public static final int MAX_CONTENT_CHARS = 4000;
  public static final int MAX_SENDER_CHARS = 60;
  public static final int MAX_RECIPIENTS = 100;
  public static final int MAX_READ_IDS = 500;
  public static final String DEFAULT_SENDER = "CHARON";

  /** Which of the given usernames are accounts (the security package answers). */
  public interface Directory {
    List<String> existing(List<String> usernames);
  }

  /** A message to send, as the GM wrote it (content is kept exactly, whitespace included). */
  public record Draft(String content, Optional<String> sender, Optional<String> priority, List<String> recipients) {}

  /** One message as a reader sees it. */
  public record Item(long id, String sender, String content, Priority priority, Instant createdAt, boolean read) {}

  /** One poll's answer: newest first; {@code hasMore} means "poll again with the highest id". */
  public record Page(List<Item> messages, boolean hasMore) {}

  private final EntityManagerFactory emf;
  private final Directory directory;
  private final ReentrantLock insertLock = new ReentrantLock();

  public Messages(EntityManagerFactory emf, Directory directory) {
    this.emf = emf;
    this.directory = directory;
  }

  /** Validates everything first, so a refused message stores nothing; returns the new id. */
  public long send(Draft draft, String createdBy) {
    String content = draft.content();
    if (content == null || content.isBlank()) {
      throw ApiError.badRequest("content", "Message content is required");
    }
    if (content.length() > MAX_CONTENT_CHARS) {
      throw ApiError.badRequest("content", "content must be at most " + MAX_CONTENT_CHARS + " characters");
    }
    String sender = draft.sender().filter(s -> !s.isBlank()).orElse(DEFAULT_SENDER);
    if (sender.length() > MAX_SENDER_CHARS) {
      throw ApiError.badRequest("sender", "sender must be at most " + MAX_SENDER_CHARS + " characters");
    }
    Priority priority = draft.priority().filter(p -> !p.isEmpty()).map(p -> Priority.parse(p).orElseThrow(() ->
        ApiError.badRequest("priority", "Invalid priority. Must be one of: " + Priority.choices())))
        .orElse(Priority.NORMAL);
    Set<String> recipients = recipients(draft.recipients());
    Message m = new Message(UUID.randomUUID().toString(), sender, content, priority, now(), createdBy, recipients);
    insertInOrder(em -> {
      em.persist(m);
      return null;
    });
    return m.id();
  }

  private Set<String> recipients(List<String> requested) {
    if (requested.size() > MAX_RECIPIENTS) {
      throw ApiError.badRequest("recipients", "recipients must have at most " + MAX_RECIPIENTS + " items");
    }
    Set<String> names = requested.stream().map(String::toLowerCase).collect(Collectors.toCollection(TreeSet::new));
    Set<String> known = new HashSet<>(directory.existing(List.copyOf(names)));
    List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest("recipients", "Unknown recipient: " + String.join(", ", unknown));
    }
    return names;
  }

  /**
   * A reader's messages: their own plus broadcasts; anonymous readers get broadcasts only.
   * Without {@code since}, the newest {@link #PAGE_SIZE}. With it, the OLDEST page after it (in
   * newest-first order) and {@code hasMore} if there are newer ones: a poller that fell far
   * behind catches up page by page instead of losing the middle (original defect 6.12).
   */
  public Page poll(Optional<String> reader, OptionalLong since) {
    boolean catchingUp = since.isPresent();
    long after = since.orElse(-1);
    String order = catchingUp ? "ASC" : "DESC";
    return Tx.read(emf, em -> {
      // Two index range scans of at most PAGE_SIZE + 1 ids each, merged: cheap however many
      // messages there are. The index hints matter: left alone, H2 walks the primary key and
      // filters, which took the p99 from 1.7 ms to 10+ ms at 10,000 messages (docs/benchmarks.md).
      TreeSet<Long> ids = new TreeSet<>(catchingUp ? Comparator.<Long>naturalOrder() : Comparator.<Long>reverseOrder());
      ids.addAll(longs(em.createNativeQuery("SELECT id FROM message USE INDEX (message_broadcast_id) "
          + "WHERE broadcast = TRUE AND id > ?1 ORDER BY id " + order + " LIMIT " + (PAGE_SIZE + 1)).setParameter(1, after).getResultList()));
      reader.ifPresent(user -> ids.addAll(longs(em.createNativeQuery("SELECT message_id FROM message_recipient USE INDEX (message_recipient_user) "
              + "WHERE username = ?1 AND message_id > ?2 ORDER BY message_id " + order + " LIMIT " + (PAGE_SIZE + 1))
          .setParameter(1, user).setParameter(2, after).getResultList())));
      List<Long> page = ids.stream().limit(PAGE_SIZE).toList();
      boolean hasMore = ids.size() > PAGE_SIZE;
      if (page.isEmpty()) {
        return new Page(List.of(), false);
      }
      // One query for the page's rows and this reader's read marks; rows, not entities: the
      // poll runs every 3 s on every phone, so it skips the entity machinery.
      List<Object[]> rows = bind(em.createNativeQuery("SELECT m.id, m.sender, m.content, m.priority, m.created_at, "
          + "r.read_at FROM message m LEFT JOIN message_read r ON r.message_id = m.id AND r.username = ?1 "
          + "WHERE m.id IN (" + placeholders(page, 2) + ") ORDER BY m.id DESC")
          .setParameter(1, reader.orElse("")), page, 2).getResultList();
      List<Item> items = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        items.add(new Item(((Number) r[0]).longValue(), (String) r[1], (String) r[2], Priority.valueOf((String) r[3]),
            toInstant(r[4]), r[5] != null));
      }
      return new Page(items, hasMore);
    });
  }

  /**
   * Marks messages read for this reader; ids that are not theirs to read, unknown ids and ids
   * already read are left alone (so marking is idempotent). Returns how many were newly marked.
   */
  public int markRead(String reader, List<Long> ids) {
    if (ids.size() > MAX_READ_IDS) {
      throw ApiError.badRequest("ids", "ids must have at most " + MAX_READ_IDS + " items");
    }
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
    if (distinct.isEmpty()) {
      return 0;
    }
    return Tx.in(emf, em -> bind(em.createNativeQuery("INSERT INTO message_read (message_id, username, read_at) "
            + "SELECT m.id, ?1, ?2 FROM message m WHERE m.id IN (" + placeholders(distinct, 3) + ") "
            + "AND (m.broadcast = TRUE OR EXISTS (SELECT 1 FROM message_recipient r WHERE r.message_id = m.id AND r.username = ?1)) "
            + "AND NOT EXISTS (SELECT 1 FROM message_read x WHERE x.message_id = m.id AND x.username = ?1)")
        .setParameter(1, reader).setParameter(2, now()), distinct, 3).executeUpdate());
  }

  /** Every message with its recipients and read marks, oldest first. */
  public List<Exported> export() {
    return Tx.in(emf, em -> {
      List<Message> all = em.createQuery("SELECT m FROM Message m ORDER BY m.id", Message.class).getResultList();
      List<Object[]> reads = em.createNativeQuery("SELECT message_id, username, read_at FROM message_read ORDER BY message_id, username")
          .getResultList();
      java.util.Map<Long, List<Exported.ReadMark>> byMessage = new java.util.HashMap<>();
      for (Object[] r : reads) {
        byMessage.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
            .add(new Exported.ReadMark((String) r[1], toInstant(r[2])));
      }
      List<Exported> out = new ArrayList<>(all.size());
      for (Message m : all) {
        out.add(new Exported(m.key, m.id, m.sender, m.content, m.priority, m.createdAt, m.createdBy,
            List.copyOf(m.recipients), byMessage.getOrDefault(m.id, List.of())));
      }
      return out;
    });
  }

  /** The outcome of an import. */
  public record Imported(int imported, int skipped) {}

  /**
   * Stores exported messages (already validated by {@link MessageImport}) in one transaction:
   * all or nothing. A message whose key is already here is skipped, so importing the same file
   * twice changes nothing. Imported messages get new ids, in their original order.
   */
  public Imported importAll(List<Exported> messages) {
    List<Exported> ordered = new ArrayList<>(messages);
    ordered.sort(Comparator.comparing(Exported::createdAt).thenComparing(e -> e.id() == null ? 0L : e.id()));
    return insertInOrder(em -> {
      Set<String> present = new HashSet<>(em.createQuery("SELECT m.key FROM Message m", String.class).getResultList());
      int imported = 0;
      for (Exported e : ordered) {
        if (!present.add(e.key())) {
          continue;
        }
        Message m = new Message(e.key(), e.sender(), e.content(), e.priority(), e.createdAt(), e.createdBy(),
            new TreeSet<>(e.recipients()));
        em.persist(m);
        em.flush(); // the id is needed for the read marks
        for (Exported.ReadMark r : e.readBy()) {
          em.createNativeQuery("INSERT INTO message_read (message_id, username, read_at) VALUES (?1, ?2, ?3)")
              .setParameter(1, m.id).setParameter(2, r.username()).setParameter(3, r.readAt()).executeUpdate();
        }
        imported++;
      }
      return new Imported(imported, ordered.size() - imported);
    });
  }

  /**
   * Forgets a deleted account's share of the messages, in the caller's (the deletion's)
   * transaction: recipients are kept by username, and a player created later under the same
   * name must not read the old one's private messages. Messages only they received go (left
   * without recipients, such a message would read as a broadcast after an export and import);
   * messages to several lose that recipient; their read marks go. Broadcasts stay. Deleting
   * rather than re-keying by account id keeps the export format and the documented import of a
   * backup before its players are re-created (see {@link MessageImport}).
   */
  public void accountDeleted(EntityManager em, String username) {
    em.createNativeQuery("DELETE FROM message m WHERE m.broadcast = FALSE AND EXISTS (SELECT 1 FROM message_recipient r "
        + "WHERE r.message_id = m.id AND r.username = ?1) AND NOT EXISTS (SELECT 1 FROM message_recipient o "
        + "WHERE o.message_id = m.id AND o.username <> ?1)").setParameter(1, username).executeUpdate();
    em.createNativeQuery("DELETE FROM message_recipient WHERE username = ?1").setParameter(1, username).executeUpdate();
    em.createNativeQuery("DELETE FROM message_read WHERE username = ?1").setParameter(1, username).executeUpdate();
  }

  public long count() {
    return Tx.in(emf, em -> em.createQuery("SELECT COUNT(m) FROM Message m", Long.class).getSingleResult());
  }

  private <T> T insertInOrder(java.util.function.Function<EntityManager, T> work) {
    insertLock.lock();
    try {
      return Tx.in(emf, work);
    } finally {
      insertLock.unlock();
    }
  }

  private static List<Long> longs(List<?> rows) {
    List<Long> out = new ArrayList<>(rows.size());
    for (Object o : rows) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  private static Query bind(Query query, List<?> values, int first) {
    for (int i = 0; i < values.size(); i++) {
      query.setParameter(first + i, values.get(i));
    }
    return query;
  }

  private static String placeholders(List<?> values, int first) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('?').append(first + i);
    }
    return sb.toString();
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

}
