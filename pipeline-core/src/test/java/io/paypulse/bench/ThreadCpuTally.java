package io.paypulse.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a child JVM's CPU went during a pass, by thread: sampled from {@code /proc} while the pass
 * runs (a thread that ends between samples keeps its last value), minus what each thread had used
 * when the pass started. Names are as {@code /proc} shows them, numbered threads folded together
 * ({@code GC Thread#0..n} are one "GC Thread#").
 */
final class ThreadCpuTally {

    private final ChildJvm jvm;
    private final Map<Long, ChildJvm.ThreadCpu> before;
    private final Map<Long, ChildJvm.ThreadCpu> latest = new HashMap<>();

    ThreadCpuTally(ChildJvm jvm) {
        this.jvm = jvm;
        this.before = jvm.threadCpu();
    }

    void sample() {
        jvm.threadCpu().forEach((tid, cpu) -> latest.merge(tid, cpu, (a, b) -> b.seconds() >= a.seconds() ? b : a));
    }

    /** CPU seconds per thread name during the pass, largest first. */
    Map<String, Double> byName() {
        Map<String, Double> sums = new HashMap<>();
        latest.forEach((tid, cpu) -> {
            ChildJvm.ThreadCpu start = before.get(tid);
            double used = cpu.seconds() - (start == null ? 0 : start.seconds());
            sums.merge(cpu.name().replaceAll("\\d+$", "#"), used, Double::sum);
        });
        return sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** The top {@code n} threads as "name 6.8 s (42 %)", the rest as "others". */
    String top(int n) {
        Map<String, Double> all = byName();
        double total = all.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<String, Double>> entries = List.copyOf(all.entrySet());
        StringBuilder out = new StringBuilder();
        double rest = 0;
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, Double> e = entries.get(i);
            if (i < n) {
                out.append(out.isEmpty() ? "" : ", ").append(PipelineBench.fmt("%s %.1f s (%.0f %%)",
                        e.getKey().strip(), e.getValue(), 100 * e.getValue() / total));
            } else {
                rest += e.getValue();
            }
        }
        return out.append(PipelineBench.fmt(", others %.1f s", rest)).toString();
    }
}
