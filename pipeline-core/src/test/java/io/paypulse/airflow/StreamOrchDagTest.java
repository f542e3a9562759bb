package io.paypulse.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Airflow DAG {@code airflow/dags/stream_orch_dag.py} without Airflow (it cannot be installed on
 * the build machines): it compiles with python3, and {@code airflow/tests/check_dag.py} (Python's ast
 * module) finds the DAG id, the every-minute schedule, catchup False, max_active_runs 1, the four
 * tasks and exactly the edges ensure_topics >> [ensure_generator, check_processor] >> report; mutated
 * copies of the DAG must fail that check. Needs python3 on the PATH.
 *
 * <p>Run: {@code mvn -B -pl pipeline-core test -Dtest='io.paypulse.airflow.*Test' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StreamOrchDagTest {

    private static final Path DAG = Python.ROOT.resolve("airflow/dags/stream_orch_dag.py");
    private static final Path CHECKER = Python.ROOT.resolve("airflow/tests/check_dag.py");

    @TempDir
    Path tmp;

    @Test
    void dagFileCompiles() {
        // cfile in the temp dir: no __pycache__ in the source tree.
        Python.Result result = Python.run("-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                DAG.toString(), tmp.resolve("dag.pyc").toString());
        assertThat(result.code()).as(result.output()).isZero();
    }

    @Test
    void structureMatchesTheStack() {
        Python.Result result = Python.run(CHECKER.toString(), DAG.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).startsWith("OK stream_orch");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            task missing           | task_id="check_processor"                     | task_id="check_health"    | task 'check_processor' is missing
            edge missing           | >> [ensure_generator, check_processor] >>     | >> [ensure_generator] >>  | edge ensure_topics >> check_processor is missing
            report not downstream  | ensure_topics >> [ensure_generator, check_processor] >> report | ensure_topics >> [ensure_generator, check_processor] | edge check_processor >> report is missing
            hourly schedule        | schedule="* * * * *"                          | schedule="@hourly"        | schedule is '@hourly'
            catchup on             | catchup=False                                 | catchup=True              | catchup must be False
            two runs at once       | max_active_runs=1                             | max_active_runs=2         | max_active_runs is 2
            other dag id           | dag_id="stream_orch"                          | dag_id="stream"           | dag_id is 'stream'
            report on success only | trigger_rule=TriggerRule.ALL_DONE             | trigger_rule=TriggerRule.ALL_SUCCESS | trigger_rule is 'all_success'
            """)
    void mutatedDagFailsTheCheck(String what, String original, String mutated, String expectedProblem) throws Exception {
        String source = Files.readString(DAG);
        assertThat(source).as("the mutation must change the DAG").contains(original);
        Path copy = tmp.resolve("stream_orch_dag.py");
        Files.writeString(copy, source.replace(original, mutated));

        Python.Result result = Python.run(CHECKER.toString(), copy.toString());

        assertThat(result.code()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains(expectedProblem);
    }
}
