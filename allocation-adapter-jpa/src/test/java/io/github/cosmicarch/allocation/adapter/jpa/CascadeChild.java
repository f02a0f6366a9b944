package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service as {@link CrashRecoveryTest} kills it: in a JVM of its own, it fills a batch with
 * lines, adds a spare batch, then shrinks the full one to nothing, so that every line must be
 * reallocated, and waits to be killed. Every allocation it publishes is appended to a file. In
 * the mode {@code burst} it only allocates, to a broker that takes 2 ms per message, so that it is
 * killed while publishing. In the mode {@code grouped} it allocates from eight threads with
 * grouping on, and prints each answer as the bus gives it.
 */
public final class CascadeChild {

    private CascadeChild() {}

    /**
     * Runs the scenario.
     *
     * @param args the JDBC URL, the sku, the number of lines, the file of published order ids, the
     *             mode ({@code cascade}, {@code burst} or {@code grouped})
     * @throws InterruptedException never: it waits to be killed
     */
    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String sku = args[1];
        int lines = Integer.parseInt(args[2]);
        boolean burst = args[4].equals("burst");
        EventPublisher toFile = publishingTo(Path.of(args[3]));
        EventPublisher publisher = burst ? (event, id) -> {
            pause(2);
            toFile.publish(event, id);
        } : toFile;
        JpaDatabase database = JpaDatabase.connect(url);
        if (args[4].equals("grouped")) {
            allocateGroupedUntilKilled(database, publisher, sku, lines);
        }
        MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().publisher(publisher).build();
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse(sku + "-full", sku, lines));
        for (int line = 0; line < lines; line++) {
            bus.handle(new Allocate(sku + "-order-" + line, sku, 1));
        }
        if (burst) {
            System.out.println("ALLOCATED");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        bus.handle(new CreateBatch(sku + "-spare", sku, lines, Optional.of(LocalDate.of(2030, 1, 1))));
        System.out.println("SHRINKING");
        System.out.flush();
        bus.handle(new ChangeBatchQuantity(sku + "-full", 0));
        System.out.println("CASCADE DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Eight threads allocate on one product with grouping on, twice as many lines as its batch
     * holds, each printing {@code ACK <order id> <batch or none>} once the bus answered; every
     * group of more than one command is printed as {@code GROUP <size>} before it is applied.
     */
    private static void allocateGroupedUntilKilled(JpaDatabase database, EventPublisher publisher, String sku, int lines)
            throws InterruptedException {
        BusObserver groups = new BusObserver() {
            @Override
            public void commandsGrouped(List<Command<?>> commands) {
                print("GROUP " + commands.size());
            }
        };
        MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().publisher(publisher)
                .groupAllocations(true).messageBus().observer(groups).build();
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse(sku + "-full", sku, lines));
        print("ALLOCATING");
        int threads = 8;
        List<Thread> workers = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int first = thread;
            Thread worker = new Thread(() -> {
                for (int line = first; line < 2 * lines; line += threads) {
                    String order = sku + "-order-" + line;
                    print("ACK " + order + " " + bus.handle(new Allocate(order, sku, 1)).orElse("none"));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        print("ALLOCATED");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A publisher that appends the order id of every allocation to a file. */
    static EventPublisher publishingTo(Path file) {
        return (event, id) -> {
            if (event instanceof Allocated allocated) {
                synchronized (CascadeChild.class) {
                    try {
                        Files.writeString(file, allocated.orderId() + " " + id + "\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }
}
