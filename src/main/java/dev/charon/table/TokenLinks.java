package dev.charon.table;

import dev.charon.activeview.ActiveView;
import dev.charon.activeview.ActiveViewState;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.CrewMember;
import dev.charon.encounter.Token;
import dev.charon.encounter.TokenType;
import dev.charon.platform.Tx;
import dev.charon.security.Accounts;
import dev.charon.web.ApiError;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which player moves which token. A link names a token id (the token on the table now) or a crew
 * member of the campaign: the crew member's tokens are the {@code player} tokens the GM places with
 * that member's portrait (as the palette does) or name, so a link to a crew member outlives the
 * tokens, which the active view forgets at every restart. A token linked by its id goes to that
 * player even when its picture is another crew member's.
 *
 * <p>Each link is a row in H2; the links in memory are an immutable map, replaced under
 * {@link #writeLock} after its row committed, and read without a lock by the move transitions.
 */
public final class TokenLinks {
  /** Ids in requests; longer ones name nothing (token ids are 8 hex digits, crew ids short slugs). */
  public static final int MAX_TARGET_ID_CHARS = 200;

  /** What a link names; {@code field} is the JSON name of its id. */
  public enum Kind {
    TOKEN("token_id"), CREW("crew_id");

    public final String field;

    Kind(String field) {
      this.field = field;
    }
  }

  /** One link, as the GM lists them. */
  public record Link(Kind kind, String targetId, String username) {}

  private record Target(Kind kind, String id) {}

  private final EntityManagerFactory emf;
  private final Accounts accounts;
  private final ActiveView activeView;
  private final CampaignHolder campaign;
  private final Clock clock;
  private final Object writeLock = new Object();
  private volatile Map<Target, String> links; // replaced, never modified

  public TokenLinks(EntityManagerFactory emf, Accounts accounts, ActiveView activeView, CampaignHolder campaign,
      Clock clock) {
    this.emf = emf;
    this.accounts = accounts;
    this.activeView = activeView;
    this.campaign = campaign;
    this.clock = clock;
    this.links = Tx.read(emf, em -> {
      Map<Target, String> m = new LinkedHashMap<>();
      em.createQuery("SELECT l FROM TokenLinkRow l ORDER BY l.linkedAt", TokenLinkRow.class).getResultList()
          .forEach(r -> m.put(new Target(Kind.valueOf(r.kind), r.targetId), r.username));
      return Collections.unmodifiableMap(m);
    });
  }

  /** Every link, by player, then crew links before token links. */
  public List<Link> all() {
    List<Link> out = new ArrayList<>();
    links.forEach((t, user) -> out.add(new Link(t.kind(), t.id(), user)));
    out.sort(Comparator.comparing(Link::username).thenComparing(l -> l.kind() == Kind.TOKEN)
        .thenComparing(Link::targetId));
    return out;
  }

  /**
   * Links a player to a token on the table now or to a crew member of the campaign; a target
   * linked to someone else moves to this player. 404 for an account that is not a player's, a
   * token not on the table, a crew member the campaign lacks.
   */
  public Link link(String username, Kind kind, String targetId) {
    String player = accounts.player(username).username();
    if (kind == Kind.TOKEN && !activeView.state().tokens().containsKey(targetId)) {
      throw ApiError.notFound(kind.field, "Token not found");
    }
    if (kind == Kind.CREW && crew(campaign.current(), targetId).isEmpty()) {
      throw ApiError.notFound(kind.field, "Crew member not found");
    }
    synchronized (writeLock) {
      Tx.in(emf, em -> {
        TokenLinkRow row = em.find(TokenLinkRow.class, new TokenLinkRow.Key(kind.name(), targetId));
        if (row == null) {
          em.persist(new TokenLinkRow(kind.name(), targetId, player, clock.instant()));
        } else {
          row.username = player;
          row.linkedAt = clock.instant();
        }
        return null;
      });
      Map<Target, String> next = new LinkedHashMap<>(links);
      next.put(new Target(kind, targetId), player);
      links = Collections.unmodifiableMap(next);
    }
    return new Link(kind, targetId, player);
  }

  /** Removes a link; 404 when the target is linked to nobody. */
  public void unlink(Kind kind, String targetId) {
    Target target = new Target(kind, targetId);
    synchronized (writeLock) {
      if (!links.containsKey(target)) {
        throw ApiError.notFound(kind.field, "No player is linked to this " + (kind == Kind.TOKEN ? "token" : "crew member"));
      }
      Tx.in(emf, em -> em.createQuery("DELETE FROM TokenLinkRow l WHERE l.kind = :k AND l.targetId = :t")
          .setParameter("k", kind.name()).setParameter("t", targetId).executeUpdate());
      Map<Target, String> next = new LinkedHashMap<>(links);
      next.remove(target);
      links = Collections.unmodifiableMap(next);
    }
  }

  /**
   * A deleted player's links go in the account's transaction ({@link Accounts.Dependent}): a player
   * created later under the same name is someone else. The map in memory follows at once; should
   * the deletion roll back, the player only lacks the links until the next start.
   */
  public void accountDeleted(EntityManager em, String username) {
    em.createQuery("DELETE FROM TokenLinkRow l WHERE l.username = :u").setParameter("u", username).executeUpdate();
    synchronized (writeLock) {
      Map<Target, String> next = new LinkedHashMap<>(links);
      next.values().removeIf(username::equals);
      links = Collections.unmodifiableMap(next);
    }
  }

  /** Whether a token id is linked, by its id, to this player (the token may be gone). */
  boolean linkedById(String username, String tokenId) {
    return username.equals(links.get(new Target(Kind.TOKEN, tokenId)));
  }

  /** The player who moves this token: its own link first, then a linked crew member it stands for. */
  Optional<String> owner(Token token, Campaign c) {
    Map<Target, String> now = links;
    String byId = now.get(new Target(Kind.TOKEN, token.id()));
    if (byId != null) {
      return Optional.of(byId);
    }
    if (token.type() != TokenType.PLAYER) {
      return Optional.empty();
    }
    for (Map.Entry<Target, String> e : now.entrySet()) {
      if (e.getKey().kind() == Kind.CREW
          && crew(c, e.getKey().id()).filter(m -> standsFor(token, m)).isPresent()) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The palette places a crew member's token with their portrait and name; a hand-made one has the name. */
  static boolean standsFor(Token token, CrewMember member) {
    return (!member.portraitUrl().isEmpty() && member.portraitUrl().equals(token.imageUrl()))
        || token.name().trim().equalsIgnoreCase(member.name().trim());
  }

  /** The ids of this player's tokens that players may see now (never one the GM hid). */
  public List<String> visibleTokensOf(String username, ActiveViewState s, Campaign c) {
    return s.tokens().values().stream()
        .filter(s::playersSee)
        .filter(t -> owner(t, c).filter(username::equals).isPresent())
        .map(Token::id).toList();
  }

  /** The crew members this player is linked to (campaign ids). */
  public List<String> crewOf(String username) {
    return links.entrySet().stream()
        .filter(e -> e.getKey().kind() == Kind.CREW && e.getValue().equals(username))
        .map(e -> e.getKey().id()).sorted().toList();
  }

  private static Optional<CrewMember> crew(Campaign c, String id) {
    return c.crew().stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
