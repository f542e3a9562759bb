package io.paypulse.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: every record must end with CRLF; anything torn or malformed fails. */
final class StrictCsv {

    private StrictCsv() {
    }

    static List<List<String>> read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && cell.length() == 0) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted cell at end of text");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        cell.append(q);
                        i++;
                    }
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\r') {
                if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("bare CR at " + i);
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else if (c == '\n') {
                throw new IllegalArgumentException("bare LF at " + i);
            } else if (c == '"') {
                throw new IllegalArgumentException("quote inside unquoted cell at " + i);
            } else {
                cell.append(c);
                i++;
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            throw new IllegalArgumentException("torn last line: text does not end with CRLF");
        }
        return rows;
    }
}
