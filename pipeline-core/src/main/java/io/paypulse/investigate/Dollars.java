package io.paypulse.investigate;

import java.math.BigDecimal;

/** An amount as a person types it: {@code 100}, {@code 99.5} or {@code 99.50} dollars. */
public final class Dollars {

    /** What {@link #cents} accepts, for error messages. */
    public static final String ALLOWED = "an amount in dollars such as 100 or 99.50";

    private Dollars() {
    }

    /**
     * @return whole cents, or null for null or blank text
     * @throws IllegalArgumentException when the text is not a non-negative amount with at most two decimals
     */
    public static Long cents(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(text.strip());
            if (d.signum() < 0 || d.scale() > 2) {
                throw new IllegalArgumentException(ALLOWED);
            }
            return d.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(ALLOWED, e);
        }
    }
}
