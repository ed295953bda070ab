-- CHARON's conversations (docs/charon.md). The original kept them in a file cache that forgot
-- them after 4 hours and lost concurrent appends; here every acknowledged line is a row.

-- A channel that ever held anything, or that the GM created; story and bridge always exist.
CREATE TABLE charon_channel (
  name           VARCHAR(64)  NOT NULL PRIMARY KEY,
  created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  -- The newest message the GM has seen, for the unread count.
  last_read_seq  BIGINT       NOT NULL
);

-- seq is the one order of all CHARON changes, assigned under one lock: conversations sort by it.
CREATE TABLE charon_message (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  seq         BIGINT        NOT NULL,
  channel     VARCHAR(64)   NOT NULL REFERENCES charon_channel (name),
  role        VARCHAR(8)    NOT NULL,
  content     VARCHAR(4000) NOT NULL,
  -- A player's query: WAITING until answered or every draft for it was rejected.
  status      VARCHAR(12),
  reply_to    VARCHAR(36),
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT charon_message_seq_unique UNIQUE (seq),
  CONSTRAINT charon_message_role_check CHECK (role IN ('USER', 'CHARON')),
  CONSTRAINT charon_message_status_check CHECK (status IS NULL OR status IN ('WAITING', 'ANSWERED', 'UNANSWERED'))
);

CREATE INDEX charon_message_channel_seq ON charon_message (channel, seq);

-- Drafts waiting for the GM. The prompt is kept as sent (JSON) so the GM sees what the model saw.
CREATE TABLE charon_draft (
  id                VARCHAR(36)    NOT NULL PRIMARY KEY,
  channel           VARCHAR(64)    NOT NULL REFERENCES charon_channel (name),
  query_id          VARCHAR(36),
  gm_prompt         VARCHAR(4000),
  context_override  VARCHAR(4000),
  response          VARCHAR(100000) NOT NULL,
  state             VARCHAR(12)    NOT NULL,
  error             VARCHAR(1000),
  source            VARCHAR(10),
  model             VARCHAR(200),
  prompt            VARCHAR(1000000),
  attempt           INTEGER        NOT NULL,
  created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT charon_draft_state_check CHECK (state IN ('GENERATING', 'READY', 'FAILED'))
);

CREATE INDEX charon_draft_channel ON charon_draft (channel, created_at);
