-- Random keys made once per deployment (per data directory) and kept for its lifetime, e.g. the
-- key the door ids players see are derived with (DoorIds). Never sent to any client.
CREATE TABLE deployment_key (
  name       VARCHAR(40)   NOT NULL PRIMARY KEY,
  key_bytes  VARBINARY(64) NOT NULL
);
