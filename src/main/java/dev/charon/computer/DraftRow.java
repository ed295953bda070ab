package dev.charon.computer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The stored form of a {@link Draft}; the prompt as JSON. */
@Entity
@Table(name = "charon_draft")
public class DraftRow {
  @Id
  @Column(length = 36)
  String id;

  @Column(nullable = false, length = 64)
  String channel;

  @Column(name = "query_id", length = 36)
  String queryId;

  @Column(name = "gm_prompt", length = 4000)
  String gmPrompt;

  @Column(name = "context_override", length = 4000)
  String contextOverride;

  @Column(nullable = false, length = 100000)
  String response;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  Draft.State state;

  @Column(length = 1000)
  String error;

  @Column(length = 10)
  String source;

  @Column(length = 200)
  String model;

  @Column(length = 1000000)
  String prompt;

  @Column(nullable = false)
  int attempt;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected DraftRow() {}

  /** Copies every field of the draft into this row (new or managed). */
  DraftRow set(Draft d) {
    id = d.id();
    channel = d.channel();
    queryId = d.queryId();
    gmPrompt = d.gmPrompt();
    contextOverride = d.contextOverride();
    response = d.response();
    state = d.state();
    error = d.error() == null ? null : ComputerJson.clip(d.error(), 1000);
    source = d.source();
    model = d.model() == null ? null : ComputerJson.clip(d.model(), 200);
    prompt = d.prompt() == null ? null : ComputerJson.promptJson(d.prompt());
    attempt = d.attempt();
    createdAt = d.at();
    updatedAt = d.updated();
    return this;
  }

  static DraftRow of(Draft d) {
    return new DraftRow().set(d);
  }

  /** @param query the text of the query it answers, looked up by the caller */
  Draft toDraft(String query) {
    return new Draft(id, channel, queryId, query, gmPrompt, contextOverride, response, state, error, source, model,
        prompt == null ? null : ComputerJson.parsePrompt(prompt), attempt, createdAt, updatedAt);
  }
}
