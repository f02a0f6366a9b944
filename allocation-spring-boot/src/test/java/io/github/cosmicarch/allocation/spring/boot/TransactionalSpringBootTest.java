package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

/**
 * A {@code @Transactional} test of an application, as teams write them: the bus's work rolls back
 * with each test, so that the next one starts from the same empty database.
 */
@SpringBootTest(classes = TransactionalSpringBootTest.Application.class,
        properties = "spring.datasource.url=jdbc:h2:mem:transactional-spring-boot-test;DB_CLOSE_DELAY=-1")
@Transactional
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransactionalSpringBootTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Autowired
    MessageBus bus;

    @Autowired
    AllocationsView view;

    @Test
    @Order(1)
    void addsABatchAndAllocates() {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
        assertThat(view.allocations("o1")).hasSize(1);
    }

    @Test
    @Order(2)
    void startsFromAnEmptyDatabaseAgain() {
        assertThat(view.allocations("o1")).isEmpty();

        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        assertThat(bus.handle(new Allocate("o1", "LAMP", 10))).contains("b1");
    }
}
