package io.paypulse.stack;

import java.time.Instant;

/**
 * A Docker event about one of the stack's containers.
 *
 * @param containerId full id
 * @param service     compose service, or "" if the event did not carry the label
 * @param action      Docker's action: start, die, stop, kill, restart, destroy, create,
 *                    {@code health_status: healthy}, ... (exec_* events are dropped)
 * @param time        when Docker emitted it
 */
public record StackEvent(String containerId, String service, String action, Instant time) {

    /** The container no longer exists: drop it from views instead of re-inspecting it. */
    public boolean removed() {
        return "destroy".equals(action);
    }
}
