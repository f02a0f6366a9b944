package io.github.cosmicarch.allocation.examples.readme;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The README's application service: its own row and the allocation, in one transaction. */
// README
@Service
public class Orders {

    private final JdbcTemplate jdbc;
    private final MessageBus bus;

    public Orders(JdbcTemplate jdbc, MessageBus bus) {
        this.jdbc = jdbc;
        this.bus = bus;
    }

    @Transactional
    public Optional<String> place(String orderId, String sku, int quantity) {
        jdbc.update("insert into purchase_orders (id, sku, quantity) values (?, ?, ?)", orderId, sku, quantity);
        return bus.handle(new Allocate(orderId, sku, quantity)); // in this transaction, on its connection
    }
}
// END README
