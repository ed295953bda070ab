-- In-character messages from the GM. Ids come from a sequence that EclipseLink reads in
-- blocks of 50 (allocationSize = 50 needs START WITH 50 INCREMENT BY 50: STACK.md trap 1).
-- Ids only grow, and messages are committed in id order (see Messages), so pollers page by id.
CREATE SEQUENCE message_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE message (
  id           BIGINT        NOT NULL PRIMARY KEY,
  -- Stable across export and import (ids are not): import skips keys it already holds.
  message_key  VARCHAR(36)   NOT NULL,
  sender       VARCHAR(100)  NOT NULL,
  content      VARCHAR(4000) NOT NULL,
  priority     VARCHAR(10)   NOT NULL,
  -- TRUE when the message has no recipients (it is for everyone, the public terminal too).
  broadcast    BOOLEAN       NOT NULL,
  created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  created_by   VARCHAR(64)   NOT NULL,
  CONSTRAINT message_key_unique UNIQUE (message_key),
  CONSTRAINT message_priority_check CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'CRITICAL'))
);

-- The poll reads the newest (or the oldest after "since") broadcasts by id range.
CREATE INDEX message_broadcast_id ON message (broadcast, id);

-- No rows means a broadcast to everyone; otherwise one row per addressed player.
CREATE TABLE message_recipient (
  message_id  BIGINT       NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  username    VARCHAR(64)  NOT NULL,
  PRIMARY KEY (message_id, username)
);

-- A player's own messages by id range.
CREATE INDEX message_recipient_user ON message_recipient (username, message_id);

-- Read state per reader, for broadcasts and addressed messages alike (a broadcast has no
-- recipient row to hold it). No row means unread.
CREATE TABLE message_read (
  message_id  BIGINT       NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  username    VARCHAR(64)  NOT NULL,
  read_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (username, message_id)
);
