package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.broker.PortProbe;
import io.paypulse.testing.FakeSchemaRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against a real HTTP server speaking the documented Schema Registry responses. */
class SchemaRegistryClientTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();
    private final SchemaRegistryClient client = new SchemaRegistryClient(fake.url() + "/");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void registeringReturnsIncrementingIdsAndTheSameIdForTheSameSchema() {
        int raw = client.register("payment-value", Schemas.RAW.text());
        int parsed = client.register("payment-parsed-value", Schemas.PARSED.text());
        assertThat(parsed).isEqualTo(raw + 1);
        assertThat(client.register("payment-value", Schemas.RAW.text())).isEqualTo(raw);
    }

    @Test
    void sendsTheSchemaRegistryContentTypeAndTypeJson() {
        int id = client.register("payment-value", Schemas.RAW.text());
        assertThat(fake.requests()).containsExactly(
                "POST /subjects/payment-value/versions " + SchemaRegistryClient.CONTENT_TYPE);
        assertThat(client.schemaById(id)).isEqualTo(Schemas.RAW.text());
    }

    @Test
    void looksUpASchemaById() {
        int id = client.register("payment-value", SchemaTexts.withOptionalChannel());
        assertThat(client.schemaById(id)).isEqualTo(SchemaTexts.withOptionalChannel());
    }

    @Test
    void anUnknownIdIsNotFoundWithTheRegistrysMessage() {
        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessage("Schema Registry at " + fake.url() + " refused to look up schema id 999 (HTTP 404, error 40403): "
                        + "Schema 999 not found.");
    }

    @Test
    void aCompatibleNewVersionWithAnOptionalFieldIsRegistered() {
        int v1 = client.register("payment-value", Schemas.RAW.text());
        assertThat(client.isCompatible("payment-value", SchemaTexts.withOptionalChannel())).isTrue();
        assertThat(client.register("payment-value", SchemaTexts.withOptionalChannel())).isEqualTo(v1 + 1);
    }

    @Test
    void removingARequiredFieldIsRejectedWithOneSentenceNamingTheSubject() {
        client.register("payment-value", Schemas.RAW.text());
        assertThat(client.isCompatible("payment-value", SchemaTexts.withoutMessage())).isFalse();
        assertThatThrownBy(() -> client.register("payment-value", SchemaTexts.withoutMessage()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("Schema Registry at " + fake.url() + " refused to register the schema under subject "
                        + "'payment-value' (HTTP 409, error 409): Schema being registered is incompatible with an earlier "
                        + "schema for subject \"payment-value\", details: [required property 'message' was removed].");
    }

    @Test
    void changingAFieldTypeIsRejected() {
        client.register("payment-value", Schemas.RAW.text());
        assertThatThrownBy(() -> client.register("payment-value", SchemaTexts.withIntegerLevel()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("the type of property 'level' changed from \"string\" to \"integer\"");
    }

    @Test
    void anInvalidSchemaIs422() {
        assertThatThrownBy(() -> client.register("payment-value", "not json"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201))
                .hasMessageContaining("(HTTP 422, error 42201): Invalid schema");
    }

    @Test
    void compatibilityOfAnUnknownSubjectIs40401() {
        assertThatThrownBy(() -> client.isCompatible("nobody-value", Schemas.RAW.text()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401))
                .hasMessageContaining("Subject 'nobody-value' not found");
    }

    @Test
    void anUnreachableRegistryIsOneSentenceAndMarkedUnavailable() throws Exception {
        int port = PortProbe.freePort("127.0.0.1"); // nobody listens there
        SchemaRegistryClient down = new SchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofSeconds(2));
        assertThatThrownBy(() -> down.register("payment-value", Schemas.RAW.text()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.unavailable()).isTrue())
                .hasMessageStartingWith("Schema Registry at http://127.0.0.1:" + port
                        + " cannot be reached to register the schema under subject 'payment-value': ConnectException");
    }
}
