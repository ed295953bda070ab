package dev.charon.computer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One channel's conversation and pending drafts; immutable, replaced on every change.
 *
 * @param lastReadSeq the newest message the GM has seen (for the unread count)
 */
record Channel(String name, List<ChatMessage> messages, Map<String, Draft> drafts, long lastReadSeq) {
  Channel {
    messages = Collections.unmodifiableList(messages);
    drafts = Collections.unmodifiableMap(drafts);
  }

  static Channel empty(String name) {
    return new Channel(name, List.of(), Map.of(), 0);
  }

  Channel withMessage(ChatMessage m) {
    List<ChatMessage> next = new ArrayList<>(messages.size() + 1);
    boolean replaced = false;
    for (ChatMessage old : messages) {
      if (old.id().equals(m.id())) {
        next.add(m);
        replaced = true;
      } else {
        next.add(old);
      }
    }
    if (!replaced) {
      next.add(m);
    }
    return new Channel(name, next, drafts, lastReadSeq);
  }

  Channel withDraft(Draft d) {
    Map<String, Draft> next = new LinkedHashMap<>(drafts);
    next.put(d.id(), d);
    return new Channel(name, messages, next, lastReadSeq);
  }

  Channel withoutDraft(String id) {
    Map<String, Draft> next = new LinkedHashMap<>(drafts);
    next.remove(id);
    return new Channel(name, messages, next, lastReadSeq);
  }

  Channel read(long seq) {
    return new Channel(name, messages, drafts, seq);
  }

  Channel cleared() {
    return new Channel(name, List.of(), Map.of(), lastReadSeq);
  }

  ChatMessage message(String id) {
    for (ChatMessage m : messages) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    return null;
  }

  boolean generating() {
    return drafts.values().stream().anyMatch(d -> d.state() == Draft.State.GENERATING);
  }

  long unread() {
    return messages.stream().filter(m -> m.role() == ChatMessage.Role.USER && m.seq() > lastReadSeq).count();
  }

  long waiting() {
    return messages.stream().filter(m -> m.status() == ChatMessage.QueryStatus.WAITING).count();
  }

  long lastSeq() {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
  }
}
