-- What the GM discloses on the BRIDGE view (docs/bridge.md). The original showed players every
-- NPC and every session log; here the GM decides, and the choice survives restarts.

-- NPCs the crew knows, by the id of campaign/npcs.yaml. Rows of NPCs a reload removed are kept:
-- the NPC is known again if it comes back.
CREATE TABLE bridge_known_npc (
  npc_id     VARCHAR(200) NOT NULL PRIMARY KEY,
  marked_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- The GM's choice per session log (the file name under campaign/sessions/); without a row the
-- default rule decides: every session but the newest is readable.
CREATE TABLE bridge_log_visibility (
  session_file  VARCHAR(255) NOT NULL PRIMARY KEY,
  visible       BOOLEAN      NOT NULL,
  set_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
