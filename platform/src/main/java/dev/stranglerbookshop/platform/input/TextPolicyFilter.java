package dev.stranglerbookshop.platform.input;

import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * The {@link TextPolicy} on every REST request's query and path parameters (names and decoded values), before any
 * resource sees them: 400 naming the parameter. JSON bodies are checked as they are read ({@link JsonInputPolicy}).
 */
public class TextPolicyFilter {

    /** What a {@code %} not followed by two hex digits gets (decoding it would fail deep in the framework: a 500). */
    static final String MALFORMED_ESCAPE = "has a malformed percent-encoding: a % must be followed by two hex digits";

    @ServerRequestFilter(preMatching = true)
    public void refuseBadParameters(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawQuery();
        if (raw != null && raw.indexOf(';') >= 0) { // the framework would cut a value there: "sort=title;drop"
            throw ProblemException.invalid("query", "must encode ';' as %3B");
        }
        MultivaluedMap<String, String> query;
        try {
            query = request.getUriInfo().getQueryParameters(true);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.invalid("query", MALFORMED_ESCAPE);
        }
        check(query);
        List<PathSegment> path;
        try {
            path = request.getUriInfo().getPathSegments(true);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.invalid("path", MALFORMED_ESCAPE);
        }
        for (PathSegment segment : path) {
            if (!TextPolicy.accepts(segment.getPath())) {
                throw ProblemException.invalid("path", TextPolicy.RULE);
            }
        }
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!TextPolicy.accepts(name)) {
                throw ProblemException.invalid("query", TextPolicy.RULE);
            }
            for (String value : parameter.getValue()) {
                if (!TextPolicy.accepts(value)) {
                    throw ProblemException.invalid(name, TextPolicy.RULE);
                }
            }
        }
    }
}
