package dev.charon.system;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Tomcat 11 distribution (unpacked by the build from Maven Central) with a
 * CATALINA_BASE made from the project's {@code tomcat-conf/}, as the run command uses it.
 */
public final class TomcatServer extends ServerProcess {
  private final Path catalinaBase;

  public TomcatServer(Path workDir, String contextPath, Map<String, String> charonProperties) throws IOException {
    super(workDir, contextPath, charonProperties);
    this.catalinaBase = workDir.resolve("catalina-base");
    {
      copyTree(Path.of(required("charon.tomcat.conf")), catalinaBase);
      for (String dir : List.of("webapps", "logs", "temp", "work")) {
        Files.createDirectories(catalinaBase.resolve(dir));
      }
      String warName = contextPath.isEmpty() ? "ROOT.war" : contextPath.substring(1) + ".war";
      Files.copy(war(), catalinaBase.resolve("webapps").resolve(warName), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public String name() {
    return "Tomcat" + (contextPath.isEmpty() ? " (root)" : " (" + contextPath + ")");
  }

  /** The copied CATALINA_BASE, which a test may edit before {@link #start}. */
  public Path catalinaBase() {
    return catalinaBase;
  }

  @Override
  protected List<String> command() {
    Path home = Path.of(required("charon.tomcat.home"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // What catalina.sh adds: without these Tomcat cannot look for ThreadLocal leaks (and says so)
    // or clear the JDK caches a stopped application left its classes in.
    for (String open : List.of("java.base/java.lang", "java.base/java.lang.reflect", "java.base/java.io",
        "java.base/java.util", "java.base/java.util.concurrent", "java.rmi/sun.rmi.transport")) {
      cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
    }
    // Extra JVM options for investigations, e.g. a flight recording of a benchmark:
    // -Dcharon.it.tomcat.jvm="-XX:StartFlightRecording=filename=/tmp/bench.jfr"
    for (String option : System.getProperty("charon.it.tomcat.jvm", "").trim().split("\\s+")) {
      if (!option.isEmpty()) {
        cmd.add(option);
      }
    }
    cmd.add("-Dcatalina.home=" + home);
    cmd.add("-Dcatalina.base=" + catalinaBase);
    cmd.add("-Djava.io.tmpdir=" + catalinaBase.resolve("temp"));
    cmd.add("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
    cmd.add("-Djava.util.logging.config.file=" + catalinaBase.resolve("conf/logging.properties"));
    cmd.add("-Dorg.apache.catalina.startup.EXIT_ON_INIT_FAILURE=true");
    cmd.add("-Dcharon.http.port=" + port);
    cmd.add("-Dcharon.http.address=127.0.0.1");
    cmd.add("-Dcharon.shutdown.port=-1");
    cmd.addAll(systemProperties());
    cmd.add("-cp");
    cmd.add(home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator + home.resolve("bin/tomcat-juli.jar"));
    cmd.add("org.apache.catalina.startup.Bootstrap");
    cmd.add("start");
    return cmd;
  }

  /**
   * A fresh copy of the demo campaign beside {@code work} ({@code <work>-campaign}), for tests that
   * edit it (longer names, more rooms) before a server loads it with {@code charon.campaign.dir}.
   */
  public static Path demoCampaignCopy(Path work) throws IOException {
    Path copy = work.resolveSibling(work.getFileName() + "-campaign");
    ServerProcess.deleteTree(copy);
    copyTree(Path.of("src/main/resources/demo-campaign").toAbsolutePath(), copy);
    return copy;
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
