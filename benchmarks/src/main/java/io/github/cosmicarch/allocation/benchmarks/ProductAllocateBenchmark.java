package io.github.cosmicarch.allocation.benchmarks;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Product.allocate} of new lines, on products of 1 to 1 000 batches already holding 0 to
 * 100 000 lines. With {@code room=first}, the first batch in preference order has room; with
 * {@code room=last}, every other batch is full and only the last has room (the worst case).
 *
 * <p>Each measured shot (single-shot mode) allocates {@value #LINES_PER_SHOT} new lines; after the
 * shot, the batch that took them shrinks back, which gives back exactly those newest lines, so the
 * product keeps the size it is meant to have without being rebuilt. The score is the time per
 * allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProductAllocateBenchmark {

    static final int LINES_PER_SHOT = 1_000;
    private static final String SKU = "BENCH";
    private static final LocalDate FIRST_ETA = LocalDate.of(2027, 1, 1);

    @Param({"1", "10", "100", "1000"})
    public int batches;

    @Param({"0", "1000", "100000"})
    public int lines;

    @Param({"first", "last"})
    public String room;

    private Product product;
    private OrderLine[] newLines;
    private Batch taking;
    private int heldBefore;
    private int purchasedBefore;

    @Setup(Level.Trial)
    public void buildTheProduct() {
        boolean onlyLastHasRoom = room.equals("last");
        int share = lines / batches;
        Product built = new Product(SKU);
        for (int index = 0; index < batches; index++) {
            boolean last = index == batches - 1;
            int purchased = onlyLastHasRoom && !last ? share : lines + 1_000_000;
            built.addBatch(new Batch("batch-" + index, SKU, purchased, FIRST_ETA.plusDays(index)));
        }
        // Allocation fills the batches in preference order: with room=last, each full batch holds its share.
        for (int line = 0; line < lines; line++) {
            built.allocate(new OrderLine("held-" + line, SKU, 1));
        }
        built.collectEvents();
        product = built;
        newLines = new OrderLine[LINES_PER_SHOT];
        for (int index = 0; index < LINES_PER_SHOT; index++) {
            newLines[index] = new OrderLine("new-" + index, SKU, 1);
        }
        taking = built.batches().get(onlyLastHasRoom ? batches - 1 : 0);
        heldBefore = taking.allocatedQuantity();
        purchasedBefore = taking.purchasedQuantity();
    }

    @TearDown(Level.Iteration)
    public void giveTheNewLinesBack() {
        product.changeBatchQuantity(taking.reference(), heldBefore);
        product.changeBatchQuantity(taking.reference(), purchasedBefore);
        product.collectEvents();
        if (taking.allocatedQuantity() != heldBefore) {
            throw new IllegalStateException("the product did not return to its size");
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES_PER_SHOT)
    public Object allocate() {
        Object last = null;
        for (OrderLine line : newLines) {
            last = product.allocate(line);
        }
        product.collectEvents();
        return last;
    }
}
