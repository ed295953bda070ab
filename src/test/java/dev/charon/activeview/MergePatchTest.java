package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.testing.SseClient;
import org.junit.jupiter.api.Test;

class MergePatchTest {
  private final ObjectMapper json = new ObjectMapper();

  private ObjectNode obj(String s) throws Exception {
    return (ObjectNode) json.readTree(s);
  }

  @Test
  void patchHoldsOnlyWhatChangedAndRebuildsTheTarget() throws Exception {
    ObjectNode before = obj("{\"a\":1,\"t\":{\"x\":{\"p\":1},\"y\":{\"p\":2}},\"l\":[1,2],\"gone\":true}");
    ObjectNode after = obj("{\"a\":1,\"t\":{\"x\":{\"p\":3},\"z\":{\"p\":4}},\"l\":[1],\"new\":\"n\"}");
    ObjectNode patch = MergePatch.diff(before, after);
    assertEquals(obj("{\"t\":{\"x\":{\"p\":3},\"z\":{\"p\":4},\"y\":null},\"l\":[1],\"new\":\"n\",\"gone\":null}"), patch);
    // The browser's half (the same RFC 7386 rules as the SPA's applyMergePatch) rebuilds it.
    assertEquals(after, SseClient.applyPatch(before, patch));
  }

  @Test
  void identicalDocumentsGiveAnEmptyPatch() throws Exception {
    ObjectNode doc = obj("{\"a\":{\"b\":[1,{\"c\":2}]}}");
    assertEquals(obj("{}"), MergePatch.diff(doc, doc.deepCopy()));
  }
}
