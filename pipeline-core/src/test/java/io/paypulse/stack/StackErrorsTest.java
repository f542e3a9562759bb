package io.paypulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/**
 * The classification of what Docker and compose report, fed with the exceptions and outputs seen on
 * Engine 20.10 / docker-java 3.7 / docker-compose 1.29 (the permission case was reproduced by running
 * as a user outside the docker group, which the root-run ITs cannot do).
 */
class StackErrorsTest {

    private final DockerEndpoint sock = new DockerEndpoint(DockerEndpoint.DEFAULT_SOCKET);

    @Test
    void aMissingSocketMeansTheEngineIsNotRunning() {
        assertThat(StackErrors.fromDocker(new SocketException("No such file or directory"), sock))
                .hasMessage("Docker is not running at unix:///var/run/docker.sock: start the Docker engine (dockerd) and try again.");
    }

    @Test
    void aRefusedConnectionMeansTheEngineIsNotRunning() {
        assertThat(StackErrors.fromDocker(new RuntimeException(new ConnectException("Connection refused")), sock))
                .hasMessage(StackErrors.noEngine(sock));
    }

    @Test
    void aSocketWithoutPermissionSaysToJoinTheDockerGroup() {
        // What docker-java 3.7 threw for a user outside the docker group: BindException("Permission denied").
        assertThat(StackErrors.fromDocker(new BindException("Permission denied"), sock).getMessage())
                .isEqualTo(StackErrors.permissionDenied(sock)).contains("add your user to the docker group");
    }

    @Test
    void composeWithoutPermissionSaysToJoinTheDockerGroup() {
        String out = "docker.errors.DockerException: Error while fetching server API version: "
                + "('Connection aborted.', PermissionError(13, 'Permission denied'))";
        assertThat(StackErrors.fromCompose(out, 1, "start the stack", sock)).hasMessage(StackErrors.permissionDenied(sock));
    }

    @Test
    void composeWithoutEngineSaysToStartIt() {
        String out = "docker.errors.DockerException: Error while fetching server API version: "
                + "('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))";
        assertThat(StackErrors.fromCompose(out, 1, "start the stack", sock)).hasMessage(StackErrors.noEngine(sock));
    }

    @Test
    void anEngineErrorAboutAMissingFileIsNotMistakenForAMissingEngine() {
        var e = new InternalServerErrorException("OCI runtime create failed: exec: \"/app\": no such file or directory");
        assertThat(StackErrors.fromDocker(e, sock).getMessage()).startsWith("Docker refused the request (");
    }

    @Test
    void composeV2PullErrorsNameTheImage() {
        assertThat(StackErrors.fromCompose("Error response from daemon: pull access denied for paypulse/x, repository does not exist",
                18, "start the stack", sock)).hasMessage(StackErrors.imageNotPullable("paypulse/x"));
        assertThat(StackErrors.fromCompose(" kafka1 Error\nfailed to resolve reference \"apache/kafka:4.1.1\": dial tcp: lookup",
                18, "start the stack", sock)).hasMessage(StackErrors.imageNotPullable("apache/kafka:4.1.1"));
    }

    @Test
    void otherComposeFailuresKeepTheirLastLine() {
        assertThat(StackErrors.fromCompose("something\nERROR: Service 'x' depends on undefined service y\n", 1,
                "start the stack", sock))
                .hasMessage("Could not start the stack (compose exited with 1): ERROR: Service 'x' depends on undefined service y.");
    }

    @Test
    void healthWordsParse() {
        assertThat(Health.parse("healthy")).isEqualTo(Health.HEALTHY);
        assertThat(Health.parse("starting")).isEqualTo(Health.STARTING);
        assertThat(Health.parse("unhealthy")).isEqualTo(Health.UNHEALTHY);
        assertThat(Health.parse(null)).isEqualTo(Health.NONE);
    }
}
