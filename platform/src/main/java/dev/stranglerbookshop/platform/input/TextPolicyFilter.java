package dev.stranglerbookshop.platform.input;

import dev.stranglerbookshop.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * The {@link TextPolicy} on every REST request's query and path parameters (names and decoded values), before any
 * resource sees them: 400 naming the parameter. JSON bodies are checked as they are read ({@link JsonInputPolicy}).
 */
public class TextPolicyFilter {

    @ServerRequestFilter(preMatching = true)
    public void refuseBadParameters(ContainerRequestContext request) {
        check(request.getUriInfo().getQueryParameters(true));
        for (var segment : request.getUriInfo().getPathSegments(true)) {
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
