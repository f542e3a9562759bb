package io.paypulse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One line of {@code --show-config}: a setting's key and how a record's value of it reads as text.
 * Each settings record lists its own ({@code shown()}), so a new setting is shown, and known to the
 * "unknown setting" check ({@link ConfigKeys#ALL}), from the record that holds it.
 *
 * @param <R> the record the value is taken from
 */
public record Shown<R>(String key, Function<R, String> text) {

    /** The value {@code get} takes from the record, written as {@code setting} writes it. */
    public static <R, T> Shown<R> of(Setting<T> setting, Function<R, T> get) {
        return new Shown<>(setting.key(), r -> setting.show(get.apply(r)));
    }

    /** {@code inner}'s lines, read from the part of an outer record that {@code part} picks. */
    public static <O, I> List<Shown<O>> within(List<Shown<I>> inner, Function<O, I> part) {
        return inner.stream().map(s -> new Shown<O>(s.key(), o -> s.text().apply(part.apply(o)))).toList();
    }

    /** {@code lines} with {@code inserted} after the line of {@code key} (at the end when there is none). */
    static <R> List<Shown<R>> placeAfter(List<Shown<R>> lines, String key, List<Shown<R>> inserted) {
        List<Shown<R>> out = new ArrayList<>(lines);
        int at = 0;
        while (at < out.size() && !out.get(at).key().equals(key)) {
            at++;
        }
        out.addAll(Math.min(at + 1, out.size()), inserted);
        return List.copyOf(out);
    }
}
