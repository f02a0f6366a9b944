package io.github.cosmicarch.allocation.examples.entrypoints.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.model.Batch;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API answers when the service itself fails: a status and a message, never a stack
 * trace; when the database loses a commit's acknowledgement, or does not answer by the request's
 * deadline, an answer that says sending the request again is safe, which it is.
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
                case STALLED -> afterAStall(DATABASE::start);
            };
        }

        @Bean
        AllocationsView allocationsView() {
            return DATABASE.allocationsView();
        }
    }

    enum Failure { NONE, UNEXPECTED, CONFLICT, ACKNOWLEDGEMENT_LOST_ONCE, STALLED }

    /** How long a stalled database keeps a unit of work waiting: longer than the deadline these tests set. */
    private static final Duration STALL = Duration.ofSeconds(3);
    private static final String ONE_SECOND_DEADLINE = "--allocation.example.request-deadline=1s";

    /** Starts the unit of work once the database has kept it waiting, as a frozen one that thaws does. */
    private static OutboxUnitOfWork afterAStall(Supplier<OutboxUnitOfWork> start) {
        try {
            Thread.sleep(STALL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return start.get();
    }

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

    /** Starts the application; {@code arguments} such as {@code --name=value} win over application.properties. */
    private static AllocationApplication start(String... arguments) {
        Settings settings = new Settings(0, "jdbc:h2:mem:failures;DB_CLOSE_DELAY=-1", Optional.empty(), Optional.empty());
        return AllocationApplication.of(AllocationApplication.application(settings).sources(FailingStorage.class)
                .properties("allocation.retry.max-attempts=1").run(arguments));
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

    @Test
    void aDatabaseThatDoesNotAnswerByTheDeadlineIsA503ThatSaysRetryingIsSafeAndItIs() throws Exception {
        try (AllocationApplication application = start(ONE_SECOND_DEADLINE)) {
            assertThat(post(application, "/add_batch", "{\"ref\": \"b-stalled\", \"sku\": \"RUG\", \"qty\": 10}").statusCode())
                    .isEqualTo(201);
            FailingStorage.failure = Failure.STALLED;
            String order = "{\"orderid\": \"o-stalled\", \"sku\": \"RUG\", \"qty\": 3}";

            long sent = System.nanoTime();
            HttpResponse<String> first = post(application, "/allocate", order);
            Duration took = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.body()).contains("Sending the same request again is safe");
            assertThat(took).as("answered at the deadline, not after the stall").isLessThan(STALL);
            Thread.sleep(STALL.toMillis());
            FailingStorage.failure = Failure.NONE;
            assertThat(post(application, "/allocate", order).statusCode()).isEqualTo(202);
            try (UnitOfWork uow = FailingStorage.DATABASE.start()) {
                assertThat(uow.products().get("RUG").orElseThrow().batches().get(0).availableQuantity()).isEqualTo(7);
            }
        } finally {
            FailingStorage.failure = Failure.NONE;
        }
    }

    @Test
    void aRequestFindingEveryWorkerTakenIsA503AtOnceAndNothingIsDone() throws Exception {
        try (AllocationApplication application = start(ONE_SECOND_DEADLINE, "--allocation.example.request-workers=1")) {
            FailingStorage.failure = Failure.STALLED;
            assertThat(post(application, "/add_batch", "{\"ref\": \"b-first\", \"sku\": \"MAT\", \"qty\": 10}").statusCode())
                    .isEqualTo(503);

            long sent = System.nanoTime();
            HttpResponse<String> second = post(application, "/add_batch", "{\"ref\": \"b-second\", \"sku\": \"MAT\", \"qty\": 10}");
            Duration took = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("nothing was done");
            assertThat(took).as("answered at once, not at the deadline").isLessThan(Duration.ofMillis(500));
            Thread.sleep(STALL.toMillis());
            FailingStorage.failure = Failure.NONE;
            try (UnitOfWork uow = FailingStorage.DATABASE.start()) {
                assertThat(uow.products().get("MAT").orElseThrow().batches()).extracting(Batch::reference)
                        .containsExactly("b-first");
            }
        } finally {
            FailingStorage.failure = Failure.NONE;
        }
    }
}
