package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The book's HTTP contract, and everything the book answers with a 500, over real HTTP. */
class HttpApiEndToEndTest {

    private static final AllocationApplication APPLICATION = AllocationApplication.start(TestSettings.onFreshH2());
    private static final HttpClientForTests HTTP = new HttpClientForTests(APPLICATION.port());

    @AfterAll
    static void stop() {
        APPLICATION.close();
    }

    @Nested
    class TheBooksContract {

        @Test
        void happyPathReturns202AndAllocatesToTheEarliestBatch() {
            String sku = unique("sku");
            String other = unique("other-sku");
            String early = unique("earlybatch");
            String later = unique("laterbatch");
            String otherBatch = unique("otherbatch");
            assertThat(HTTP.addBatch(later, sku, 100, "2011-01-02")).isEqualTo(new Answer(201, "OK", "text/plain;charset=utf-8"));
            assertThat(HTTP.addBatch(early, sku, 100, "2011-01-01").status()).isEqualTo(201);
            assertThat(HTTP.addBatch(otherBatch, other, 100, null).status()).isEqualTo(201);
            String order = unique("order");

            Answer allocated = HTTP.allocate(order, sku, 3);

            assertThat(allocated.status()).isEqualTo(202);
            assertThat(allocated.body()).isEqualTo("OK");
            Answer allocations = HTTP.get("/allocations/" + order);
            assertThat(allocations.status()).isEqualTo(200);
            assertThat(allocations.contentType()).isEqualTo("application/json");
            assertThat(allocations.body()).isEqualTo("[{\"sku\":\"" + sku + "\",\"batchref\":\"" + early + "\"}]");
        }

        @Test
        void unhappyPathReturns400AndAnErrorMessageAndWritesNothing() {
            String sku = unique("unknown-sku");
            String order = unique("order");

            Answer refused = HTTP.allocate(order, sku, 20);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"message\":\"Invalid sku " + sku + "\"}");
            assertThat(HTTP.get("/allocations/" + order).status()).isEqualTo(404);
        }

        @Test
        void outOfStockIsAcceptedButAllocatesNothing() {
            String sku = unique("scarce");
            HTTP.addBatch(unique("small"), sku, 5, null);
            String order = unique("order");

            assertThat(HTTP.allocate(order, sku, 10).status()).isEqualTo(202);

            Answer none = HTTP.get("/allocations/" + order);
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.body()).isEqualTo("{\"message\":\"No allocations for order " + order + "\"}");
        }

        @Test
        void anEtaMayBeADateTimeWhoseDateIsUsed() {
            String sku = unique("clock");
            String tomorrow = unique("tomorrow");
            assertThat(HTTP.addBatch(unique("later"), sku, 10, "2031-01-03").status()).isEqualTo(201);
            assertThat(HTTP.addBatch(tomorrow, sku, 10, "2031-01-02T23:59:00+02:00").status()).isEqualTo(201);
            String order = unique("order");

            HTTP.allocate(order, sku, 1);

            assertThat(HTTP.get("/allocations/" + order).body()).contains(tomorrow);
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                malformed JSON         | {"orderid": "o1",                           | Malformed JSON:
                not an object          | [1, 2]                                      | Expected a JSON object
                empty body             | ''                                          | Expected a JSON object
                missing orderid        | {"sku": "S", "qty": 1}                      | Missing field orderid
                null sku               | {"orderid": "o1", "sku": null, "qty": 1}    | Missing field sku
                qty as a string        | {"orderid": "o1", "sku": "S", "qty": "3"}   | Field qty must be a whole number, but was "3"
                qty with a fraction    | {"orderid": "o1", "sku": "S", "qty": 1.5}   | Field qty must be a whole number, but was 1.5
                qty too large          | {"orderid": "o1", "sku": "S", "qty": 9999999999} | Field qty must be a whole number, but was 9999999999
                qty zero               | {"orderid": "o1", "sku": "S", "qty": 0}     | Field qty must be at least 1, but was 0
                qty negative           | {"orderid": "o1", "sku": "S", "qty": -4}    | Field qty must be at least 1, but was -4
                blank orderid          | {"orderid": " ", "sku": "S", "qty": 1}      | orderId must not be blank
                orderid as a number    | {"orderid": 7, "sku": "S", "qty": 1}        | Field orderid must be a string, but was 7
                """)
        void allocateRefusesWith400NamingTheProblem(String problem, String body, String message) {
            Answer refused = HTTP.post("/allocate", body);

            assertThat(refused.status()).as(problem).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/json");
            assertThat(refused.body()).startsWith("{\"message\":\"" + message.replace("\"", "\\\""));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                bad eta                | {"ref": "b", "sku": "S", "qty": 1, "eta": "next tuesday"} | Field eta must be an ISO date, an ISO date-time or null, but was \\"next tuesday\\"
                eta as a number        | {"ref": "b", "sku": "S", "qty": 1, "eta": 20110101}       | Field eta must be an ISO date, an ISO date-time or null, but was 20110101
                missing ref            | {"sku": "S", "qty": 1, "eta": null}                       | Missing field ref
                qty zero               | {"ref": "b", "sku": "S", "qty": 0, "eta": null}           | Field qty must be at least 1, but was 0
                """)
        void addBatchRefusesWith400NamingTheProblem(String problem, String body, String message) {
            Answer refused = HTTP.post("/add_batch", body);

            assertThat(refused.status()).as(problem).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"message\":\"" + message + "\"}");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                orderid too long        | /allocate  | {"orderid": "LONG", "sku": "S", "qty": 1}                     | orderId must be at most 255 characters long, but has 256
                orderid holding NUL     | /allocate  | {"orderid": "o\\u0000", "sku": "S", "qty": 1}                | orderId must not hold a control character (U+0000 at index 1)
                orderid lone surrogate  | /allocate  | {"orderid": "o\\ud800", "sku": "S", "qty": 1}                | orderId must be well-formed Unicode, but has a lone surrogate at index 1
                sku with a line break   | /allocate  | {"orderid": "o1", "sku": "S\\nx", "qty": 1}                 | sku must not hold a control character (U+000A at index
                ref too long            | /add_batch | {"ref": "LONG", "sku": "S", "qty": 1, "eta": null}            | reference must be at most 255 characters long, but has 256
                ref lone surrogate      | /add_batch | {"ref": "\\udc00b", "sku": "S", "qty": 1, "eta": null}       | reference must be well-formed Unicode, but has a lone surrogate at index 0
                sku padded              | /add_batch | {"ref": "b", "sku": " S", "qty": 1, "eta": null}              | sku must not start or end with white space
                """)
        void anIdentifierStorageCouldNotKeepIsA400ThatNamesItAndWritesNothing(String problem, String path, String body,
                                                                            String message) {
            String sku = unique("sku");
            String batch = unique("batch");
            HTTP.addBatch(batch, sku, 10, null);

            Answer refused = HTTP.post(path, body.replace("LONG", "x".repeat(256)).replace("\"S", "\"" + sku)
                    .replace("\" S\"", "\" " + sku + "\""));

            assertThat(refused.status()).as(problem).isEqualTo(400);
            assertThat(refused.body()).as(problem).startsWith("{\"message\":\"" + message);
            String order = unique("order");
            assertThat(HTTP.allocate(order, sku, 10).status()).isEqualTo(202);
            assertThat(HTTP.get("/allocations/" + order).body()).as("every unit still free").contains(batch);
        }

        @Test
        void threeOrdersWithDifferentLoneSurrogatesAreAllRefusedRatherThanStoredAsOne() {
            String sku = unique("sku");
            HTTP.addBatch(unique("batch"), sku, 3, null);

            for (String surrogate : new String[] {"\\ud800", "\\ud801", "\\udfff"}) {
                Answer refused = HTTP.post("/allocate", "{\"orderid\": \"order" + surrogate + "\", \"sku\": \"" + sku
                        + "\", \"qty\": 1}");
                assertThat(refused.status()).isEqualTo(400);
            }
            assertThat(HTTP.get("/allocations/order?").status()).isEqualTo(404);
            assertThat(HTTP.allocate(unique("order"), sku, 3).status()).isEqualTo(202);
        }

        @Test
        void aDuplicateBatchReferenceIsRefusedAndTheFirstBatchIsKept() {
            String reference = unique("batch");
            String sku = unique("sku");
            HTTP.addBatch(reference, sku, 10, null);

            Answer refused = HTTP.addBatch(reference, unique("other-sku"), 99, null);

            assertThat(refused).isEqualTo(new Answer(400, "{\"message\":\"Duplicate batch reference " + reference + "\"}",
                    "application/json"));
            String order = unique("order");
            HTTP.allocate(order, sku, 10);
            assertThat(HTTP.get("/allocations/" + order).body()).contains(reference);
        }

        @Test
        void aBodyTooLargeIsRefusedWith413() {
            Answer refused = HTTP.post("/add_batch", "{\"ref\": \"" + "x".repeat(20_000) + "\"}");

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).isEqualTo("{\"message\":\"Request body larger than 16384 bytes\"}");
        }

        @Test
        void aWrongMethodIs405AndAnUnknownPathIs404() {
            assertThat(HTTP.get("/allocate").status()).isEqualTo(405);
            assertThat(HTTP.method("DELETE", "/add_batch").status()).isEqualTo(405);
            assertThat(HTTP.post("/allocations/o1", "{}").status()).isEqualTo(405);
            assertThat(HTTP.get("/nowhere")).isEqualTo(new Answer(404, "{\"message\":\"No such resource: /nowhere\"}",
                    "application/json"));
            assertThat(HTTP.get("/allocations/").status()).isEqualTo(404);
            assertThat(HTTP.get("/allocations/a/b").status()).isEqualTo(404);
        }

        @Test
        void anOrderIdIsReadFromThePathAsSentSemicolonsAndEscapesIncluded() {
            String sku = unique("sku");
            String order = unique("order");
            HTTP.addBatch(unique("batch"), sku, 10, null);
            HTTP.allocate(order, sku, 1);
            HTTP.allocate(order + ";v=2 x", sku, 1);

            assertThat(HTTP.get("/allocations/" + order + ";v=2%20x").body()).containsOnlyOnce(sku);
            assertThat(HTTP.get("/allocations/" + order + ";other").status()).isEqualTo(404);
            assertThat(HTTP.get("/allocations/" + order + "%3Bv=2%20x").status()).isEqualTo(200);
        }

        @Test
        void aMalformedPathIsA400InTheApisOwnForm() {
            Answer refused = HTTP.get("/allocations/a%2Fb");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/json");
            assertThat(refused.body()).startsWith("{\"message\":");
        }
    }
}
