"""PayPulse orchestration: keeps the Docker stack's pipeline alive, once a minute.

Written for Apache Airflow 2.10 (the compose file pins apache/airflow:2.10.5) and uses only what
that image ships: PythonOperator from Airflow core and the Python standard library. No provider is
needed (the image does include the docker provider, but its DockerOperator creates containers,
which the Docker access of this stack deliberately does not allow; see
docs/decisions/0007-airflow-docker-access.md).

Tasks, every minute (no catch-up, one run at a time):

    ensure_topics >> [ensure_generator, check_processor] >> report

- ensure_topics:    starts the one-shot compose service `topics` (pipeline image,
                    `topics ensure --partitions N --replication 3`), waits for it and logs its
                    `created ...` / `exists ...` lines; fails if it exits non-zero.
- ensure_generator: starts the generator container if it is not running.
- check_processor:  GET http://processor:8080/health over the compose network; if the processor is
                    down or unreachable it starts the container (stopped) or restarts it (running
                    but DOWN for longer than its start grace). With several replicas
                    (--scale processor=N) each is asked at its own container name and only the one
                    that is down is started or restarted (docs/decisions/0011).
- report:           logs one line with what each task did (trigger rule all_done), then fails if
                    any of them failed, so that the run shows red.

Docker is reached through the `docker-proxy` service (haproxy, tcp://docker-proxy:2375 on the
internal network `docker-api`), which lets through only inspect/logs/start/restart/wait on the
containers of the services topics, generator and processor of this compose project. The DAG
therefore addresses containers by their compose names: <project>-<service>-<n> (compose v2) or
<project>_<service>_<n> (compose v1), replica n = 1, 2, ...

Settings (environment of the scheduler, set in docker-compose.yml):
    PAYPULSE_DOCKER_HOST         default tcp://docker-proxy:2375
    PAYPULSE_COMPOSE_PROJECT     default paypulse
    PAYPULSE_PROCESSOR_HEALTH    default http://processor:8080/health
    PAYPULSE_PROCESSOR_GRACE     seconds a (re)started processor may report DOWN, default 90
"""
from __future__ import annotations

import http.client
import json
import logging
import os
import struct
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowException
from airflow.operators.python import PythonOperator
from airflow.utils.trigger_rule import TriggerRule

log = logging.getLogger(__name__)

DOCKER_HOST = os.environ.get("PAYPULSE_DOCKER_HOST", "tcp://docker-proxy:2375")
COMPOSE_PROJECT = os.environ.get("PAYPULSE_COMPOSE_PROJECT", "paypulse")
PROCESSOR_HEALTH_URL = os.environ.get("PAYPULSE_PROCESSOR_HEALTH", "http://processor:8080/health")
PROCESSOR_GRACE_SECONDS = int(os.environ.get("PAYPULSE_PROCESSOR_GRACE", "90"))

CHECKS = ("ensure_topics", "ensure_generator", "check_processor")


# --- Docker Engine API over HTTP (unversioned paths: the engine's own API version) -----------------

def _docker(method: str, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    address = urlsplit(DOCKER_HOST.replace("tcp://", "http://", 1))
    conn = http.client.HTTPConnection(address.hostname, address.port or 2375, timeout=timeout)
    try:
        conn.request(method, path, headers={"Content-Length": "0"} if method == "POST" else {})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError as e:
        raise AirflowException(f"Docker API at {DOCKER_HOST} unreachable ({e}): is the docker-proxy service running?") from e
    finally:
        conn.close()


def _container(service: str, replica: int = 1, missing_ok: bool = False) -> dict | None:
    """The inspect document of the service's container (replica 1 by default), found by its compose
    v2 or v1 name; None for a missing replica if missing_ok."""
    for name in (f"{COMPOSE_PROJECT}-{service}-{replica}", f"{COMPOSE_PROJECT}_{service}_{replica}"):
        status, body = _docker("GET", f"/containers/{name}/json")
        if status == 200:
            return json.loads(body)
        if status == 403:
            raise AirflowException(
                f"Inspecting container {name} was refused by the Docker proxy (403): it allows only the "
                f"topics, generator and processor containers of its own compose project; is "
                f"PAYPULSE_COMPOSE_PROJECT ({COMPOSE_PROJECT}) the same for airflow-scheduler and docker-proxy?")
        if status != 404:
            raise AirflowException(f"Inspecting container {name} failed: HTTP {status} {body[:200]!r}")
    if missing_ok:
        return None
    raise AirflowException(
        f"No container for service '{service}' of compose project '{COMPOSE_PROJECT}': "
        f"create the stack with `make start-pipeline`.")


def _replicas(service: str) -> list[dict]:
    """Replica 1 (missing: the task fails with a sentence), then 2, 3, ... as long as they exist."""
    found = [_container(service)]
    while (more := _container(service, len(found) + 1, missing_ok=True)) is not None:
        found.append(more)
    return found


def _post(container: dict, action: str, timeout: float = 60.0) -> bytes:
    name = container["Name"].lstrip("/")
    status, body = _docker("POST", f"/containers/{name}/{action}", timeout=timeout)
    if status not in (200, 204, 304):  # 304: already started
        raise AirflowException(f"{action} {name} failed: HTTP {status} {body[:200]!r}")
    return body


def _logs_since(container: dict, since: str) -> list[str]:
    """stdout and stderr lines since a Unix time ("s.nnnnnnnnn"); demultiplexes the 8-byte frame
    headers of a container without TTY."""
    name = container["Name"].lstrip("/")
    status, body = _docker("GET", f"/containers/{name}/logs?stdout=1&stderr=1&since={since}")
    if status != 200:
        return [f"(logs unavailable: HTTP {status})"]
    if container.get("Config", {}).get("Tty"):
        text = body.decode("utf-8", "replace")
    else:
        chunks, i = [], 0
        while i + 8 <= len(body):
            (size,) = struct.unpack(">I", body[i + 4:i + 8])
            chunks.append(body[i + 8:i + 8 + size])
            i += 8 + size
        text = b"".join(chunks).decode("utf-8", "replace")
    return [line for line in text.splitlines() if line.strip()]


def _unix(timestamp: str) -> str:
    """A Docker timestamp (2025-01-01T12:00:00.123456789Z) as Unix seconds with nanoseconds, the
    form the logs endpoint's `since` takes; "0" for Docker's zero time (never happened)."""
    whole, _, fraction = timestamp.rstrip("Z").partition(".")
    try:
        seconds = int(datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp())
    except ValueError:
        return "0"
    return f"{seconds}.{(fraction or '0')[:9].ljust(9, '0')}" if seconds > 0 else "0"


def _started_seconds_ago(container: dict) -> float:
    started = container["State"].get("StartedAt", "")[:19]  # 2025-01-01T12:00:00.123456789Z
    try:
        when = datetime.strptime(started, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return float("inf")
    return (datetime.now(timezone.utc) - when).total_seconds()


# --- Tasks -----------------------------------------------------------------------------------------

def _ensure_topics() -> str:
    topics = _container("topics")
    # This run's output is what comes after the previous run finished (StartedAt can be later than
    # the first lines of a fast process, so it is not the bound).
    previous_end = _unix(topics["State"].get("FinishedAt", ""))
    _post(topics, "start")
    # /wait returns once the container is no longer running, at once if it already stopped.
    result = json.loads(_post(topics, "wait", timeout=110) or b"{}")
    code = result.get("StatusCode", -1)
    lines = _logs_since(topics, previous_end)
    for line in lines:
        log.info("topics: %s", line)
    if code != 0:
        last = lines[-1] if lines else "no output"
        raise AirflowException(f"topics ensure exited with {code}: {last}")
    created = sum(1 for line in lines if line.startswith("created"))
    exists = sum(1 for line in lines if line.startswith("exists"))
    return f"{created} created, {exists} existed"


def _ensure_generator() -> str:
    generator = _container("generator")
    state = generator["State"]
    if state.get("Paused"):
        raise AirflowException("the generator container is paused: docker unpause it (the DAG may not)")
    if state.get("Running"):
        return "running"
    _post(generator, "start")
    return f"started (was {state.get('Status')})"


def _health(health_url: str) -> tuple[int | None, str]:
    url = urlsplit(health_url)
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=5)
    try:
        conn.request("GET", url.path or "/")
        response = conn.getresponse()
        return response.status, response.read(300).decode("utf-8", "replace")
    except OSError as e:
        return None, f"unreachable ({e})"
    finally:
        conn.close()


def _replica_health_url(container: dict) -> str:
    """PAYPULSE_PROCESSOR_HEALTH with the host replaced by the replica's container name, which the
    compose network's DNS resolves to that one container (the service name picks any replica)."""
    url = urlsplit(PROCESSOR_HEALTH_URL)
    host = container["Name"].lstrip("/")
    return url._replace(netloc=f"{host}:{url.port}" if url.port else host).geturl()


def _check_processor() -> str:
    replicas = _replicas("processor")
    if len(replicas) == 1:
        return _check_replica(replicas[0], PROCESSOR_HEALTH_URL)
    # Each replica by its own address: a DOWN answer restarts the replica that gave it, not replica 1.
    return "; ".join(f"processor-{n}: {_check_replica(c, _replica_health_url(c))}"
                     for n, c in enumerate(replicas, start=1))


def _check_replica(processor: dict, health_url: str) -> str:
    status, body = _health(health_url)
    if status == 200:
        return "UP"
    seen = f"health {status} {body}" if status else f"health {body}"
    log.warning("%s: %s", processor["Name"].lstrip("/"), seen)
    state = processor["State"]
    if not state.get("Running"):
        _post(processor, "start")
        return f"started (was {state.get('Status')}; {seen})"
    up_for = _started_seconds_ago(processor)
    if up_for < PROCESSOR_GRACE_SECONDS:
        return f"starting ({up_for:.0f} s up, grace {PROCESSOR_GRACE_SECONDS} s; {seen})"
    # t=30: the same grace period compose gives it (stop_grace_period), so Streams closes cleanly.
    _post(processor, "restart?t=30", timeout=90)
    return f"restarted ({seen})"


def _report(**context) -> str:
    dag_run, ti = context["dag_run"], context["ti"]
    parts, failed = [], []
    for task_id in CHECKS:
        instance = dag_run.get_task_instance(task_id)
        state = str(instance.state) if instance and instance.state else "not run"
        if state == "success":
            parts.append(f"{task_id}: {ti.xcom_pull(task_ids=task_id)}")
        else:
            parts.append(f"{task_id}: {state}")
            failed.append(task_id)
    summary = "stream_orch: " + "; ".join(parts)
    log.info(summary)
    if failed:
        raise AirflowException(f"{', '.join(failed)} did not succeed (see their logs); {summary}")
    return summary


with DAG(
    dag_id="stream_orch",
    description="Keeps the PayPulse stack alive: topics, generator, processor health",
    schedule="* * * * *",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    # A run must finish well before the next minute's run would have to queue behind it for long.
    dagrun_timeout=timedelta(minutes=4),
    # The point of the DAG is to run without anyone unpausing it (the stack pauses new DAGs).
    is_paused_upon_creation=False,
    default_args={
        "owner": "paypulse",
        "retries": 1,
        "retry_delay": timedelta(seconds=15),
        "execution_timeout": timedelta(minutes=2),
    },
    tags=["paypulse"],
) as dag:
    ensure_topics = PythonOperator(task_id="ensure_topics", python_callable=_ensure_topics)
    ensure_generator = PythonOperator(task_id="ensure_generator", python_callable=_ensure_generator,
                                      execution_timeout=timedelta(minutes=1))
    check_processor = PythonOperator(task_id="check_processor", python_callable=_check_processor)
    report = PythonOperator(task_id="report", python_callable=_report, trigger_rule=TriggerRule.ALL_DONE,
                            retries=0, execution_timeout=timedelta(seconds=30))

    ensure_topics >> [ensure_generator, check_processor] >> report
