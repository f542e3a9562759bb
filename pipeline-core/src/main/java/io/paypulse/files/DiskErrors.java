package io.paypulse.files;

import java.util.Locale;

/** Recognises "the disk is full" among I/O failures, whatever layer wrapped it. */
public final class DiskErrors {

    private DiskErrors() {
    }

    /**
     * True when {@code t} or one of its causes is ENOSPC ("No space left on device") or EDQUOT ("Disk quota
     * exceeded"). Java reports both only through the message text of an {@link java.io.IOException}.
     */
    public static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space on the disk")) {
                    return true;
                }
            }
        }
        return false;
    }
}
