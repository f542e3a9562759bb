/**
 * Docker control of the PayPulse compose stack.
 *
 * <p>Compose is not a library: creating, starting, stopping and removing the stack run the compose
 * CLI ({@code docker compose} v2, else {@code docker-compose} v1) as a child process
 * ({@link io.paypulse.stack.ComposeCli}). Everything per container (list, inspect, health, start,
 * stop, restart, logs, events) goes through docker-java ({@link io.paypulse.stack.ProjectContainers}),
 * and only ever touches containers labelled {@code com.docker.compose.project=<our project>}.
 * {@link io.paypulse.stack.ComposeStack} puts both behind the {@link io.paypulse.stack.Stack}
 * interface the app uses. Every failure a user can cause is a {@link io.paypulse.stack.StackException}
 * whose message is one plain sentence saying what to do.
 */
package io.paypulse.stack;
