package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the production hasher, a login for an unknown user costs as much as a wrong password,
 * so response time does not reveal which usernames exist.
 */
class LoginTimingTest {
  @Test
  void unknownUserTakesAboutAsLongAsAWrongPassword() {
    Database db = Database.openUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try {
      Accounts accounts = new Accounts(db.emf(), PasswordHasher.standard());
      accounts.ensureGm(Optional.of("the gm password"));
      accounts.verify("gm", "warm-up the JIT");
      accounts.verify("nobody", "warm-up the JIT");
      // CPU time of this thread, not wall-clock: on a loaded machine a preemption in one sample
      // would decide the ratio. The hashing and the embedded database both run on this thread.
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long[] unknown = new long[5];
      long[] wrong = new long[5];
      for (int i = 0; i < unknown.length; i++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        assertTrue(accounts.verify("nobody-" + i, "wrong password").isEmpty());
        long t1 = cpu.getCurrentThreadCpuTime();
        assertTrue(accounts.verify("gm", "wrong password").isEmpty());
        long t2 = cpu.getCurrentThreadCpuTime();
        unknown[i] = t1 - t0;
        wrong[i] = t2 - t1;
      }
      double ratio = (double) median(unknown) / median(wrong);
      assertTrue(ratio > 0.6 && ratio < 1.6, "unknown/wrong median time ratio " + ratio);
    } finally {
      db.close();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

}
