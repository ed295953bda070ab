package dev.charon.platform;

import dev.charon.security.Accounts;
import java.util.logging.Logger;

/**
 * The GM account on first start: from {@code charon.gm.password} if set, otherwise a generated
 * password printed exactly once, with the login URL, to the log. Later starts change nothing
 * (the password then lives only as a hash in the database).
 */
final class FirstRun {
  private static final Logger LOG = Logger.getLogger(FirstRun.class.getName());

  private FirstRun() {}

  static void ensureGm(Accounts accounts, Settings settings, String contextPath) {
    Accounts.FirstRun result;
    try {
      result = accounts.ensureGm(settings.gmPassword());
    } catch (dev.charon.web.ApiError e) {
      throw new StartupException(Settings.GM_PASSWORD + " (CHARON_GM_PASSWORD) must be " + Accounts.MIN_PASSWORD_CHARS
          + "–" + Accounts.MAX_PASSWORD_CHARS + " characters: set a longer one, or unset it to get a generated one");
    }
    if (!result.created()) {
      return;
    }
    String url = loginUrl(settings.publicUrl(), contextPath);
    if (result.generatedPassword().isPresent()) {
      // The one time this password is ever shown: it is not stored anywhere in clear.
      LOG.warning("\n==================================================================\n"
          + " FIRST RUN: created the GM account.\n"
          + "   username : " + Accounts.GM_USERNAME + "\n"
          + "   password : " + result.generatedPassword().get() + "\n"
          + "   log in at: " + url + "\n"
          + " This password is shown only this once. Keep it; players get accounts\n"
          + " from the GM console. To choose it yourself instead, set " + Settings.GM_PASSWORD + "\n"
          + " (CHARON_GM_PASSWORD) before the first start.\n"
          + "==================================================================");
    } else {
      LOG.info("First run: created the GM account '" + Accounts.GM_USERNAME + "' with the password from "
          + Settings.GM_PASSWORD + "; log in at " + url);
    }
  }

  /**
   * The public URL's login page when charon.public.url is set. Otherwise host and port are known
   * only to the run command (system properties); the path always.
   */
  static String loginUrl(java.util.Optional<PublicUrl> publicUrl, String contextPath) {
    if (publicUrl.isPresent()) {
      return publicUrl.get().link("login/");
    }
    String path = contextPath + "/login/";
    String port = System.getProperty("charon.http.port");
    if (port == null || port.isBlank()) {
      return path + " on this server";
    }
    String address = System.getProperty("charon.http.address", "127.0.0.1");
    String host = address.equals("0.0.0.0") ? "<this machine's address>" : address;
    return "http://" + host + ":" + port + path;
  }
}
