package dev.charon.activeview;

import dev.charon.web.Body;
import java.util.Map;

/**
 * A GM write endpoint's reading of its body: the fields checked, the transition built. The
 * endpoint and a batch of staged changes ({@link Batch}) both use it, so an action is read and
 * refused the same way whichever way it arrives. Throws {@link dev.charon.web.ApiError} for bad
 * input, before anything changes.
 */
@FunctionalInterface
public interface Action {
  Transition<Map<String, Object>> from(Body body);
}
