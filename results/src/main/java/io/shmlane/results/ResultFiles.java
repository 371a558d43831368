package io.shmlane.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads the result files, all with one convention: a JSON object whose {@code schemaVersion} (an integer,
 * {@link #SCHEMA_VERSION}) comes first; numbers that are not finite are written as {@code null}; unknown fields are
 * ignored on reading, so that a newer file still reads. Files of the older per-module formats (a {@code schema} field,
 * an integer or {@code "shmlane-benchmarks/1"}; benchmark {@code results} under a {@code kind}; a machine given as
 * text) are upgraded on reading.
 */
public final class ResultFiles {
    /** The schema version of every result file this build writes. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(Double.TYPE, new FiniteDouble()));

    private ResultFiles() {}

    /**
     * Whether {@code file} holds a JSON object, as every result file does (JMH's own {@code jmh.json}, an array, lies
     * among the benchmark results).
     *
     * @throws IOException when it cannot be read or is no JSON
     */
    public static boolean holdsObject(final Path file) throws IOException {
        JsonNode node = MAPPER.readTree(file.toFile());
        return node != null && node.isObject();
    }

    /** {@code result} as the text of a result file, ending with a newline. */
    public static String toJson(final Object result) {
        try {
            return MAPPER.writeValueAsString(result) + "\n";
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "no JSON form for " + result.getClass().getName(), e);
        }
    }

    /** Writes {@code result} to {@code file}, creating its directory. */
    public static void write(final Path file, final Object result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
    }

    /**
     * Reads a result file as {@code type}, upgrading an older format first.
     *
     * @throws IOException when the file cannot be read or holds no JSON object of that shape
     */
    public static <T> T read(final Path file, final Class<T> type) throws IOException {
        JsonNode node = MAPPER.readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object in " + file);
        }
        return MAPPER.treeToValue(upgrade((ObjectNode) node), type);
    }

    /** Reads a result file's text as {@code type}, upgrading an older format first. */
    public static <T> T parse(final String json, final Class<T> type) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object");
        }
        return MAPPER.treeToValue(upgrade((ObjectNode) node), type);
    }

    /** Brings a file of an older format to the current field names; a current file is left as it is. */
    static ObjectNode upgrade(final ObjectNode node) {
        renameSchema(node);
        JsonNode scenarios = node.get("scenarios");
        if (scenarios instanceof ArrayNode) {
            scenarios.forEach(s -> {
                if (s instanceof ObjectNode) {
                    renameSchema((ObjectNode) s);
                }
            });
        }
        JsonNode machine = node.get("machine");
        if (machine != null && machine.isTextual()) {
            node.putObject("machine").put("description", machine.asText());
        }
        JsonNode kind = node.get("kind");
        JsonNode results = node.get("results");
        if (kind != null && kind.isTextual() && results instanceof ArrayNode) {
            JsonNode section = node.get(kind.asText());
            ArrayNode merged = section instanceof ArrayNode ? (ArrayNode) section : MAPPER.createArrayNode();
            merged.addAll((ArrayNode) results);
            node.set(kind.asText(), merged);
            node.remove("results");
        }
        return node;
    }

    /** {@code "schema": 1} or {@code "schema": "shmlane-benchmarks/1"} becomes {@code "schemaVersion": 1}. */
    private static void renameSchema(final ObjectNode node) {
        JsonNode schema = node.remove("schema");
        if (schema == null || node.has("schemaVersion")) {
            return;
        }
        if (schema.isNumber()) {
            node.put("schemaVersion", schema.asInt());
        } else if (schema.isTextual()) {
            String text = schema.asText();
            try {
                node.put("schemaVersion", Integer.parseInt(text.substring(text.lastIndexOf('/') + 1)));
            } catch (NumberFormatException e) {
                node.put("schemaVersion", 1);
            }
        }
    }

    /** NaN and the infinities as {@code null}: JSON has no form for them. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(final Double value, final JsonGenerator out, final SerializerProvider provider)
                throws IOException {
            if (value == null || !Double.isFinite(value)) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
        }
    }
}
