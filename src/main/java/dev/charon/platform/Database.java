package dev.charon.platform;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The embedded H2 file database in the data directory: Flyway owns the schema, EclipseLink
 * maps the entities. There is deliberately no ActiveView table: that state lives in memory.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  /**
   * WRITE_DELAY=0 makes H2 write each commit to the file before the commit returns, so an
   * acknowledged message survives a kill -9 (the default delay of 500 ms could lose it).
   */
  private static final String URL_OPTIONS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

  /** Payara binds any META-INF/persistence.xml to its own database; ours has another name. */
  private static final String PERSISTENCE_XML = "META-INF/charon-persistence.xml";

  private final String url;
  private final EntityManagerFactory emf;
  private final SchemaStatus schema;

  private Database(String url, SchemaStatus schema, EntityManagerFactory emf) {
    this.url = url;
    this.schema = schema;
    this.emf = emf;
  }

  public static Database open(Path dataDir) {
    String url = "jdbc:h2:file:" + dataDir.resolve("charon").toAbsolutePath() + URL_OPTIONS;
    return openUrl(url);
  }

  /** For tests: an in-memory or temporary database with the same schema. */
  public static Database openUrl(String url) {
    Flyway flyway = Flyway.configure(Database.class.getClassLoader())
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration")
        .load();
    try {
      flyway.migrate();
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("Database may be already in use")) {
        throw new StartupException("The database in " + url + " is locked by another process: stop the other "
            + "Charon using this data directory, or set charon.data.dir (CHARON_DATA_DIR) to another directory", e);
      }
      throw e;
    }
    EntityManagerFactory emf = Persistence.createEntityManagerFactory("charon", Map.of(
        "eclipselink.persistencexml", PERSISTENCE_XML,
        "jakarta.persistence.jdbc.driver", "org.h2.Driver",
        "jakarta.persistence.jdbc.url", url,
        "jakarta.persistence.jdbc.user", "sa",
        "jakarta.persistence.jdbc.password", "",
        "eclipselink.logging.level", "WARNING",
        "eclipselink.ddl-generation", "none"));
    SchemaStatus schema = schemaStatus(flyway);
    LOG.info(() -> "Database " + url + " at schema version "
        + (schema.applied().isEmpty() ? "none" : schema.applied().get(schema.applied().size() - 1).version()));
    return new Database(url, schema, emf);
  }

  public EntityManagerFactory emf() {
    return emf;
  }

  public record Migration(String version, String description, String installedOn) {}

  /** Applied migrations, oldest first, and how many are still pending. */
  public record SchemaStatus(List<Migration> applied, int pending) {}

  /**
   * The schema as migrated at start-up. Read once: only {@link #openUrl} migrates, H2's file lock
   * keeps every other process out of the database, and Flyway's {@code info()} writes two log
   * lines per call, which a health probe every few seconds turned into a growing log.
   */
  public SchemaStatus schema() {
    return schema;
  }

  private static SchemaStatus schemaStatus(Flyway flyway) {
    var info = flyway.info();
    List<Migration> applied = java.util.Arrays.stream(info.applied())
        .map(m -> new Migration(String.valueOf(m.getVersion()), m.getDescription(), String.valueOf(m.getInstalledOn())))
        .toList();
    return new SchemaStatus(applied, info.pending().length);
  }

  /** A live round trip to the database, for /api/health/. */
  public boolean ping() {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * A random key of {@code bytes} bytes, made on first use and kept in the database: the same on
   * every start for as long as the data directory lives, a new one with a new data directory.
   * Called once at start-up, before any request, so the read-then-insert needs no lock.
   */
  public byte[] deploymentKey(String name, int bytes) {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      byte[] stored = storedKey(c, name);
      if (stored != null) {
        return stored;
      }
      byte[] fresh = new byte[bytes];
      new SecureRandom().nextBytes(fresh);
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO deployment_key (name, key_bytes) VALUES (?, ?)")) {
        insert.setString(1, name);
        insert.setBytes(2, fresh);
        insert.executeUpdate();
      }
      LOG.info(() -> "Created the deployment key '" + name + "'");
      return fresh;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read or store the deployment key " + name, e);
    }
  }

  private static byte[] storedKey(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT key_bytes FROM deployment_key WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  public List<String> tableNames() {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        var rs = c.createStatement().executeQuery(
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list tables", e);
    }
  }

  @Override
  public void close() {
    emf.close();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("SHUTDOWN");
    } catch (SQLException e) {
      LOG.fine(() -> "shutdown: " + e.getMessage());
    }
  }
}
