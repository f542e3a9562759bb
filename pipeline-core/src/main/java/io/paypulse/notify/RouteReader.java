package io.paypulse.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads one route: {@code severity}, {@code rule} (both optional, one value or a list) and {@code to}. */
final class RouteReader extends MappingReader {

    private final Set<String> contactPoints;
    private final Set<String> ruleNames;

    RouteReader(JsonNode node, int position, String source, Set<String> contactPoints, Set<String> ruleNames) {
        super(node, "Route #" + position, source);
        this.contactPoints = contactPoints;
        this.ruleNames = ruleNames;
    }

    Route read() {
        requireMapping("a mapping with keys severity, rule and to");
        onlyKeys(List.of("severity", "rule", "to"));
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (String s : words("severity", "WARNING, CRITICAL, or a list of them")) {
            try {
                severities.add(Severity.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw invalid("severity", s, "WARNING, CRITICAL, or a list of them");
            }
        }
        String knownRules = ruleNames.isEmpty() ? "none: the file has no rules" : String.join(", ", ruleNames);
        Set<String> rules = new LinkedHashSet<>();
        for (String r : words("rule", "a rule name or a list of them: " + knownRules)) {
            if (!ruleNames.contains(r)) {
                throw invalid("rule", r, "a rule of this file: " + knownRules);
            }
            rules.add(r);
        }
        String knownPoints = contactPoints.isEmpty() ? "none: no contact point is defined"
                : String.join(", ", contactPoints);
        if (value("to") == null) {
            throw missing("to", "a contact point name or a list of them: " + knownPoints);
        }
        List<String> to = new ArrayList<>();
        for (String name : words("to", "a contact point name or a list of them: " + knownPoints)) {
            if (!contactPoints.contains(name)) {
                throw invalid("to", name, "a contact point defined under contact-points: " + knownPoints);
            }
            if (!to.contains(name)) {
                to.add(name);
            }
        }
        return new Route(rules, severities, to);
    }
}
