package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.event.serde.Json;
import io.paypulse.testing.FakeSchemaRegistry;
import org.junit.jupiter.api.Test;

/** Loading and compiling schemas: the bundled ones, and the limits on schemas from elsewhere. */
class SchemasTest {

    @Test
    void theBundledSchemasAreTheResourcesAndDeclareTheirDialect() throws Exception {
        assertThat(Json.MAPPER.readTree(Schemas.RAW.text()).get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(Json.MAPPER.readTree(Schemas.RAW.text()).get("required"))
                .containsExactly(Json.MAPPER.getNodeFactory().textNode("timestamp"),
                        Json.MAPPER.getNodeFactory().textNode("level"), Json.MAPPER.getNodeFactory().textNode("message"));
        assertThat(Schemas.PARSED.text()).contains("topic 'payment-parsed'").doesNotContain("payment-alerts");
        assertThat(Schemas.ALERT.text()).contains("topic 'payment-alerts'");
        assertThat(Schemas.RAW_SUBJECT).isEqualTo("payment-value");
    }

    @Test
    void textThatIsNotASchemaIsRefusedInOneSentence() {
        assertThatThrownBy(() -> Schemas.compile("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema is not JSON");
        assertThatThrownBy(() -> Schemas.compile("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema is not a JSON object");
    }

    @Test
    void aRemoteRefIsNeverFetched() throws Exception {
        try (FakeSchemaRegistry somewhere = FakeSchemaRegistry.start()) {
            String schema = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", "
                    + "\"$ref\": \"" + somewhere.url() + "/schemas/ids/1\"}";
            try {
                EventSchema compiled = Schemas.compile(schema);
                compiled.problems(Json.MAPPER.readTree("{}"));
            } catch (RuntimeException expected) {
                // refusing the schema is fine; calling out is not
            }
            assertThat(somewhere.requests()).isEmpty();
        }
    }
}
