package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;

/**
 * What a unit of work's own commit does differently on PostgreSQL, whose server the factory asks
 * for once: its writes go {@linkplain Statements#together together}, in one round trip (ADR 21),
 * and a transaction that records only the dispatcher's progress commits without waiting for the
 * disk, {@code synchronous_commit} off for it alone (ADR 18). A crash may lose the last of those
 * progress commits; the events they finished are then dispatched again, which at-least-once
 * delivery allows. Any later commit that waits for the disk writes them first, as the log is
 * written in order, so that the dispatcher's commits do not queue at the disk ahead of a client's.
 * On other databases writes go one by one and every commit waits.
 */
class PostgresCommits {

    private volatile Boolean postgres;

    /** The writes of a transaction on the entity manager. */
    Statements statements(EntityManager em) {
        return isPostgres(em) ? Statements.together(em) : Statements.oneByOne(em);
    }

    /** Sets the transaction the writes are part of to commit without waiting, where the database allows it. */
    void commitWithoutWaiting(EntityManager em, Statements writes) {
        if (isPostgres(em)) {
            writes.add("set local synchronous_commit = off");
        }
    }

    private boolean isPostgres(EntityManager em) {
        Boolean known = postgres;
        if (known == null) {
            known = em.callWithConnection((Connection connection) -> "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }
}
