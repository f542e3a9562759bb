package io.paypulse.sink;

import java.time.Instant;

/**
 * {@link FileNames#hourly} for one prefix, remembering the latest hour: a sink asks for every row and
 * rows come mostly in time order, while the formatter behind it costs more than the row's other cells.
 * Safe to share: the remembered pair is immutable and replaced whole.
 */
final class HourlyName {

    private record Hour(long hour, String name) {
    }

    private final String prefix;
    private final String what;
    private Hour last;

    HourlyName(String prefix, String what) {
        this.prefix = prefix;
        this.what = what;
    }

    String of(Instant time) {
        if (time == null) {
            return FileNames.hourly(prefix, null, what); // its sentence for a missing time
        }
        long hour = Math.floorDiv(time.getEpochSecond(), 3_600);
        Hour h = last;
        if (h != null && h.hour == hour) {
            return h.name;
        }
        String name = FileNames.hourly(prefix, time, what); // also refuses years outside 0000-9999
        last = new Hour(hour, name);
        return name;
    }
}
