package dev.charon.activeview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386) between two renderings of a projection: objects are patched key
 * by key, a null removes a key, anything else is replaced whole. A token move therefore
 * travels as one token, not as the whole state (the original sent ≈25 KB for it).
 */
final class MergePatch {
  private MergePatch() {}

  static ObjectNode diff(ObjectNode before, ObjectNode after) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode old = before.get(e.getKey());
      JsonNode now = e.getValue();
      if (old == now) {
        continue; // unchanged tokens share their node between versions: the common case
      }
      if (old == null) {
        patch.set(e.getKey(), now);
      } else if (old instanceof ObjectNode oldObj && now instanceof ObjectNode nowObj) {
        ObjectNode nested = diff(oldObj, nowObj);
        if (!nested.isEmpty()) {
          patch.set(e.getKey(), nested);
        }
      } else if (!old.equals(now)) {
        patch.set(e.getKey(), now);
      }
    }
    for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!after.has(key)) {
        patch.putNull(key);
      }
    }
    return patch;
  }
}
