package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint binds loopback by default; a container's published port reaches only what
 * listens on the container's own interfaces, so the image and the stack ask for all of them.
 */
class ContainerHealthAddressTest {

    @Test
    void theImageListensOnAllInterfacesOfItsContainer() throws IOException {
        assertThat(Files.readString(root().resolve("packaging/Dockerfile")))
                .containsPattern("(?m)^\\s*PAYPULSE_PROCESSOR_HTTP_HOST=0\\.0\\.0\\.0\\b");
    }

    @Test
    void theStacksProcessorSaysSoExplicitly() throws IOException {
        String compose = Files.readString(root().resolve("docker-compose.yml"));
        Matcher processor = Pattern.compile("(?ms)^  processor:\\n(.*?)(?=^  \\S|\\z)").matcher(compose);
        assertThat(processor.find()).isTrue();
        assertThat(processor.group(1)).containsPattern("(?m)^\\s+PAYPULSE_PROCESSOR_HTTP_HOST: \"?0\\.0\\.0\\.0\"?$");
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("packaging"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}
