#!/usr/bin/env python3
"""Runs one task callable of the stream_orch DAG outside Airflow, for tests on machines without it.

    python3 airflow/tests/run_task.py ensure_topics|ensure_generator|check_processor [DAG_FILE]

The DAG's Docker and health code is plain Python (http.client); only the DAG scaffolding comes from
Airflow. This installs minimal stand-ins for the few Airflow names the file imports (DAG,
PythonOperator, TriggerRule, AirflowException) and for pendulum, loads the file, calls the task's
function with the environment as it is (PAYPULSE_DOCKER_HOST, PAYPULSE_COMPOSE_PROJECT, ...), prints
its result and exits 0, or prints the error and exits 1. It checks the task code against a real
Docker engine behind the real proxy; it says nothing about Airflow itself.
"""
from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path


class _Operator:
    def __init__(self, task_id, python_callable=None, **kwargs):
        self.task_id, self.python_callable = task_id, python_callable

    def __rshift__(self, other):
        return other

    def __rrshift__(self, other):
        return self


class _Dag:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _install_stubs() -> None:
    airflow = types.ModuleType("airflow")
    airflow.DAG = _Dag
    exceptions = types.ModuleType("airflow.exceptions")
    exceptions.AirflowException = type("AirflowException", (Exception,), {})
    operators = types.ModuleType("airflow.operators")
    python = types.ModuleType("airflow.operators.python")
    python.PythonOperator = _Operator
    utils = types.ModuleType("airflow.utils")
    trigger_rule = types.ModuleType("airflow.utils.trigger_rule")
    trigger_rule.TriggerRule = types.SimpleNamespace(ALL_DONE="all_done")
    pendulum = types.ModuleType("pendulum")
    pendulum.datetime = lambda *a, **k: None
    for name, module in {"airflow": airflow, "airflow.exceptions": exceptions, "airflow.operators": operators,
                         "airflow.operators.python": python, "airflow.utils": utils,
                         "airflow.utils.trigger_rule": trigger_rule, "pendulum": pendulum}.items():
        sys.modules[name] = module


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in ("ensure_topics", "ensure_generator", "check_processor"):
        print("usage: run_task.py ensure_topics|ensure_generator|check_processor [DAG_FILE]", file=sys.stderr)
        return 2
    dag_file = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parent.parent / "dags" / "stream_orch_dag.py"
    _install_stubs()
    spec = importlib.util.spec_from_file_location("stream_orch_dag", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        result = getattr(module, "_" + argv[1])()
    except Exception as e:  # the task's failure, as Airflow would log it
        print(f"FAILED {type(e).__name__}: {e}")
        return 1
    print(f"RESULT {result}")
    return 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main(sys.argv))
