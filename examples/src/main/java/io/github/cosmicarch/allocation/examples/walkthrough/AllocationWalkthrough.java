package io.github.cosmicarch.allocation.examples.walkthrough;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the story of one product: stock arrives in batches, orders are allocated to the batch
 * the rules prefer, a line asked for twice is allocated once, an order that fits nowhere is out
 * of stock, and a batch that shrinks gives back its newest lines to be allocated elsewhere.
 *
 * <p>The product keeps only how much each batch holds; which orders a batch holds, the walkthrough
 * learns from the events, as a read model does.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java}.
 */
public final class AllocationWalkthrough {

    private static final String SKU = "SMALL-TABLE";
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private final PrintStream out;
    private final Product product = new Product(SKU);
    /** The lines each batch holds, oldest first, as the events told them. */
    private final Map<String, List<OrderLine>> linesByBatch = new HashMap<>();

    /**
     * Creates a walkthrough that prints to the given stream.
     *
     * @param out where the story is told
     */
    public AllocationWalkthrough(PrintStream out) {
        this.out = out;
    }

    /**
     * Prints the story to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        new AllocationWalkthrough(System.out).tell();
    }

    /** Tells the whole story, step by step. */
    public void tell() {
        out.println("The furniture shop sells " + SKU + ".");
        receive(new Batch("warehouse-stock", SKU, 20, null), "20 tables are in the warehouse");
        receive(new Batch("ship-next-week", SKU, 50, MONDAY.plusWeeks(1)), "50 more arrive by ship next week");
        receive(new Batch("ship-monday", SKU, 50, MONDAY), "50 more arrive by ship on Monday");

        allocate(new OrderLine("order-1", SKU, 10), "Order 1 wants 10: warehouse stock comes first.");
        allocate(new OrderLine("order-2", SKU, 15), "Order 2 wants 15, more than the warehouse has left: the earliest ship takes it.");
        allocate(new OrderLine("order-1", SKU, 10), "Order 1 is sent twice: the same line is not allocated again.");
        allocate(new OrderLine("order-3", SKU, 500), "Order 3 wants 500: no batch is big enough.");

        out.println();
        out.println("A pallet was dropped: the warehouse now holds only 5 tables.");
        product.changeBatchQuantity("warehouse-stock", 5);
        List<DomainEvent> events = report();
        for (DomainEvent event : events) {
            if (event instanceof Deallocated deallocated) {
                allocate(deallocated.line(), "So " + deallocated.orderId() + " is allocated again.");
            }
        }

        out.println();
        out.println("Where the stock stands:");
        for (Batch batch : product.batches()) {
            out.printf("  %-16s %3d of %3d allocated  %s%n", batch.reference(), batch.allocatedQuantity(),
                    batch.purchasedQuantity(), linesByBatch.getOrDefault(batch.reference(), List.of()).stream().map(OrderLine::orderId).toList());
        }
        out.println("The product changed " + product.version() + " times (its version number).");
    }

    private void receive(Batch batch, String story) {
        product.addBatch(batch);
        product.collectEvents();
        out.println("  + " + story + " (" + batch.reference() + ")");
    }

    private void allocate(OrderLine line, String story) {
        out.println();
        out.println(story);
        String answer = product.allocate(line).map(reference -> "allocated to " + reference).orElse("out of stock");
        out.println("  " + line.orderId() + " x" + line.quantity() + " -> " + answer);
        report();
    }

    private List<DomainEvent> report() {
        List<DomainEvent> events = product.collectEvents();
        if (events.isEmpty()) {
            out.println("  events: none");
        }
        events.forEach(event -> out.println("  event: " + event));
        events.forEach(this::follow);
        return events;
    }

    private void follow(DomainEvent event) {
        if (event instanceof Allocated allocated) {
            linesByBatch.computeIfAbsent(allocated.batchReference(), reference -> new ArrayList<>()).add(allocated.line());
        } else if (event instanceof Deallocated deallocated) {
            linesByBatch.values().forEach(lines -> lines.remove(deallocated.line()));
        }
    }
}
