package dev.charon.encounter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A marker on the encounter grid. It belongs to one deck, and its room is derived by the server
 * from the cell (the original trusted the client and lost it on every move).
 */
public record Token(
    String id, TokenType type, String name, int x, int y, List<TokenStatus> status, String imageUrl,
    String roomId, String deckId) {

  public Token {
    status = List.copyOf(status);
  }

  public Token movedTo(int newX, int newY, String newRoomId, String newDeckId) {
    return new Token(id, type, name, newX, newY, status, imageUrl, newRoomId, newDeckId);
  }

  public Token withStatus(List<TokenStatus> newStatus) {
    return new Token(id, type, name, x, y, newStatus, imageUrl, roomId, deckId);
  }

  /** Hidden tokens are the GM's secret: the player projection leaves them out. */
  public boolean isHidden() {
    return status.contains(TokenStatus.HIDDEN);
  }

  /** The wire form, shared by events and HTTP answers. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", id);
    n.put("type", type.wire());
    n.put("name", name);
    n.put("x", x);
    n.put("y", y);
    ArrayNode statusNode = n.putArray("status");
    status.forEach(st -> statusNode.add(st.wire()));
    n.put("image_url", imageUrl);
    n.put("room_id", roomId);
    n.put("deck_id", deckId);
    return n;
  }

  public static ObjectNode toJson(Map<String, Token> tokens) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    tokens.forEach((id, t) -> n.set(id, t.toJson()));
    return n;
  }
}
