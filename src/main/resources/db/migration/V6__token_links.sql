-- Which player moves which token from their phone (docs/protocol.md, "At the table"). Tokens live
-- in the in-memory active view and get new ids whenever the GM places them again, so a link may
-- also name a crew member of campaign/crew.yaml: every token the GM places for that crew member
-- (from the palette, or by name) is the player's, across restarts.
--
-- A target (one token id, or one crew member) has at most one player; linking it again moves it.
-- Rows of tokens that no longer exist are kept until the GM unlinks them or deletes the player.
CREATE TABLE table_token_link (
  target_kind  VARCHAR(8)   NOT NULL,
  target_id    VARCHAR(200) NOT NULL,
  username     VARCHAR(32)  NOT NULL,
  linked_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (target_kind, target_id),
  CONSTRAINT table_token_link_kind_check CHECK (target_kind IN ('TOKEN', 'CREW'))
);

CREATE INDEX table_token_link_username ON table_token_link (username);
