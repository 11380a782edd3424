package dev.stranglerbookshop.notifications;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads the service's own /q/metrics (Prometheus text), as an operator's scraper would. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of the samples of {@code name} carrying all the given labels ({@code key="value"}); 0 if none. */
    public static double sum(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^" + name + "(?:\\{([^}]*)})? (\\S+)");
        return text.lines().map(sample::matcher).filter(Matcher::find)
                .filter(m -> Arrays.stream(labels).allMatch(l -> m.group(1) != null && m.group(1).contains(l)))
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }
}
