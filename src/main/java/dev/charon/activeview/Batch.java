package dev.charon.activeview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GM's staged changes sent together: {@code {"actions": [{"action": "toggle-room", "body":
 * {...}}, ...]}}, each action read by its endpoint's own {@link Action} and all of them composed
 * into ONE transition. So the batch is one version and one event per stream, and atomic: if any
 * action is refused (unknown name, bad body, an id the campaign or the state no longer has), the
 * whole batch is, with the error of that action under {@code actions[i].<field>}, and nothing
 * changes. Each action sees the state the ones before it made, exactly as if they had been
 * sent one by one, but no screen ever sees a state in between.
 */
public final class Batch {
  /** A night's staging is tens of changes; this keeps one request's work under the lock small. */
  public static final int MAX_ACTIONS = 200;
  /** 200 token placements with long names and image URLs fit; the 64 KB of a single write do not. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private Batch() {}

  /** Reads and checks every action of the body; throws for the first bad one, naming its index. */
  public static Transition<Map<String, Object>> read(Body body, Map<String, Action> actions) {
    JsonNode list = body.node().get("actions");
    if (list == null || list.isNull()) {
      throw ApiError.badRequest("actions", "actions is required");
    }
    if (!list.isArray()) {
      throw ApiError.badRequest("actions", "actions must be an array of {\"action\", \"body\"}");
    }
    if (list.size() > MAX_ACTIONS) {
      throw ApiError.badRequest("actions", "A batch holds at most " + MAX_ACTIONS + " actions, not " + list.size());
    }
    if (list.isEmpty()) {
      throw ApiError.badRequest("actions", "actions must not be empty");
    }
    List<Step> steps = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      steps.add(step(i, list.get(i), actions));
    }
    return compose(steps);
  }

  private record Step(int index, String name, Transition<Map<String, Object>> transition) {}

  private static Step step(int i, JsonNode item, Map<String, Action> actions) {
    if (!(item instanceof ObjectNode obj)) {
      throw ApiError.badRequest("actions[" + i + "]", "actions[" + i + "] must be an object {\"action\", \"body\"}");
    }
    Body entry = Body.nested(obj);
    String name = withIndex(i, null, () -> entry.requiredExact("action"));
    Action action = actions.get(name);
    if (action == null) {
      throw ApiError.badRequest("actions[" + i + "].action",
          "actions[" + i + "]: unknown action '" + name + "'. Must be one of: " + String.join(", ", actions.keySet()));
    }
    Body actionBody = Body.nested(withIndex(i, name, () -> entry.optionalObject("body"))
        .orElseGet(() -> obj.objectNode()));
    Transition<Map<String, Object>> transition = withIndex(i, name, () -> action.from(actionBody));
    return new Step(i, name, transition);
  }

  /** One transition that runs the steps in order on the state each leaves, answering each one's result. */
  private static Transition<Map<String, Object>> compose(List<Step> steps) {
    return (s, campaign) -> {
      ActiveViewState state = s;
      List<Map<String, Object>> results = new ArrayList<>(steps.size());
      for (Step step : steps) {
        ActiveViewState at = state;
        Transition.Change<Map<String, Object>> change =
            withIndex(step.index(), step.name(), () -> step.transition().apply(at, campaign));
        state = change.state();
        results.add(change.result());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("results", results);
      return Transition.change(state, result);
    };
  }

  /** Runs {@code work}, re-throwing its refusal with the action's index in the field and the message. */
  private static <T> T withIndex(int i, String name, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (ApiError e) {
      String prefix = "actions[" + i + "]";
      String field = e.field() == null ? prefix : prefix + "." + e.field();
      String label = name == null ? prefix : prefix + " (" + name + ")";
      throw new ApiError(e.status(), label + ": " + e.getMessage(), field);
    }
  }
}
