package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    private static final List<String> HEADER = List.of("a", "b");

    @TempDir
    Path dir;

    @Test
    void newFileGetsTheHeaderAndSyncReportsExactLengths() throws IOException {
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 2)) {
            files.append("f1.csv", List.of("1", "x,y"));
            files.append("f1.csv", List.of("2", "z"));
            SortedMap<String, Long> lengths = files.sync();
            Path f1 = dir.resolve("f1.csv");
            assertThat(Files.readString(f1)).isEqualTo("a,b\r\n1,\"x,y\"\r\n2,z\r\n");
            assertThat(lengths).containsExactly(Map.entry("f1.csv", Files.size(f1)));
        }
    }

    @Test
    void knownFileIsContinuedWithoutASecondHeader() throws IOException {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, "a,b\r\n1,x\r\n");
        long committed = Files.size(f);
        Files.writeString(f, "a,b\r\n1,x\r\n2,torn", StandardCharsets.UTF_8); // beyond the known length
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of("f.csv", committed), 2)) {
            files.append("f.csv", List.of("2", "y"));
            assertThat(files.sync()).containsEntry("f.csv", Files.size(f));
        }
        assertThat(StrictCsv.read(f)).containsExactly(List.of("a", "b"), List.of("1", "x"), List.of("2", "y"));
    }

    @Test
    void openWritersAreBoundedAndEvictedFilesStayComplete() throws IOException {
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 2)) {
            for (int round = 0; round < 3; round++) {
                for (int f = 0; f < 5; f++) {
                    files.append("f" + f + ".csv", List.of(Integer.toString(round), "v"));
                    assertThat(files.openCount()).isLessThanOrEqualTo(2);
                }
            }
            SortedMap<String, Long> lengths = files.sync();
            assertThat(lengths).hasSize(5);
            for (int f = 0; f < 5; f++) {
                Path p = dir.resolve("f" + f + ".csv");
                assertThat(lengths.get("f" + f + ".csv")).isEqualTo(Files.size(p));
                assertThat(StrictCsv.read(p)).containsExactly(HEADER, List.of("0", "v"), List.of("1", "v"), List.of("2", "v"));
            }
        }
    }

    @Test
    void lengthsStayExactWhenRowsAlternateBetweenFilesAcrossSyncs() throws IOException {
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 2)) {
            String[] order = {"a.csv", "a.csv", "b.csv", "a.csv", "|", "b.csv", "|", "|", "a.csv", "b.csv", "b.csv", "|"};
            int row = 0;
            for (String name : order) {
                if (name.equals("|")) {
                    SortedMap<String, Long> lengths = files.sync();
                    assertThat(lengths).containsExactly(Map.entry("a.csv", Files.size(dir.resolve("a.csv"))),
                            Map.entry("b.csv", Files.size(dir.resolve("b.csv"))));
                } else {
                    files.append(name, List.of(Integer.toString(row++), "v"));
                }
            }
        }
        assertThat(StrictCsv.read(dir.resolve("a.csv"))).containsExactly(HEADER, List.of("0", "v"), List.of("1", "v"),
                List.of("3", "v"), List.of("5", "v"));
        assertThat(StrictCsv.read(dir.resolve("b.csv"))).containsExactly(HEADER, List.of("2", "v"), List.of("4", "v"),
                List.of("6", "v"), List.of("7", "v"));
    }

    @Test
    void rowsReachTheFileOnlyWhole() throws IOException {
        String big = "x".repeat(1000);
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 1)) {
            for (int i = 0; i < 500; i++) { // ~500 KB, several buffer drains before any sync
                files.append("f.csv", List.of(Integer.toString(i), big));
                // whatever has reached the file so far is whole rows
                StrictCsv.read(dir.resolve("f.csv"));
            }
            files.sync();
        }
        assertThat(StrictCsv.read(dir.resolve("f.csv"))).hasSize(501);
    }

    @Test
    void aRowLargerThanTheBufferIsWrittenWhole() throws IOException {
        String huge = "y".repeat(CsvWriter.BUFFER_BYTES + 10);
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 1)) {
            files.append("f.csv", List.of("1", "small"));
            files.append("f.csv", List.of("2", huge));
            files.append("f.csv", List.of("3", "small"));
            assertThat(files.sync()).containsEntry("f.csv", Files.size(dir.resolve("f.csv")));
        }
        assertThat(StrictCsv.read(dir.resolve("f.csv"))).extracting(r -> r.get(0)).containsExactly("a", "1", "2", "3");
    }

    @Test
    void unicodeIsUtf8() throws IOException {
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 1)) {
            files.append("f.csv", List.of("支付", "✓"));
            assertThat(files.sync().get("f.csv")).isEqualTo(Files.size(dir.resolve("f.csv")));
        }
        assertThat(StrictCsv.read(dir.resolve("f.csv"))).containsExactly(HEADER, List.of("支付", "✓"));
    }
}
