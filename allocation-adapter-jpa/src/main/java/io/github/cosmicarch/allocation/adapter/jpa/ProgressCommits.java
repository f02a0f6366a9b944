package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;

/**
 * Lets a transaction that records only the dispatcher's progress commit without waiting for the
 * disk, on PostgreSQL: {@code synchronous_commit} off for that transaction alone. A crash may lose
 * the last of those commits; the events they finished are then dispatched again, which
 * at-least-once delivery allows. Any later commit that waits for the disk writes them first, as
 * the log is written in order, so that the dispatcher's commits do not queue at the disk ahead of
 * a client's. On other databases it does nothing (ADR 18).
 */
class ProgressCommits {

    private volatile Boolean postgres;

    /** Sets the transaction open on the entity manager to commit without waiting, where the database allows it. */
    void commitWithoutWaiting(EntityManager em) {
        Boolean known = postgres;
        if (known == null) {
            known = em.callWithConnection((Connection connection) -> "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        if (known) {
            SqlWrites.update(em, "set local synchronous_commit = off");
        }
    }
}
