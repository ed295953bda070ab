package dev.charon.platform;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of this deployment's classes where the JDK's record support still holds them.
 *
 * <p>A record's {@code equals}, {@code hashCode} and {@code toString} are built on first use by
 * {@link ObjectMethods#bootstrap}, which adapts a few of its own static method handles to the
 * record's types with {@code asType}. On JDK 17 each such handle keeps its last adaptation in a
 * plain field ({@code MethodHandle.asTypeCache}), so the last record (or record component type)
 * adapted stays reachable from a JDK class for as long as the JVM runs, and with it the class
 * loader of an undeployed Charon. A heap dump after ten redeploys showed exactly this path:
 * {@code ObjectMethods} → a static handle → its cached adaptation → {@code MethodType} →
 * {@code ActiveViewState} → the old class loader.
 *
 * <p>Building the three methods once more for JDK types only replaces each of those cached
 * adaptations with one that names no class of ours. RedeployIT fails without this.
 */
final class RecordMethodCaches {
  private static final Logger LOG = Logger.getLogger(RecordMethodCaches.class.getName());

  private RecordMethodCaches() {}

  static void release() {
    try {
      // A "record" of JDK types: String as the receiver, one Integer component (not Object:
      // asType to a handle's own type leaves its cache alone).
      MethodHandle component = MethodHandles.dropArguments(MethodHandles.constant(Integer.class, 0), 0, String.class);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, String.class, Object.class),
          String.class, "c", component);
      ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, String.class),
          String.class, "c", component);
      ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, String.class),
          String.class, "c", component);
    } catch (Throwable e) {
      // Only a leak on undeploy is at stake: never fail the shutdown for it.
      LOG.log(Level.FINE, "could not release the record method caches", e);
    }
  }
}
