package io.paypulse.app.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LagHistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private Path file() {
        return dir.resolve("data").resolve(LagHistoryStore.FILE);
    }

    private LagPoint point(long records, long lagMs, int partition) {
        return new LagPoint(clock.millis(), records, lagMs, partition);
    }

    @Test
    void theHistorySurvivesAReopen() {
        List<LagPoint> written;
        try (LagHistoryStore store = LagHistoryStore.open(file(), clock)) {
            store.append(point(0, 0, -1));
            clock.advance(Duration.ofSeconds(5));
            store.append(point(12_400, 8_200, 2));
            clock.advance(Duration.ofSeconds(5));
            store.append(point(-1, -1, -1));
            written = store.since(0);
        }
        try (LagHistoryStore reopened = LagHistoryStore.open(file(), clock)) {
            assertThat(reopened.since(0)).hasSize(3).isEqualTo(written);
            assertThat(reopened.since(clock.millis() - 5_000)).extracting(LagPoint::records).containsExactly(12_400L, -1L);
        }
    }

    @Test
    void pointsOlderThanSevenDaysAreDroppedFromMemoryAndFromTheFile() throws Exception {
        try (LagHistoryStore store = LagHistoryStore.open(file(), clock)) {
            store.append(point(100, 1_000, 0));
            clock.advance(Duration.ofDays(3));
            store.append(point(200, 2_000, 1));
            clock.advance(Duration.ofDays(4).plusMinutes(1)); // the first is now 7 days and a minute old
            store.append(point(300, 3_000, 2));
            assertThat(store.since(0)).extracting(LagPoint::records).containsExactly(200L, 300L);
        }
        clock.advance(Duration.ofHours(2)); // the first point's line is now past the rewrite slack
        try (LagHistoryStore reopened = LagHistoryStore.open(file(), clock)) {
            assertThat(reopened.since(0)).extracting(LagPoint::records).containsExactly(200L, 300L);
        }
        assertThat(Files.readAllLines(file())).as("the file keeps only the last 7 days")
                .hasSize(2).allSatisfy(l -> assertThat(l).doesNotStartWith(Long.toString(T0.toEpochMilli())));

        clock.advance(Duration.ofDays(8)); // a week away from the app: nothing left to show
        try (LagHistoryStore reopened = LagHistoryStore.open(file(), clock)) {
            assertThat(reopened.size()).isZero();
        }
        assertThat(Files.readAllLines(file())).isEmpty();
    }

    @Test
    void aTornLastLineFromAKillMidWriteIsDroppedAndTheNextPointStartsItsOwnLine() throws Exception {
        try (LagHistoryStore store = LagHistoryStore.open(file(), clock)) {
            store.append(point(1, 100, 0));
            clock.advance(Duration.ofSeconds(5));
            store.append(point(2, 200, 1));
        }
        // kill -9 in the middle of a write: half a line, no newline
        Files.writeString(file(), clock.millis() + 5_000 + ",12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        clock.advance(Duration.ofSeconds(10));
        try (LagHistoryStore store = LagHistoryStore.open(file(), clock)) {
            assertThat(store.since(0)).extracting(LagPoint::records).containsExactly(1L, 2L);
            store.append(point(3, 300, 2));
        }
        try (LagHistoryStore reopened = LagHistoryStore.open(file(), clock)) {
            assertThat(reopened.since(0)).extracting(LagPoint::records).containsExactly(1L, 2L, 3L);
        }
        assertThat(Files.readAllLines(file())).hasSize(3).allSatisfy(l -> assertThat(LagPoint.parse(l)).isNotNull());
    }

    @Test
    void anUnwritableFileKeepsTheHistoryInMemory() throws Exception {
        Files.createDirectories(file()); // a directory where the file should be
        try (LagHistoryStore store = LagHistoryStore.open(file(), clock)) {
            store.append(point(5, 50, 1));
            assertThat(store.since(0)).extracting(LagPoint::records).containsExactly(5L);
        }
    }
}
