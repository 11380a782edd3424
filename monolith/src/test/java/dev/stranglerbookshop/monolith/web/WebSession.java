package dev.stranglerbookshop.monolith.web;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/** A browser's part in the page tests: keeps the cookies it is given, follows no redirect by itself, reads forms. */
final class WebSession {

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String address = "198.51.100." + (1 + (int) (Math.random() * 250));

    Response get(String path) {
        return keep(request().get(path));
    }

    /** Posts a form as typed: the test adds the CSRF token when the form would carry one. */
    Response post(String path, Map<String, String> fields) {
        RequestSpecification request = request().contentType(ContentType.URLENC);
        fields.forEach(request::formParam);
        return keep(request.post(path));
    }

    /** The CSRF token a page's forms carry (and the cookie it goes with, now kept). */
    String csrf(String page) {
        return html(get(page)).select("input[name=csrf-token]").attr("value");
    }

    private String email;

    /** The account this browser registered, for the test's API calls as the same customer. */
    void remember(String email) {
        this.email = email;
    }

    String email() {
        return email;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forget(String name) {
        cookies.remove(name);
    }

    static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    private RequestSpecification request() {
        // Paths and queries are sent as written: tests spell their percent-encoding out.
        return RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies)
                .header("X-Forwarded-For", address);
    }

    private Response keep(Response response) {
        response.getDetailedCookies().asList().forEach(cookie -> {
            if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
        return response;
    }
}
