package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.paypulse.config.Scenario;
import io.paypulse.event.Level;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The original project's mix, pools and ranges, checked over 200k events at the normal scenario. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFactoryNormalMixTest {

    static final Pattern AMOUNT = Pattern.compile("Amount: \\$(\\d+)\\.(\\d{2})\\. ");
    static final Pattern USER = Pattern.compile("user_\\d{6}");
    static final Pattern ORDER_ID = Pattern.compile("order_[0-9a-f]{12}");
    static final Pattern PAYMENT_ID = Pattern.compile("pay_[0-9a-f]{16}");
    static final Pattern REFUND_ID = Pattern.compile("ref_[0-9a-f]{16}");
    static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    List<GeneratedEvent> events;

    @BeforeAll
    void generate200k() {
        events = EventFactoryTest.generate(20_261_126L, Scenario.NORMAL, 200_000, 100);
    }

    @Test
    void mixIsNinetyTenAndNinetyTenWithinEachLevel() {
        long info = events.stream().filter(e -> e.event().level() == Level.INFO).count();
        assertThat(info / (double) events.size()).isCloseTo(0.90, within(0.005));
        for (Level level : Level.values()) {
            List<GeneratedEvent> atLevel = events.stream().filter(e -> e.event().level() == level).toList();
            long payments = atLevel.stream().filter(e -> e.message().type() == PaymentType.PAYMENT).count();
            assertThat(payments / (double) atLevel.size()).as(level.name()).isCloseTo(0.90, within(0.005));
        }
    }

    @Test
    void amountsAreBetweenTenAndOneThousandDollarsWithTwoDecimals() {
        List<String> bad = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (GeneratedEvent e : events) {
            Matcher m = AMOUNT.matcher(e.event().message());
            long cents = m.find() ? Long.parseLong(m.group(1)) * 100 + Long.parseLong(m.group(2)) : -1;
            if (cents != e.message().amountCents() || cents < 10_00 || cents > 1000_00) {
                bad.add(e.event().message());
            }
            min = Math.min(min, cents);
            max = Math.max(max, cents);
        }
        assertThat(bad).isEmpty();
        // Uniform over the whole range, ends included or nearly so.
        assertThat(min).isLessThan(10_10L);
        assertThat(max).isGreaterThan(999_90L);
    }

    @Test
    void usersComeFromTheTenThousandPool() {
        Set<String> users = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (GeneratedEvent e : events) {
            String u = e.message().userId();
            if (!USER.matcher(u).matches() || Integer.parseInt(u.substring(5)) < 1 || Integer.parseInt(u.substring(5)) > 10_000) {
                bad.add(u);
            }
            users.add(u);
        }
        assertThat(bad).isEmpty();
        assertThat(users).hasSize(10_000);
    }

    @Test
    void idsHaveTheOriginalShapes() {
        List<PaymentMessage> bad = new ArrayList<>();
        for (GeneratedEvent e : events) {
            PaymentMessage m = e.message();
            Pattern reference = m.type() == PaymentType.PAYMENT ? PAYMENT_ID : REFUND_ID;
            boolean ok = ORDER_ID.matcher(m.orderId()).matches()
                    && (m.failed() ? m.reference() == null : reference.matcher(m.reference()).matches());
            if (!ok) {
                bad.add(m);
            }
        }
        assertThat(bad).isEmpty();
        long distinctOrders = events.stream().map(e -> e.message().orderId()).distinct().count();
        assertThat(distinctOrders).isEqualTo(events.size());
    }

    @Test
    void everyIpIsAPublicIpv4Address() {
        Set<Integer> firstOctets = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (GeneratedEvent e : events) {
            String ip = e.message().ipAddress();
            Matcher m = IPV4.matcher(ip);
            if (!m.matches()) {
                bad.add(ip);
                continue;
            }
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            boolean octetsInRange = true;
            for (int g = 1; g <= 4; g++) {
                octetsInRange &= Integer.parseInt(m.group(g)) <= 255;
            }
            boolean special = a == 0 || a == 10 || a == 127 || a >= 224
                    || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168);
            if (!octetsInRange || special) {
                bad.add(ip);
            }
            firstOctets.add(a);
        }
        assertThat(bad).as("addresses that are not public IPv4").isEmpty();
        assertThat(firstOctets).hasSizeGreaterThan(200);
    }

    @Test
    void reasonsComeFromTheOriginalListAndAllAppear() {
        Map<String, Integer> byReason = new HashMap<>();
        for (GeneratedEvent e : events) {
            if (e.message().failed()) {
                byReason.merge(e.message().reason(), 1, Integer::sum);
            } else {
                assertThat(e.message().reason()).isNull();
            }
        }
        assertThat(byReason.keySet()).containsExactlyInAnyOrderElementsOf(EventFactory.REASONS);
    }
}
