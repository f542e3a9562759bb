package io.paypulse.app.help;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder in the desktop's file manager ({@code xdg-open} on Linux, {@code open} on macOS,
 * {@code explorer} on Windows). Blocking (creates the folder, starts a process and waits briefly for
 * an early failure): call it off the FX thread. Unlike HostServices, it says when it failed, so the
 * caller can show the path instead.
 */
public final class FolderOpener {

    private FolderOpener() {
    }

    /** @return null when opened, else one sentence saying why not */
    public static String open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return "Could not create " + folder + ": " + e.getMessage() + ".";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("explorer", folder.toString())
                : os.contains("mac") ? List.of("open", folder.toString())
                : List.of("xdg-open", folder.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // xdg-open returns once the file manager is asked; a quick non-zero exit means no handler.
            if (p.waitFor(3, TimeUnit.SECONDS) && p.exitValue() != 0 && !os.contains("win")) {
                return "No file manager answered (" + command.get(0) + " exited with " + p.exitValue() + ").";
            }
            return null;
        } catch (IOException e) {
            return "No file manager could be started (" + command.get(0) + " is missing).";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
