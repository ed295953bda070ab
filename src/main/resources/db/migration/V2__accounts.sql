-- Accounts (one GM, any number of players) and their login sessions.
CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
  id             BIGINT       NOT NULL PRIMARY KEY,
  username       VARCHAR(32)  NOT NULL,
  role           VARCHAR(10)  NOT NULL,
  -- "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>": never returned, never logged.
  password_hash  VARCHAR(200) NOT NULL,
  created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT account_username_unique UNIQUE (username),
  CONSTRAINT account_role_check CHECK (role IN ('GM', 'PLAYER'))
);

-- A session is known by the SHA-256 of its cookie token: a copy of this table lets nobody log
-- in. Sessions survive a restart (players' phones stay logged in); deleting a row ends one.
CREATE TABLE user_session (
  token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE INDEX user_session_account ON user_session (account_id);
CREATE INDEX user_session_expiry ON user_session (expires_at);
