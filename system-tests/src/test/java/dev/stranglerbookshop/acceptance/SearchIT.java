package dev.stranglerbookshop.acceptance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Search through the public API. Every read of this test's own writes polls ({@link #eventually}): search may be
 * served from an index that is fed asynchronously (stage 4), and the suite runs unchanged at every stage.
 */
@Acceptance
class SearchIT {

    /** How long a change may take to become searchable before the test fails. */
    static final Duration FRESHNESS = Duration.ofSeconds(10);

    /** A made-up word only this test's books contain, so the catalog around them does not matter. */
    static final String WORD = "quokka" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
    static String inTitle;
    static String inDescription;
    static String soldOut;

    @BeforeAll
    static void books() {
        inTitle = Api.newBook("The " + WORD + " Voyage", "A long sea journey.", List.of("adventure"), "30.00", 3);
        inDescription = Api.newBook("Island Notes", "Field notes that mention the " + WORD + " once.",
                List.of("travel"), "8.00", 2);
        soldOut = Api.newBook("Return of the " + WORD, "The sequel.", List.of("adventure"), "12.00", 0);
    }

    @Test
    void titleMatchesRankAboveDescriptionMatchesWithATotal() {
        eventually(() -> {
            List<String> ids = given().queryParam("q", WORD).get("/api/search").then().statusCode(200)
                    .body("total", equalTo(3))
                    .extract().path("items.id");
            assertThat(ids).containsExactlyInAnyOrder(inTitle, inDescription, soldOut);
            assertThat(ids.indexOf(inTitle)).isLessThan(ids.indexOf(inDescription));
            assertThat(ids.indexOf(soldOut)).isLessThan(ids.indexOf(inDescription));
        });
    }

    @Test
    void filtersNarrowByPriceAndStock() {
        eventually(() -> {
            given().queryParam("q", WORD).queryParam("maxPrice", "10").get("/api/search").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(inDescription));
            given().queryParam("q", WORD).queryParam("minPrice", "10").queryParam("inStock", true).get("/api/search")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(inTitle));
            given().queryParam("q", WORD).queryParam("inStock", false).get("/api/search").then().statusCode(200)
                    .body("items.id", hasItem(soldOut)).body("total", equalTo(1));
        });
    }

    @Test
    void editsSalesAndDeletionsReachTheIndex() {
        String before = "puffin" + WORD.substring(6);
        String after = "gannet" + WORD.substring(6);
        String book = Api.newBook("The " + before + " Lighthouse", "A keeper's year.", List.of("sea"), "5.00", 1);
        eventually(() -> given().queryParam("q", before).queryParam("inStock", true).get("/api/search").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(book)));

        Api.asAdmin().body(Api.bookJson("The " + after + " Lighthouse", "A keeper's year.", List.of("sea"), "5.00", 1))
                .put("/api/books/" + book).then().statusCode(200);
        eventually(() -> {
            given().queryParam("q", before).get("/api/search").then().statusCode(200).body("total", equalTo(0));
            given().queryParam("q", after).get("/api/search").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(book));
        });

        Api.newCustomer("last-copy").request().body(Api.order(book, 1)).post("/api/orders").then().statusCode(201);
        eventually(() -> {
            given().queryParam("q", after).queryParam("inStock", true).get("/api/search").then().statusCode(200)
                    .body("total", equalTo(0));
            given().queryParam("q", after).queryParam("inStock", false).get("/api/search").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(book));
        });

        Api.asAdmin().delete("/api/books/" + book).then().statusCode(204);
        eventually(() -> given().queryParam("q", after).get("/api/search").then().statusCode(200)
                .body("total", equalTo(0)));
    }

    @Test
    void resultsPageWithTheTotalKept() {
        eventually(() -> given().queryParam("q", WORD).queryParam("size", 2).queryParam("page", 1).get("/api/search")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("total", equalTo(3)));
    }

    @Test
    void authorsAndTagsAreSearchedAndTheSeedCatalogIsFindable() {
        eventually(() -> given().queryParam("q", "Acceptance Author " + WORD).get("/api/search").then()
                .statusCode(200).body("total", equalTo(3)));
        given().queryParam("q", "sherlock holmes").get("/api/search").then().statusCode(200)
                .body("items[0].authors", hasItem("Arthur Conan Doyle"));
    }

    @Test
    void aQueryIsRequiredAndFiltersMustMakeSense() {
        given().get("/api/search").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("q"));
        given().queryParam("q", WORD).queryParam("minPrice", 20).queryParam("maxPrice", 10).get("/api/search")
                .then().statusCode(400).contentType("application/problem+json");
        for (String notABoolean : List.of("yes", "1", "maybe")) { // once silently "false"
            given().queryParam("q", WORD).queryParam("inStock", notABoolean).get("/api/search").then().statusCode(400)
                    .body("errors.field", hasItem("inStock"));
        }
        given().queryParam("q", WORD).queryParam("inStock", "TRUE").get("/api/search").then().statusCode(200);
    }

    @Test
    void theQueryLimitCountsCharactersNotCodeUnits() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        given().queryParam("q", emoji.repeat(200)).get("/api/search").then().statusCode(200);
        given().queryParam("q", emoji.repeat(201)).get("/api/search").then().statusCode(400)
                .body("errors.field", hasItem("q"));
    }

    /** Retries the assertions until they hold, for at most {@link #FRESHNESS}. */
    static void eventually(ThrowingRunnable assertions) {
        await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(100)).untilAsserted(assertions);
    }
}
