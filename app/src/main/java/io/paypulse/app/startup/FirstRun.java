package io.paypulse.app.startup;

import io.paypulse.alert.RulesFile;
import io.paypulse.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the app does on its first run: creates the data and config directories, writes a commented
 * default {@code paypulse.yaml} (every setting with its default, commented out) and a copy of the
 * shipped alert rules to edit. Never overwrites a file that exists, so it is safe on every start.
 * File work: call it off the FX thread.
 */
public final class FirstRun {

    private static final String TEMPLATE = "paypulse-default.yaml";

    private FirstRun() {
    }

    /**
     * @param env the environment, for the default data directory shown in the config file
     * @return the files and directories it created (empty when everything was already there)
     */
    public static List<Path> ensure(AppDirs dirs, Map<String, String> env) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path dir : List.of(dirs.dataDir(), dirs.configDir())) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                created.add(dir);
            }
        }
        String config = defaultConfig(dirs, ConfigLoader.defaultDataDir(env));
        if (writeIfAbsent(dirs.configFile(), config)) {
            created.add(dirs.configFile());
        }
        if (writeIfAbsent(dirs.rulesCopy(), shippedRules())) {
            created.add(dirs.rulesCopy());
        }
        return created;
    }

    /** The commented default config file's text. */
    static String defaultConfig(AppDirs dirs, Path defaultDataDir) {
        return resource(FirstRun.class, TEMPLATE)
                .replace("{{CONFIG_FILE}}", dirs.configFile().toString())
                .replace("{{RULES_COPY}}", dirs.rulesCopy().toString())
                .replace("{{DATA_DIR}}", quoted(defaultDataDir.toString()))
                .replace("{{OUTPUT_DIR}}", quoted(defaultDataDir.resolve("output").toString()));
    }

    /** The rules shipped with the processor, byte for byte. */
    static String shippedRules() {
        return resource(RulesFile.class, RulesFile.DEFAULT_RESOURCE);
    }

    /** Creates the file only if nothing is there; an existing file (even empty) is the user's. */
    private static boolean writeIfAbsent(Path file, String text) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            // CREATE_NEW (the default of writeString without options is CREATE + TRUNCATE): a file that
            // appears between the check and the write is kept, not truncated.
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML double-quoted scalar (paths may contain ':' or '#', Windows paths backslashes). */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
