package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.adapter.jpa.AllocationSchema;
import io.github.cosmicarch.allocation.adapter.jpa.JpaAllocationsView;
import io.github.cosmicarch.allocation.adapter.jpa.JpaUnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.Notifications;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The allocation library in a Spring Boot application with a {@code DataSource} and JPA: the
 * adapter's classes join Boot's persistence unit, the units of work and the allocations read model
 * work on Boot's {@link EntityManagerFactory}, the {@link MessageBus} is a bean, and its dispatcher
 * starts and stops with the context. Every bean backs off when the application defines its own;
 * {@link Notifications}, {@link EventPublisher} and {@link BusObserver} beans of the
 * application are wired into the bus; {@link AllocationObservabilityAutoConfiguration} adds metrics
 * and a health indicator.
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass({EntityManagerFactory.class, JpaUnitOfWorkFactory.class, HibernateJpaAutoConfiguration.class})
@EnableConfigurationProperties(AllocationProperties.class)
@Import(AllocationMigrationsConfiguration.class)
public class AllocationAutoConfiguration {

    /**
     * Checks the {@code allocation.*} properties before any bean is created.
     *
     * @return the check
     */
    @Bean
    static AllocationPropertiesCheck allocationPropertiesCheck() {
        return new AllocationPropertiesCheck();
    }

    /**
     * Adds the adapter's mapped classes to Boot's persistence unit, whatever packages it scans.
     *
     * @return the customizer
     */
    @Bean
    static EntityManagerFactoryBuilderCustomizer allocationManagedClasses() {
        return builder -> builder.addPersistenceUnitPostProcessors(unit ->
                AllocationSchema.managedClasses().forEach(type -> unit.addManagedClassName(type.getName())));
    }

    /**
     * Units of work on Boot's entity manager factory.
     *
     * @param entityManagerFactory Boot's
     * @param properties           the {@code allocation.*} properties
     * @return the factory
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(EntityManagerFactory.class)
    UnitOfWorkFactory allocationUnitsOfWork(EntityManagerFactory entityManagerFactory, AllocationProperties properties) {
        return new JpaUnitOfWorkFactory(providersOwn(entityManagerFactory), properties.productsKept(),
                new SpringTransactions(entityManagerFactory));
    }

    /**
     * The persistence provider's own factory behind Spring's proxy, for the work the library does
     * outside a caller's transaction: each call on an entity manager of the proxy's goes through
     * reflection, and it has nothing to join there. A caller's transaction is still found by the
     * proxy, which Spring binds it to.
     */
    private static EntityManagerFactory providersOwn(EntityManagerFactory entityManagerFactory) {
        return entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getNativeEntityManagerFactory() != null
                ? info.getNativeEntityManagerFactory()
                : entityManagerFactory;
    }

    /**
     * The allocations read model, kept by the units of work's commits.
     *
     * @param entityManagerFactory Boot's
     * @return the view
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(EntityManagerFactory.class)
    AllocationsView allocationsView(EntityManagerFactory entityManagerFactory) {
        return new JpaAllocationsView(providersOwn(entityManagerFactory), new SpringTransactions(entityManagerFactory));
    }

    /**
     * The message bus, assembled as {@link Bootstrap} assembles it. The read model is the one the
     * units of work write in their own commits, as the JPA adapter's do, and the
     * {@link AllocationsView} bean answers queries on it. An {@link AllocationsProjection} bean of
     * the application is written by the bus's read-model handlers: a read model of its own, or
     * the one of units of work that write none. Every {@link EventPublisher} bean publishes
     * allocations, each as an effect handler of its own (named {@code publish_allocated} when it
     * is the only one, {@code publish_allocated_to_} and its bean name when there are several),
     * and every {@link MessageBusCustomizer} bean adds to the bus before it is built.
     *
     * @param unitsOfWork   the units of work
     * @param projection    a read model the bus's handlers write, when the application has such a bean
     * @param properties    the {@code allocation.*} properties
     * @param notifications where out-of-stock notices go, when the application has such a bean
     * @param beans         where the application's publishers are found, by name
     * @param customizers   what the application adds to the bus
     * @param observers     who hears of commands, conflicts and parked handlers: the application's
     *                      observers and the library's metrics, when there are such beans
     * @return the bus
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(UnitOfWorkFactory.class)
    MessageBus messageBus(UnitOfWorkFactory unitsOfWork, ObjectProvider<AllocationsProjection> projection,
                          AllocationProperties properties, ObjectProvider<Notifications> notifications,
                          ListableBeanFactory beans, ObjectProvider<MessageBusCustomizer> customizers,
                          ObjectProvider<BusObserver> observers) {
        Bootstrap bootstrap = Bootstrap.builder()
                .unitsOfWork(unitsOfWork)
                .readModelKeptByStorage()
                .groupAllocations(properties.groupAllocations())
                .outOfStockAddress(properties.outOfStockAddress());
        projection.ifAvailable(bootstrap::readModel);
        notifications.ifAvailable(bootstrap::notifications);
        Map<String, EventPublisher> publishers = beans.getBeansOfType(EventPublisher.class);
        if (publishers.size() == 1) {
            bootstrap.publisher(publishers.values().iterator().next());
        } else {
            publishers.forEach(bootstrap::addPublisher);
        }
        MessageBus.Builder bus = bootstrap.messageBus()
                .retryPolicy(properties.retry().policy())
                .dispatcherSettings(properties.dispatcher().settings());
        if (properties.groupsAtOnce() > 0) {
            bus.groupsAtOnce(properties.groupsAtOnce());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(bus));
        List<BusObserver> all = observers.orderedStream().toList();
        if (!all.isEmpty()) {
            bus.observer(all.size() == 1 ? all.get(0) : new BusObservers(all));
        }
        return bus.build();
    }

    /**
     * Publishes the library's events as Spring application events after the commits that stored
     * them, at least once: see {@link ApplicationEvents}. Off with
     * {@code allocation.application-events=false}.
     *
     * @param publisher    the application context
     * @param transactions the application's transaction manager, when it has one
     * @return the customizer that adds the handlers
     */
    @Bean
    @ConditionalOnProperty(prefix = "allocation", name = "application-events", matchIfMissing = true)
    MessageBusCustomizer allocationApplicationEvents(ApplicationEventPublisher publisher,
                                                     ObjectProvider<PlatformTransactionManager> transactions) {
        return new ApplicationEvents(publisher, Optional.ofNullable(transactions.getIfUnique()).map(TransactionTemplate::new));
    }

    /**
     * Starts the bus's dispatcher with the context and stops it after the web server has finished
     * its requests.
     *
     * @param bus the bus
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MessageBus.class)
    @ConditionalOnProperty(prefix = "allocation.dispatcher", name = "enabled", matchIfMissing = true)
    DispatcherLifecycle allocationDispatcher(MessageBus bus) {
        return new DispatcherLifecycle(bus.dispatcher());
    }
}
