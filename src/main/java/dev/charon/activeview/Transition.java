package dev.charon.activeview;

import dev.charon.campaign.Campaign;

/**
 * One GM action as a pure function of the current state and campaign. It validates first and
 * throws {@link dev.charon.web.ApiError} without side effects when the action is not allowed;
 * otherwise it returns the next state and what the HTTP answer should carry.
 */
@FunctionalInterface
public interface Transition<R> {
  Change<R> apply(ActiveViewState state, Campaign campaign);

  record Change<R>(ActiveViewState state, R result) {}

  static <R> Change<R> change(ActiveViewState state, R result) {
    return new Change<>(state, result);
  }
}
