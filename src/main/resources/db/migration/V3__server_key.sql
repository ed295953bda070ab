-- Secrets of this installation, made once by Charon at its first start with this schema and
-- kept across restarts. 'device_cookie' signs the login device cookies (security.DeviceCookies):
-- deleting the row invalidates every device cookie issued so far (a new key is made at start).
CREATE TABLE server_key (
  name        VARCHAR(32)  NOT NULL PRIMARY KEY,
  key_base64  VARCHAR(100) NOT NULL
);
