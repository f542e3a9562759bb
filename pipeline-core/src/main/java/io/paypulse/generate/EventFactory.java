package io.paypulse.generate;

import io.paypulse.config.Scenario;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Makes the log events of the original project: its four message shapes, its mix, pools and
 * ranges, distorted by a {@link Scenario}.
 *
 * <p>Pure: no Kafka, no clock reads; the caller passes the event time. All randomness comes from
 * one {@link Random} shared with one {@link Faker}, so the same seed gives the same sequence of
 * messages for the same sequence of calls. (Card testing also depends on the event times passed
 * in, because its attacker works at ~30 attempts per minute of event time.)
 *
 * <p>Not thread-safe: confine an instance to one thread.
 */
public final class EventFactory {

    /** Failure reasons of the original project. */
    public static final List<String> REASONS = List.of(
            "Insufficient funds",
            "Card declined",
            "Expired card",
            "Invalid CVC",
            "Payment gateway error",
            "Transaction blocked by bank");

    /** What a card tester sees when trying stolen card numbers. */
    public static final List<String> CARD_TESTING_REASONS = List.of(
            "Card declined",
            "Invalid CVC",
            "Insufficient funds");

    public static final String GATEWAY_ERROR = "Payment gateway error";

    public static final int USERS = 10_000;
    public static final long MIN_CENTS = 10_00;
    public static final long MAX_CENTS = 1000_00;
    public static final long CARD_TESTING_MIN_CENTS = 1_00;
    public static final long CARD_TESTING_MAX_CENTS = 5_00;

    /** Mean gap between two card-testing attempts (30 per minute); each gap is uniform ±25%. */
    static final Duration CARD_TESTING_INTERVAL = Duration.ofSeconds(2);

    private static final double REFUND_SHARE = 0.10;
    private static final double REFUND_SHARE_SPIKE = 0.40;
    private static final double FAILURE_RATE = 0.10;
    private static final double PAYMENT_FAILURE_RATE_OUTAGE = 0.60;
    /** Share of failed payments during an outage that blame the gateway; the rest are ordinary. */
    private static final double GATEWAY_SHARE_OUTAGE = 0.85;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Random random;
    private final Faker faker;
    private final char[] buf = new char[32];

    /** The scenario of the previous call: entering card testing starts a new episode. */
    private Scenario previous;
    private String attackerUser;
    private String attackerIp;
    private Instant nextAttack;

    /** @param seed the seed of the sequence; null for a random one */
    public EventFactory(Long seed) {
        this.random = seed == null ? new Random() : new Random(seed);
        this.faker = new Faker(random);
    }

    /**
     * The next event at time {@code now} under scenario {@code s}, or null for {@link Scenario#QUIET}.
     */
    public GeneratedEvent next(Instant now, Scenario s) {
        Scenario before = previous;
        previous = s;
        PaymentMessage m;
        switch (s) {
            case QUIET:
                return null;
            case CARD_TESTING:
                if (before != Scenario.CARD_TESTING) {
                    startCardTesting(now);
                }
                m = now.isBefore(nextAttack) ? ordinary(s) : cardTestingAttempt(now);
                break;
            default:
                m = ordinary(s);
        }
        Level level = m.failed() ? Level.ERROR : Level.INFO;
        return new GeneratedEvent(m.userId(), new LogEvent(now, level, m.render()), m);
    }

    private PaymentMessage ordinary(Scenario s) {
        double refundShare = s == Scenario.REFUND_SPIKE ? REFUND_SHARE_SPIKE : REFUND_SHARE;
        PaymentType type = random.nextDouble() < refundShare ? PaymentType.REFUND : PaymentType.PAYMENT;
        boolean outage = s == Scenario.GATEWAY_OUTAGE && type == PaymentType.PAYMENT;
        boolean failed = random.nextDouble() < (outage ? PAYMENT_FAILURE_RATE_OUTAGE : FAILURE_RATE);
        String orderId = hexId("order_", random.nextLong(), 12);
        long cents = MIN_CENTS + random.nextInt((int) (MAX_CENTS - MIN_CENTS + 1));
        String userId = user(1 + random.nextInt(USERS));
        String reference = null;
        String reason = null;
        if (failed) {
            reason = outage && random.nextDouble() < GATEWAY_SHARE_OUTAGE
                    ? GATEWAY_ERROR
                    : REASONS.get(random.nextInt(REASONS.size()));
        } else {
            reference = hexId(type == PaymentType.PAYMENT ? "pay_" : "ref_", random.nextLong(), 16);
        }
        return new PaymentMessage(type, failed, orderId, cents, userId, reference, reason, publicIpV4());
    }

    private void startCardTesting(Instant now) {
        attackerUser = user(1 + random.nextInt(USERS));
        attackerIp = publicIpV4();
        nextAttack = now;
    }

    private PaymentMessage cardTestingAttempt(Instant now) {
        long meanMillis = CARD_TESTING_INTERVAL.toMillis();
        long gap = meanMillis * 3 / 4 + random.nextInt((int) (meanMillis / 2) + 1);
        // After a stall (a paused stream, a slow rate) resume the cadence instead of bursting.
        Instant base = nextAttack.plus(CARD_TESTING_INTERVAL).isBefore(now) ? now : nextAttack;
        nextAttack = base.plusMillis(gap);
        String orderId = hexId("order_", random.nextLong(), 12);
        long cents = CARD_TESTING_MIN_CENTS
                + random.nextInt((int) (CARD_TESTING_MAX_CENTS - CARD_TESTING_MIN_CENTS + 1));
        String reason = CARD_TESTING_REASONS.get(random.nextInt(CARD_TESTING_REASONS.size()));
        return new PaymentMessage(PaymentType.PAYMENT, true, orderId, cents, attackerUser, null, reason, attackerIp);
    }

    /**
     * A public IPv4 address from Datafaker. Datafaker 2.5.4's {@code publicIpV4Address()} only
     * tries to exclude a few first octets (and its check misses even those), so about one address
     * in seven is private, loopback, 0/8 or multicast/reserved; we draw again until it is public.
     */
    private String publicIpV4() {
        while (true) {
            byte[] a = faker.internet().getPublicIpV4Address().getAddress();
            if (isPublicIpV4(a[0] & 0xff, a[1] & 0xff, a[2] & 0xff)) {
                return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
            }
        }
    }

    /**
     * True unless the address is in a special-purpose block (RFC 6890): this network, private,
     * shared (CGNAT), loopback, link-local, IETF protocol, documentation, benchmarking, multicast
     * and reserved.
     */
    static boolean isPublicIpV4(int a, int b, int c) {
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b < 32)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113));
    }

    /** {@code user_000042}: six digits, zero-padded. */
    private String user(int n) {
        buf[0] = 'u';
        buf[1] = 's';
        buf[2] = 'e';
        buf[3] = 'r';
        buf[4] = '_';
        for (int i = 10; i >= 5; i--) {
            buf[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(buf, 0, 11);
    }

    /** {@code prefix} followed by the low {@code digits} hex digits of {@code bits}, lowercase. */
    private String hexId(String prefix, long bits, int digits) {
        int p = prefix.length();
        prefix.getChars(0, p, buf, 0);
        for (int i = p + digits - 1; i >= p; i--) {
            buf[i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
        return new String(buf, 0, p + digits);
    }
}
