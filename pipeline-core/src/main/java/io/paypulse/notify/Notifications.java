package io.paypulse.notify;

import io.paypulse.event.Alert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notification part of a rules file: contact points and the routes to them. Every route sends
 * an alert to its contact points; an alert that several routes match goes to the union, once each.
 */
public record Notifications(List<ContactPoint> contactPoints, List<Route> routes) {

    public Notifications {
        contactPoints = List.copyOf(contactPoints);
        routes = List.copyOf(routes);
    }

    /** No contact point: alerts stay in the app's feed and the CSV. */
    public static Notifications none() {
        return new Notifications(List.of(), List.of());
    }

    public boolean isEmpty() {
        return contactPoints.isEmpty();
    }

    public Optional<ContactPoint> contactPoint(String name) {
        return contactPoints.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Names of the contact points this alert is routed to, in route order, each once. */
    public Set<String> destinations(Alert alert) {
        Set<String> names = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(alert)) {
                names.addAll(route.contactPoints());
            }
        }
        return names;
    }

    /**
     * These notifications plus one more contact point that gets every alert (a catch-all route),
     * as {@code --set notify.webhook-url=URL} adds one.
     *
     * @throws IllegalArgumentException when a contact point of that name exists already
     */
    public Notifications withCatchAll(ContactPoint contactPoint) {
        if (contactPoint(contactPoint.name()).isPresent()) {
            throw new IllegalArgumentException("a contact point named '" + contactPoint.name() + "' exists already");
        }
        List<ContactPoint> points = new ArrayList<>(contactPoints);
        points.add(contactPoint);
        List<Route> all = new ArrayList<>(routes);
        all.add(new Route(Set.of(), Set.of(), List.of(contactPoint.name())));
        return new Notifications(points, all);
    }
}
