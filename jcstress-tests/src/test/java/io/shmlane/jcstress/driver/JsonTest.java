package io.shmlane.jcstress.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void shouldEscapeStrings() {
        assertThat(Json.write("a \"b\" \\ c\nd\te\u0001")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\\te\\u0001\"\n");
    }

    @Test
    void shouldWriteNestedObjectsInInsertionOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", Arrays.asList(true, null, "x"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("inner", inner);
        root.put("empty", List.of());
        root.put("none", Map.of());

        assertThat(Json.write(root))
                .isEqualTo("{\n"
                        + "  \"inner\": {\n"
                        + "    \"z\": 1,\n"
                        + "    \"a\": [\n"
                        + "      true,\n"
                        + "      null,\n"
                        + "      \"x\"\n"
                        + "    ]\n"
                        + "  },\n"
                        + "  \"empty\": [],\n"
                        + "  \"none\": {}\n"
                        + "}\n");
    }
}
