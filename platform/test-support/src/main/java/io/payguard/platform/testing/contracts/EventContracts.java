package io.payguard.platform.testing.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.payguard.platform.messaging.CloudEvent;

/**
 * The published language of {@code contracts/events/}: one JSON Schema (draft 2020-12) and one example per event type.
 * Producer tests check what they write with {@link #assertConforms(CloudEvent)}; consumer tests feed themselves the
 * {@link #example(String) examples}, so both sides test against the same document and a change to one side that the
 * contract does not allow fails a build.
 */
public final class EventContracts {

    static final String ROOT = "payguard/contracts/events/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // date-time and uuid are checked, not only annotated
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {}

    /** Every event type with a schema, sorted. */
    public static SortedSet<String> types() {
        return Index.TOPIC_OF.keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The event types published on {@code topic} (each schema's {@code x-topic}). */
    public static SortedSet<String> typesOn(String topic) {
        return Index.TOPIC_OF.entrySet().stream()
                .filter(e -> e.getValue().equals(topic))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The topic {@code type} is published on (its schema's {@code x-topic}), or null when no schema names the type. */
    public static String topicOf(String type) {
        return Index.TOPIC_OF.get(type);
    }

    /** Every topic whose messages have schemas. */
    public static SortedSet<String> topics() {
        return new TreeSet<>(Index.TOPIC_OF.values());
    }

    /** The schemas on the classpath, read once: type -> topic. */
    private static final class Index {
        static final Map<String, String> TOPIC_OF = load();

        private static Map<String, String> load() {
            var topics = new java.util.TreeMap<String, String>();
            for (String name : list("schemas")) {
                if (name.endsWith(".schema.json") && !name.equals("money.schema.json")) {
                    String type = name.substring(0, name.length() - ".schema.json".length());
                    topics.put(type, read("schemas/" + name).path("x-topic").asText());
                }
            }
            return java.util.Collections.unmodifiableMap(topics);
        }
    }

    /** The example {@code data} of {@code type}. */
    public static JsonNode example(String type) {
        return read("examples/" + type + ".json");
    }

    /** The JSON Schema document of {@code type}, as a tree (its classification marks: {@link PrivacyMarks}). */
    public static JsonNode schema(String type) {
        if (topicOf(type) == null) {
            throw new IllegalArgumentException("no schema for event type " + type + " in contracts/events/schemas");
        }
        return read("schemas/" + type + ".schema.json");
    }

    /** The ways {@code data} breaks the schema of {@code type}; empty when it conforms. */
    public static List<String> violations(String type, JsonNode data) {
        if (topicOf(type) == null) {
            return List.of("no schema for event type " + type + " in contracts/events/schemas");
        }
        var schema = SCHEMAS.computeIfAbsent(
                type,
                t -> FACTORY.getSchema(
                        SchemaLocation.of("classpath:" + ROOT + "schemas/" + t + ".schema.json"), CONFIG));
        return schema.validate(data).stream().map(m -> m.getMessage()).sorted().toList();
    }

    /** Fails with every violation when the event's data does not conform to its type's schema. */
    public static void assertConforms(CloudEvent event) {
        assertConforms(event.type(), event.data());
    }

    public static void assertConforms(String type, JsonNode data) {
        var violations = violations(type, data);
        if (!violations.isEmpty()) {
            throw new AssertionError(type + " does not conform to its contract: " + violations + "\n  data: " + data);
        }
    }

    private static JsonNode read(String path) {
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no " + ROOT + path + " on the classpath (payguard-contracts missing?)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> list(String dir) {
        var url = EventContracts.class.getClassLoader().getResource(ROOT + dir);
        if (url == null) {
            throw new IllegalStateException("no " + ROOT + dir + " on the classpath (payguard-contracts missing?)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return names(fs.getPath(ROOT + dir));
            }
            return names(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
