package dev.charon.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;

/**
 * One unit of work in one resource-local transaction (there is no container-managed JTA on
 * plain Tomcat). Anything thrown rolls back, so a refused request stores nothing.
 */
public final class Tx {
  private Tx() {}

  /** Reads only, without a transaction: nothing to commit or roll back. */
  public static <T> T read(EntityManagerFactory emf, Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      return work.apply(em);
    } finally {
      em.close();
    }
  }

  public static <T> T in(EntityManagerFactory emf, Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
