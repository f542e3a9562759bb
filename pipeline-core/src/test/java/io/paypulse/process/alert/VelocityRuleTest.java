package io.paypulse.process.alert;

import static io.paypulse.process.alert.Fixtures.cardTesting;
import static io.paypulse.process.alert.Fixtures.end;
import static io.paypulse.process.alert.Fixtures.engine;
import static io.paypulse.process.alert.Fixtures.failedPaymentsByUser;
import static io.paypulse.process.alert.Fixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.VelocityRule;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VelocityRuleTest {

    @Test
    void firesForEachUserAtOrAboveTheThresholdWithTheUserAsGroup() {
        AlertEngine engine = engine(cardTesting(10));

        List<Alert> alerts = engine.onFinalWindow(failedPaymentsByUser(0,
                Map.of("user_000001", 10L, "user_000002", 9L, "user_000003", 25L)));

        assertThat(alerts).extracting(Alert::group).containsExactlyInAnyOrder("user_000001", "user_000003");
        assertThat(alerts).filteredOn(a -> a.group().equals("user_000003")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("card-testing|user_000003|" + start(0));
            assertThat(a.value()).isEqualTo(25);
            assertThat(a.threshold()).isEqualTo(10);
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.message()).isEqualTo("User user_000003 had 25 failed payments in one window (threshold 10) for 1 window.");
        });
    }

    @Test
    void keepsFiringAsOneBucketWhileTheUserStaysAbove() {
        AlertEngine engine = engine(cardTesting(10));

        List<Alert> alerts = Fixtures.feed(engine,
                failedPaymentsByUser(0, Map.of("user_000007", 12L)),
                failedPaymentsByUser(1, Map.of("user_000007", 30L)));

        assertThat(alerts).extracting(Alert::id).containsOnly("card-testing|user_000007|" + start(0));
        assertThat(alerts).extracting(Alert::occurrences).containsExactly(1, 2);
        assertThat(alerts).extracting(Alert::lastSeen).containsExactly(end(0), end(1));
    }

    @ParameterizedTest(name = "next window: {0}")
    @CsvSource({"user_000007, 9", "user_000008, 40"})
    void resolvesWhenTheUserFallsBelowOrIsMissing(String nextUser, long nextCount) {
        AlertEngine engine = engine(cardTesting(10));
        engine.onFinalWindow(failedPaymentsByUser(0, Map.of("user_000007", 12L)));

        List<Alert> alerts = engine.onFinalWindow(failedPaymentsByUser(1, Map.of(nextUser, nextCount)));

        assertThat(alerts).filteredOn(a -> a.group().equals("user_000007")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.id()).isEqualTo("card-testing|user_000007|" + start(0));
            assertThat(a.value()).isEqualTo(nextUser.equals("user_000007") ? 9 : 0);
        });
    }

    @Test
    void usersFireAndResolveIndependently() {
        AlertEngine engine = engine(cardTesting(10));

        engine.onFinalWindow(failedPaymentsByUser(0, Map.of("user_a", 10L)));
        List<Alert> second = engine.onFinalWindow(failedPaymentsByUser(1, Map.of("user_a", 11L, "user_b", 10L)));
        List<Alert> third = engine.onFinalWindow(failedPaymentsByUser(2, Map.of("user_b", 10L)));

        assertThat(second).extracting(a -> a.group() + " " + a.state() + " " + a.occurrences())
                .containsExactlyInAnyOrder("user_a FIRING 2", "user_b FIRING 1");
        assertThat(third).extracting(a -> a.group() + " " + a.state() + " " + a.occurrences())
                .containsExactlyInAnyOrder("user_a RESOLVED 2", "user_b FIRING 2");
    }

    @Test
    void aUserBreachingAgainAfterResolvingIsANewEpisode() {
        AlertEngine engine = engine(cardTesting(10));

        List<Alert> alerts = Fixtures.feed(engine,
                failedPaymentsByUser(0, Map.of("user_a", 10L)),
                failedPaymentsByUser(1, Map.of()),
                failedPaymentsByUser(2, Map.of("user_a", 10L)));

        assertThat(Fixtures.states(alerts)).isEqualTo("FRF");
        assertThat(alerts.get(2).id()).isEqualTo("card-testing|user_a|" + start(2)).isNotEqualTo(alerts.get(0).id());
    }

    /** 100 ordinary users with {@code each} failed payments, and one user with {@code tester}. */
    @ParameterizedTest(name = "others {0} each, user {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // mean 1.09: the threshold 10 decides
        "1 | 10 | threshold 10",
        "1 | 9  | -",
        // mean (300 + 26) / 101 = 3.23: 8 times that is 25.8, so 26 is needed
        "3 | 26 | threshold 26: 8 times the 3.2 of an average user with failed payments",
        "3 | 25 | -",
    })
    void anOutlierFactorRaisesTheThresholdToAMultipleOfTheAverageUser(long each, long tester, String expected) {
        AlertEngine engine = engine(new VelocityRule("card-testing", Severity.CRITICAL, "", true,
                10, 8));
        Map<String, Long> users = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            users.put(String.format("user_%06d", i), each);
        }
        users.put("user_tester", tester);

        List<Alert> alerts = engine.onFinalWindow(failedPaymentsByUser(0, users));

        if (expected.equals("-")) {
            assertThat(alerts).isEmpty();
        } else {
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.group()).isEqualTo("user_tester");
                assertThat(a.message()).isEqualTo("User user_tester had " + tester + " failed payments in one window ("
                        + expected + ") for 1 window.");
            });
        }
    }

    @Test
    void keepsAtMostMaxUserAlertsPreferringTheHighestCounts() {
        AlertEngine engine = engine(cardTesting(10));
        Map<String, Long> users = new HashMap<>();
        for (int i = 0; i < AlertEngine.MAX_USER_ALERTS + 5; i++) {
            users.put(String.format("user_%06d", i), i < 5 ? 10L : 20L);
        }

        List<Alert> alerts = engine.onFinalWindow(failedPaymentsByUser(0, users));

        assertThat(alerts).hasSize(AlertEngine.MAX_USER_ALERTS).allMatch(a -> a.value() == 20);
        assertThat(engine.state().rules().get("card-testing").episodes()).hasSize(AlertEngine.MAX_USER_ALERTS);
    }
}
