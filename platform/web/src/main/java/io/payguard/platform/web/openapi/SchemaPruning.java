package io.payguard.platform.web.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * SmallRye documents a resource method's Vert.x {@code RoutingContext} parameter as its request body (with the
 * Vert.x types it reaches as schemas). {@link #dropContextBody} removes such a body; {@link #prune} then removes
 * every component schema that nothing in the document refers to.
 */
final class SchemaPruning {

    static final String SCHEMAS = "#/components/schemas/";
    private static final String CONTEXT = SCHEMAS + "RoutingContext";

    private SchemaPruning() {}

    static void dropContextBody(Operation op) {
        var body = op.getRequestBody();
        if (body != null && body.getContent() != null && body.getContent().getMediaTypes() != null) {
            boolean context = body.getContent().getMediaTypes().values().stream()
                    .anyMatch(m -> m.getSchema() != null
                            && CONTEXT.equals(m.getSchema().getRef()));
            if (context) {
                op.setRequestBody(null);
            }
        }
    }

    static void prune(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(op -> roots(op, todo)));
        if (openAPI.getComponents().getHeaders() != null) {
            openAPI.getComponents().getHeaders().values().forEach(h -> add(todo, h.getSchema()));
        }
        Set<String> used = new HashSet<>();
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (s.getRef() != null && s.getRef().startsWith(SCHEMAS)) {
                String name = s.getRef().substring(SCHEMAS.length());
                if (used.add(name)) {
                    add(todo, schemas.get(name));
                }
            }
            children(s, todo);
        }
        Set.copyOf(schemas.keySet()).stream()
                .filter(name -> !used.contains(name))
                .forEach(openAPI.getComponents()::removeSchema);
    }

    private static void roots(Operation op, Deque<Schema> todo) {
        if (op.getParameters() != null) {
            op.getParameters().forEach(p -> add(todo, p.getSchema()));
        }
        if (op.getRequestBody() != null) {
            content(op.getRequestBody().getContent(), todo);
        }
        if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
            op.getResponses().getAPIResponses().values().forEach(r -> {
                content(r.getContent(), todo);
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> add(todo, h.getSchema()));
                }
            });
        }
    }

    private static void content(Content content, Deque<Schema> todo) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> add(todo, m.getSchema()));
        }
    }

    private static void children(Schema s, Deque<Schema> todo) {
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(p -> add(todo, p));
        }
        add(todo, s.getItems());
        add(todo, s.getAdditionalPropertiesSchema());
        add(todo, s.getNot());
        Stream.of(s.getAllOf(), s.getAnyOf(), s.getOneOf())
                .filter(Objects::nonNull)
                .forEach(list -> list.forEach(x -> add(todo, x)));
    }

    private static void add(Deque<Schema> todo, Schema s) {
        if (s != null) {
            todo.push(s);
        }
    }
}
