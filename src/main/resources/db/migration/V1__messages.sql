-- In-character messages from the GM. Ids come from a sequence that EclipseLink reads in
-- blocks of 50 (allocationSize = 50 needs START WITH 50 INCREMENT BY 50: STACK.md trap 1).
CREATE SEQUENCE message_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE message (
  id          BIGINT        NOT NULL PRIMARY KEY,
  sender      VARCHAR(100)  NOT NULL,
  content     VARCHAR(4000) NOT NULL,
  priority    VARCHAR(10)   NOT NULL,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  created_by  VARCHAR(64)   NOT NULL,
  CONSTRAINT message_priority_check CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'CRITICAL'))
);

-- No rows means a broadcast to everyone; otherwise one row per addressed player.
CREATE TABLE message_recipient (
  message_id  BIGINT       NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  username    VARCHAR(64)  NOT NULL,
  read_at     TIMESTAMP(6) WITH TIME ZONE,
  PRIMARY KEY (message_id, username)
);

CREATE INDEX message_recipient_user ON message_recipient (username, message_id);
