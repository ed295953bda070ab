package dev.charon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro 7 (Jakarta EE 11) running the same WAR, on the Temurin 25 JDK (it needs Java
 * 21+). HTTP is bound to loopback by a preboot command; Hazelcast clustering is off.
 */
public final class PayaraServer extends ServerProcess {
  public PayaraServer(Path workDir, String contextPath, Map<String, String> charonProperties) {
    super(workDir, contextPath, charonProperties);
  }

  @Override
  public String name() {
    return "Payara Micro" + (contextPath.isEmpty() ? " (root)" : " (" + contextPath + ")");
  }

  @Override
  protected List<String> command() throws IOException {
    Path preboot = workDir.resolve("preboot.asadmin");
    Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
        + ".network-listener.http-listener.address=127.0.0.1\n");
    List<String> cmd = new ArrayList<>();
    cmd.add(required("charon.payara.java"));
    cmd.add("-Xmx768m");
    cmd.add("-Djava.io.tmpdir=" + workDir);
    cmd.addAll(systemProperties());
    cmd.add("-jar");
    cmd.add(required("charon.payara.jar"));
    cmd.add("--deploy");
    cmd.add(war().toString());
    cmd.add("--contextroot");
    cmd.add(contextPath.isEmpty() ? "/" : contextPath.substring(1));
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--nocluster");
    cmd.add("--disablephonehome");
    cmd.add("--nohazelcast");
    cmd.add("--prebootcommandfile");
    cmd.add(preboot.toString());
    cmd.add("--rootdir");
    cmd.add(workDir.resolve("payara-root").toString());
    return cmd;
  }
}
