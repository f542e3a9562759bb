package io.paypulse.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.concurrent.Executors;

/** The ArchUnit rule both modules check: threads come from {@code io.paypulse.threads} (issue 14 §4). */
public final class ThreadRules {

    private ThreadRules() {
    }

    /**
     * No class in {@code inPackage} outside {@code io.paypulse.threads} calls {@code new Thread(..)} or
     * {@code Executors.*}, except the top-level classes named in {@code frozen} (offenders not yet moved).
     */
    public static ArchRule threadsComeFromWorkers(String inPackage, Set<String> frozen) {
        DescribedPredicate<JavaClass> frozenClass = DescribedPredicate.describe("a frozen offender",
                c -> frozen.contains(c.getName().split("\\$")[0]));
        DescribedPredicate<JavaCall<?>> makesThreads = DescribedPredicate.describe("new Thread(..) or Executors.*",
                call -> call.getTarget().getOwner().isEquivalentTo(Executors.class)
                        || call.getTarget().getName().equals("<init>")
                        && call.getTarget().getOwner().isAssignableTo(Thread.class));
        return noClasses().that().resideInAPackage(inPackage).and().resideOutsideOfPackage("io.paypulse.threads..")
                .and(DescribedPredicate.not(frozenClass))
                .should().callCodeUnitWhere(makesThreads)
                .because("threads come from named, injected Workers (io.paypulse.threads)");
    }
}
