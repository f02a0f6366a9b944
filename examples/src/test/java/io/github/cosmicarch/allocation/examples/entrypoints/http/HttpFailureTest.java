package io.github.cosmicarch.allocation.examples.entrypoints.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.faults.ForwardingUnitOfWork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API answers when the service itself fails: a status and a message, never a stack
 * trace; and when the database loses a commit's acknowledgement, an answer that says sending the
 * request again is safe, which it is.
 */
class HttpFailureTest {

    /** Storage in memory whose units of work fail as {@link #failure} says. */
    @Configuration(proxyBeanMethods = false)
    static class FailingStorage {

        static final InMemoryDatabase DATABASE = new InMemoryDatabase();
        static volatile Failure failure = Failure.NONE;

        @Bean
        UnitOfWorkFactory unitsOfWork() {
            return () -> switch (failure) {
                case NONE -> DATABASE.start();
                case UNEXPECTED -> throw new IllegalStateException("disk on fire at com.example.Secret.method(Secret.java:42)");
                case CONFLICT -> throw new ConcurrencyConflict("S", "changed meanwhile");
                case ACKNOWLEDGEMENT_LOST_ONCE -> losingTheFirstAcknowledgement(DATABASE.start());
            };
        }

        @Bean
        AllocationsView allocationsView() {
            return DATABASE.allocationsView();
        }
    }

    enum Failure { NONE, UNEXPECTED, CONFLICT, ACKNOWLEDGEMENT_LOST_ONCE }

    private static final AtomicInteger ACKNOWLEDGEMENTS_LOST = new AtomicInteger();

    /** Commits, then fails as a connection killed right after the commit does: the first time only. */
    private static OutboxUnitOfWork losingTheFirstAcknowledgement(OutboxUnitOfWork uow) {
        return new ForwardingUnitOfWork(uow) {
            @Override
            public void commit() {
                super.commit();
                if (ACKNOWLEDGEMENTS_LOST.getAndIncrement() == 0) {
                    throw new StorageFailure("The connection closed before the commit was acknowledged", null);
                }
            }
        };
    }

    private static AllocationApplication start() {
        Settings settings = new Settings(0, "jdbc:h2:mem:failures;DB_CLOSE_DELAY=-1", Optional.empty(), Optional.empty());
        return AllocationApplication.of(AllocationApplication.application(settings).sources(FailingStorage.class)
                .properties("allocation.retry.max-attempts=1").run());
    }

    private static HttpResponse<String> post(AllocationApplication application, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> allocateWith(Failure failure) throws Exception {
        try (AllocationApplication application = start()) {
            FailingStorage.failure = failure;
            return post(application, "/allocate", "{\"orderid\": \"o1\", \"sku\": \"S\", \"qty\": 1}");
        } finally {
            FailingStorage.failure = Failure.NONE;
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithoutDetails() throws Exception {
        HttpResponse<String> response = allocateWith(Failure.UNEXPECTED);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal error\"}");
    }

    @Test
    void aConflictThatOutlastsTheRetriesIsA409() throws Exception {
        HttpResponse<String> response = allocateWith(Failure.CONFLICT);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"message\":\"The product changed concurrently too often; try again\"}");
    }

    @Test
    void aLostCommitAcknowledgementIsA503ThatSaysRetryingIsSafeAndItIs() throws Exception {
        try (AllocationApplication application = start()) {
            assertThat(post(application, "/add_batch", "{\"ref\": \"b1\", \"sku\": \"LAMP\", \"qty\": 10}").statusCode())
                    .isEqualTo(201);
            FailingStorage.failure = Failure.ACKNOWLEDGEMENT_LOST_ONCE;
            String order = "{\"orderid\": \"o-lost\", \"sku\": \"LAMP\", \"qty\": 3}";

            HttpResponse<String> first = post(application, "/allocate", order);
            HttpResponse<String> retried = post(application, "/allocate", order);

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.body()).contains("Sending the same request again is safe");
            assertThat(retried.statusCode()).isEqualTo(202);
            FailingStorage.failure = Failure.NONE;
            try (UnitOfWork uow = FailingStorage.DATABASE.start()) {
                assertThat(uow.products().get("LAMP").orElseThrow().batches().get(0).availableQuantity()).isEqualTo(7);
            }
        } finally {
            FailingStorage.failure = Failure.NONE;
        }
    }
}
