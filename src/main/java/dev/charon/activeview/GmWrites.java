package dev.charon.activeview;

import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.web.ApiError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The GM's writes to the active view, remembered so the GM can undo them. Every GM write
 * resource applies its transitions here instead of on {@link ActiveView} directly; players'
 * writes (the shared terminal's navigation and overlay, a player's own token), CHARON and a
 * campaign reload go to the ActiveView and are never recorded. Keeping the history beside the
 * GM's one call path, rather than in ActiveView, leaves the store unaware of who writes.
 *
 * <p>A step is the state before and after one accepted GM write (a batch of staged changes is
 * one write, so one step). Undo puts the state before back, as a new version pushed like any
 * other write, and only if the state is still exactly the step's after-state under the same
 * campaign: anything else written since (a player's move, the terminal's navigation, a reload)
 * would be lost by restoring, so that undo is refused with 409 and changes nothing. The check
 * runs inside the transition, under the ActiveView's lock, so nothing can slip in between.
 *
 * <p>The projector frame (the GM's viewport that terminals follow in "follow me" mode) is not
 * part of the history: it is written many times a second while the GM pans, is never an undo step
 * (its endpoint goes to the ActiveView directly), and neither breaks the chain of steps nor makes
 * an undo stale; an undo keeps the frame that is current. Without this, one pan in follow-me mode
 * would make every earlier action impossible to undo.
 *
 * <p>One history for the deployment (there is one GM; two GM tabs share it), in memory like the
 * active view: a restart clears it. No redo.
 */
public final class GmWrites {
  /** Steps kept; the issue asks for at least 20. Each step holds two states that share structure. */
  public static final int MAX_UNDO_STEPS = 50;

  private final ActiveView activeView;
  private final CampaignHolder campaign;
  // Guarded by this. Lock order: this, then the ActiveView's lock (ActiveView never calls back),
  // so the history's order is the order in which the GM's writes were applied.
  private final Deque<Step> history = new ArrayDeque<>();

  /** One undoable write: what it replaced, what it made, under which campaign. */
  private record Step(ActiveViewState before, ActiveViewState after, Campaign campaign) {}

  /** A transition's result with the states it went between, read back from inside the lock. */
  private record Recorded<R>(ActiveViewState before, ActiveViewState after, Campaign campaign, R result) {}

  public GmWrites(ActiveView activeView, CampaignHolder campaign) {
    this.activeView = activeView;
    this.campaign = campaign;
  }

  public ActiveView activeView() {
    return activeView;
  }

  /**
   * Applies a GM write (see {@link ActiveView#apply}) and records it as one undo step. A write that
   * changes nothing records nothing. A step that does not start where the last one ended
   * (something else was written in between) starts a new history: the older steps could never be
   * undone again, since undoing this one does not bring back their after-state.
   */
  public synchronized <R> ActiveView.Applied<R> apply(Transition<R> transition) {
    ActiveView.Applied<Recorded<R>> applied = activeView.apply((s, c) -> {
      Transition.Change<R> change = transition.apply(s, c);
      return Transition.change(change.state(), new Recorded<>(s, change.state(), c, change.result()));
    });
    Recorded<R> r = applied.result();
    if (!same(r.before(), r.after())) {
      Step last = history.peekLast();
      if (last != null && (last.campaign() != r.campaign() || !same(last.after(), r.before()))) {
        history.clear();
      }
      history.addLast(new Step(r.before(), r.after(), r.campaign()));
      if (history.size() > MAX_UNDO_STEPS) {
        history.removeFirst();
      }
    }
    return new ActiveView.Applied<>(applied.version(), r.result());
  }

  /**
   * Undoes the last GM write: 409 {@code field: undo} when there is none, or when the state changed
   * since by anything but an undo (then nothing changes and the step stays, so a later GET still
   * says why the button is off).
   */
  public synchronized ActiveView.Applied<Map<String, Object>> undo() {
    Step step = history.peekLast();
    if (step == null) {
      throw ApiError.conflict("undo", "Nothing to undo");
    }
    ActiveView.Applied<Map<String, Object>> applied = activeView.apply((s, c) -> {
      if (c != step.campaign() || !same(s, step.after())) {
        throw ApiError.conflict("undo",
            "The view changed since that action (a player, the terminal or a campaign reload): it can no longer be undone");
      }
      return Transition.change(step.before().toBuilder().projector(s.projector()).build(), new LinkedHashMap<>());
    });
    history.removeLast();
    Map<String, Object> result = new LinkedHashMap<>(applied.result());
    result.put("undo_steps", steps());
    return new ActiveView.Applied<>(applied.version(), result);
  }

  /**
   * How many undos in a row would succeed now: all recorded steps when the last one's after-state
   * is still current (the steps chain: each starts where the one below ended), else none.
   */
  public synchronized int steps() {
    Step last = history.peekLast();
    if (last == null || last.campaign() != campaign.current() || !same(last.after(), activeView.state())) {
      return 0;
    }
    return history.size();
  }

  /** Equal but for the projector frame, which the history does not track (see the class comment). */
  static boolean same(ActiveViewState a, ActiveViewState b) {
    if (a.equals(b)) {
      return true;
    }
    if (Objects.equals(a.projector(), b.projector())) {
      return false; // they differ elsewhere
    }
    return a.toBuilder().projector(null).build().equals(b.toBuilder().projector(null).build());
  }
}
