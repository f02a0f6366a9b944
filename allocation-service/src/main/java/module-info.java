/**
 * The allocation service layer: every use case is a command handled through the
 * {@link io.github.cosmicarch.allocation.service.bus.MessageBus}, which also dispatches the domain
 * events each handler leads to. {@link io.github.cosmicarch.allocation.service.bootstrap.Bootstrap}
 * assembles it from adapters.
 */
module io.github.cosmicarch.allocation.service {
    requires transitive io.github.cosmicarch.allocation.domain;

    exports io.github.cosmicarch.allocation.service.bootstrap;
    exports io.github.cosmicarch.allocation.service.bus;
    exports io.github.cosmicarch.allocation.service.command;
    exports io.github.cosmicarch.allocation.service.handler;
    exports io.github.cosmicarch.allocation.service.outbox;
    exports io.github.cosmicarch.allocation.service.port;
}
