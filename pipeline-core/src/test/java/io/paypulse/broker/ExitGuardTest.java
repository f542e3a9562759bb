package io.paypulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExitGuardTest {

    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void resetKafkaExit() {
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
        Exit.resetShutdownHookAdder();
    }

    @Test
    void turnsExitAndHaltIntoExceptionsWhileHeldAndRestoresThePreviousProceduresAfterTheLastRelease() {
        Exit.setExitProcedure((status, message) -> calls.add("exit " + status));
        Exit.setHaltProcedure((status, message) -> calls.add("halt " + status));
        Exit.setShutdownHookAdder((name, hook) -> calls.add("hook " + name));

        ExitGuard.acquire();
        ExitGuard.acquire(); // a second broker in the same JVM
        assertThatThrownBy(() -> Exit.halt(1, "fatal fault")).isInstanceOf(BrokerException.class)
                .hasMessageContaining("fatal fault");
        assertThatThrownBy(() -> Exit.exit(2)).isInstanceOf(BrokerException.class);
        Exit.addShutdownHook("kafka-jmx-shutdown-hook", () -> { });

        ExitGuard.release();
        assertThatThrownBy(() -> Exit.exit(3)).as("still guarded while one broker is open")
                .isInstanceOf(BrokerException.class);

        ExitGuard.release();
        ExitGuard.release(); // an extra release is harmless
        Exit.exit(4);
        Exit.halt(5);
        Exit.addShutdownHook("after", () -> { });
        assertThat(calls).containsExactly("exit 4", "halt 5", "hook after");
    }
}
