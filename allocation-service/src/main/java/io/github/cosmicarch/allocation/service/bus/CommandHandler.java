package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.command.Command;

/**
 * Handles one type of command inside the unit of work the bus started for it. A handler commits
 * what it wants kept; the bus closes the unit of work, which rolls back anything not committed.
 *
 * @param <C> the command type
 * @param <R> what handling it answers
 */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {

    /**
     * Handles the command.
     *
     * @param command the command
     * @param uow     a unit of work started for this command alone
     * @return the answer to the command
     */
    R handle(C command, UnitOfWork uow);
}
