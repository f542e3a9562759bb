#!/usr/bin/env python3
"""Structural check of the PayPulse orchestration DAG, without importing Airflow.

Airflow cannot be installed on the build machines (no PyPI), so this reads the DAG file with
Python's ast module and checks what the stack relies on: the DAG id, a schedule of every minute,
catchup=False, max_active_runs=1, the four task ids, report's trigger rule all_done, and exactly the
dependency edges ensure_topics >> [ensure_generator, check_processor] >> report.

    python3 airflow/tests/check_dag.py [DAG_FILE]     (default: airflow/dags/stream_orch_dag.py)

Exit 0 and one "OK ..." line, or exit 1 and one line per problem. Understands `with DAG(...)` and
`DAG(...)` calls, tasks created with a task_id= keyword and assigned to a name, and edges written
with >> / << (tasks or lists of tasks, chained) or set_downstream / set_upstream.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

DAG_ID = "stream_orch"
EVERY_MINUTE = {"* * * * *", "*/1 * * * *"}
TASKS = {"ensure_topics", "ensure_generator", "check_processor", "report"}
EDGES = {
    ("ensure_topics", "ensure_generator"),
    ("ensure_topics", "check_processor"),
    ("ensure_generator", "report"),
    ("check_processor", "report"),
}


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level NAME = <expr>, so that DAG(schedule=SCHEDULE) can be resolved."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = node.value
    return found


def _value(node: ast.expr | None, constants: dict[str, ast.expr]):
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Attribute):  # TriggerRule.ALL_DONE -> "all_done"
        return node.attr.lower()
    if isinstance(node, ast.Call) and _name(node.func) == "timedelta":  # timedelta(minutes=1)
        units = {"seconds": 1, "minutes": 60, "hours": 3600}
        try:
            return ("timedelta", sum(units[k.arg] * k.value.value for k in node.keywords))
        except (KeyError, AttributeError, TypeError):
            return ast.unparse(node)
    return ast.unparse(node) if node is not None else None


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def check(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as e:
        return [f"{path}: does not parse: {e}"]
    constants = _constants(tree)
    problems: list[str] = []

    # The DAG itself.
    dags = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n.func) == "DAG"]
    if len(dags) != 1:
        return problems + [f"expected one DAG(...) call, found {len(dags)}"]
    args = {k.arg: k.value for k in dags[0].keywords if k.arg}
    dag_id = _value(args.get("dag_id", dags[0].args[0] if dags[0].args else None), constants)
    if dag_id != DAG_ID:
        problems.append(f"dag_id is {dag_id!r}, expected {DAG_ID!r}")
    schedule = _value(args.get("schedule", args.get("schedule_interval")), constants)
    if schedule not in EVERY_MINUTE and schedule != ("timedelta", 60):
        problems.append(f"schedule is {schedule!r}, expected every minute ('* * * * *')")
    if _value(args.get("catchup"), constants) is not False:
        problems.append("catchup must be False")
    if _value(args.get("max_active_runs"), constants) != 1:
        problems.append(f"max_active_runs is {_value(args.get('max_active_runs'), constants)!r}, expected 1")

    # Tasks: <var> = SomeOperator(task_id="...", ...).
    var_to_task: dict[str, str] = {}
    trigger_rules: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            kw = {k.arg: k.value for k in node.value.keywords if k.arg}
            if "task_id" in kw:
                task_id = _value(kw["task_id"], constants)
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        var_to_task[target.id] = task_id
                trigger_rules[task_id] = _value(kw.get("trigger_rule"), constants)
    task_ids = set(var_to_task.values())
    for missing in sorted(TASKS - task_ids):
        problems.append(f"task {missing!r} is missing")
    for extra in sorted(task_ids - TASKS):
        problems.append(f"unexpected task {extra!r}")
    if "report" in task_ids and trigger_rules.get("report") != "all_done":
        problems.append(f"report's trigger_rule is {trigger_rules.get('report')!r}, expected all_done")

    # Edges.
    edges: set[tuple[str, str]] = set()

    def tasks_of(node: ast.expr) -> list[str]:
        if isinstance(node, ast.Name) and node.id in var_to_task:
            return [var_to_task[node.id]]
        if isinstance(node, (ast.List, ast.Tuple)):
            return [t for element in node.elts for t in tasks_of(element)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.RShift, ast.LShift)):
            left, right = tasks_of(node.left), tasks_of(node.right)
            upstream, downstream = (left, right) if isinstance(node.op, ast.RShift) else (right, left)
            edges.update((u, d) for u in upstream for d in downstream)
            return right  # a >> b evaluates to b
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr):
            call = node.value
            if isinstance(call, ast.BinOp):
                tasks_of(call)
            elif isinstance(call, ast.Call) and _name(call.func) in ("set_downstream", "set_upstream") \
                    and isinstance(call.func, ast.Attribute) and call.args:
                this, others = tasks_of(call.func.value), tasks_of(call.args[0])
                pairs = [(a, b) for a in this for b in others]
                edges.update(pairs if _name(call.func) == "set_downstream" else [(b, a) for a, b in pairs])
    for u, d in sorted(EDGES - edges):
        problems.append(f"edge {u} >> {d} is missing")
    for u, d in sorted(edges - EDGES):
        problems.append(f"unexpected edge {u} >> {d}")
    return problems


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parent.parent / "dags" / "stream_orch_dag.py"
    path = Path(argv[1]) if len(argv) > 1 else default
    problems = check(path)
    if problems:
        for problem in problems:
            print(f"{path.name}: {problem}")
        return 1
    print(f"OK {DAG_ID}: every minute, catchup False, max_active_runs 1, "
          f"tasks {', '.join(sorted(TASKS))}, {len(EDGES)} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
