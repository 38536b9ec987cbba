"""Start, stop and inspect the managed Neo4j server: a detached JVM over the state folder.

``start`` is a no-op when the server already runs and returns once Bolt answers a query;
``stop`` sends SIGTERM and waits, so Neo4j checkpoints and nothing written is lost.

Example (starts a server)::

    from fintech_kg.settings import ENVIRONMENT, Settings

    settings = Settings()
    start(settings)  # True
    status(settings).running  # True
    stop(settings)  # True
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import neo4j
from neo4j import exceptions as neo4j_errors
from pydantic import BaseModel, ConfigDict

from fintech_kg.browser.bundle import write_browser_bundle
from fintech_kg.errors import ConfigError, ServerError
from fintech_kg.neo4j_server.assembly import assemble
from fintech_kg.neo4j_server.conf import write_conf
from fintech_kg.neo4j_server.jdk import find_java
from fintech_kg.neo4j_server.layout import ServerLayout
from fintech_kg.settings import ENVIRONMENT, Settings

__all__ = ["ServerStatus", "check_port_free", "start", "status", "stop"]

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_FLAGS = (
    # from the official neo4j.conf: Netty and the page cache need these on Java 17+
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
)
START_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 180.0

# Servers this process started: polling them reaps the exit status, so a stopped server
# does not linger as a zombie that still looks alive.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class ServerStatus(BaseModel):
    """What ``fintech-kg neo4j status`` reports."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    home: Path
    log_file: Path


def status(settings: Settings) -> ServerStatus:
    """Whether the managed server of ``settings.home`` runs, and where to reach it."""
    layout = ServerLayout(settings.home)
    pid = _running_pid(layout)
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        bolt_uri=settings.managed_uri,
        browser_url=settings.browser_url,
        home=layout.root,
        log_file=layout.console_log,
    )


def start(settings: Settings) -> bool:
    """Start the managed server and wait until Bolt answers; False when it already ran.

    On first use this assembles the jars with Maven and sets the password of user
    ``neo4j``: NEO4J_PASSWORD, or one generated into ``settings.password_file``.
    """
    if not settings.managed:
        raise ConfigError(
            f"NEO4J_URI={settings.uri} points at another server; unset NEO4J_URI to use "
            "the managed one"
        )
    layout = ServerLayout(settings.home)
    pid = _running_pid(layout)
    if pid is not None:
        _wait_until_ready(settings, layout, pid)
        return False
    check_port_free(settings.host, settings.bolt_port, ENVIRONMENT["bolt_port"])
    check_port_free(settings.host, settings.http_port, ENVIRONMENT["http_port"])
    java = find_java(settings.java_home)
    lib = assemble(layout)
    for folder in (layout.data, layout.logs, layout.plugins, layout.import_dir, layout.run):
        folder.mkdir(parents=True, exist_ok=True)
    write_conf(settings, layout)
    if layout.fresh:
        _set_initial_password(java, lib, layout, _initial_password(settings, layout))
    else:
        settings.neo4j_password()  # fail before starting when no password is known

    # rewritten on every start, so edits to the guide and the style show up
    write_browser_bundle(lib, layout.web)
    command = [
        str(java), f"-Xms{settings.heap_size}", f"-Xmx{settings.heap_size}", *JVM_FLAGS,
        "-cp", str(lib / "*"), ENTRY_POINT,
        f"--home-dir={layout.root}", f"--config-dir={layout.conf_dir}", "--console-mode",
    ]  # fmt: skip
    with layout.console_log.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=layout.root,
            start_new_session=True,  # survives the command that started it, and its Ctrl-C
        )
    _CHILDREN[process.pid] = process
    layout.pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
    _wait_until_ready(settings, layout, process.pid)
    return True


def stop(settings: Settings) -> bool:
    """Stop the managed server cleanly (SIGTERM, then wait); False when none ran."""
    layout = ServerLayout(settings.home)
    pid = _running_pid(layout)
    if pid is None:
        layout.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while _is_server(pid, layout):
        if time.monotonic() > deadline:
            raise ServerError(
                f"Neo4j (pid {pid}) is still shutting down after {STOP_TIMEOUT_S:.0f} s; see "
                f"{layout.console_log}; run `fintech-kg neo4j stop` again to keep waiting"
            )
        time.sleep(0.5)
    _CHILDREN.pop(pid, None)
    layout.pid_file.unlink(missing_ok=True)
    return True


def check_port_free(host: str, port: int, variable: str) -> None:
    """Raise ServerError naming the fix when ``host:port`` is taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # allow binding over connections of a just-stopped server left in TIME_WAIT
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise ServerError(
                f"port {port} on {host} is already in use (another Neo4j?); stop that "
                f"process or choose a free port with {variable}=..."
            ) from None


def _running_pid(layout: ServerLayout) -> int | None:
    try:
        pid = int(layout.pid_file.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _is_server(pid, layout) else None


def _is_server(pid: int, layout: ServerLayout) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid file
    # the pid may have been reused by another process since the pid file was written
    return f"--home-dir={layout.root}".encode() in cmdline


def _initial_password(settings: Settings, layout: ServerLayout) -> str:
    if settings.password is not None or settings.password_file.is_file():
        return settings.neo4j_password()
    # hex, not token_urlsafe: the admin tool takes the password as an argument, and one that
    # starts with "-" (1 in 64 of token_urlsafe's) is read as an option and refused
    password = secrets.token_hex(18)
    layout.root.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(settings.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(password + "\n")
    return password


def _set_initial_password(java: Path, lib: Path, layout: ServerLayout, password: str) -> None:
    # neo4j-admin's set-initial-password writes data/dbms/auth.ini, which the first start
    # reads, so the server never runs with the default neo4j/neo4j login. It finds the
    # server's files through NEO4J_HOME and NEO4J_CONF in its own environment.
    completed = subprocess.run(
        [str(java), "-cp", str(lib / "*"), ADMIN_TOOL, "dbms", "set-initial-password", password],
        env={**os.environ, "NEO4J_HOME": str(layout.root), "NEO4J_CONF": str(layout.conf_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip().splitlines()
        # the cause comes first, then Java's stack frames
        causes = [line.strip() for line in output if not line.strip().startswith("at ")]
        reason = causes[0] if causes else f"exit {completed.returncode}"
        raise ServerError(f"cannot set the initial Neo4j password: {reason}")


def _wait_until_ready(settings: Settings, layout: ServerLayout, pid: int) -> None:
    uri = settings.managed_uri
    deadline = time.monotonic() + START_TIMEOUT_S
    auth = (settings.user, settings.neo4j_password())
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        while True:
            try:
                # a plain session: execute_query would retry (and log) on its own
                with driver.session() as session:
                    session.run("RETURN 1").consume()
                return
            except neo4j_errors.AuthError:
                raise settings.auth_error() from None
            except (neo4j_errors.ServiceUnavailable, neo4j_errors.TransientError, OSError):
                pass
            if not _is_server(pid, layout):
                raise _exit_error(layout, pid)
            if time.monotonic() > deadline:
                raise ServerError(
                    f"Neo4j (pid {pid}) did not answer on {uri} within {START_TIMEOUT_S:.0f} s; "
                    f"see {layout.console_log}"
                )
            time.sleep(1.0)


def _exit_error(layout: ServerLayout, pid: int) -> ServerError:
    child = _CHILDREN.pop(pid, None)
    code = f" with code {child.returncode}" if child is not None else ""
    layout.pid_file.unlink(missing_ok=True)
    return ServerError(
        f"Neo4j exited during start{code}: {_last_error_line(layout.console_log)}; see "
        f"{layout.console_log}"
    )


def _last_error_line(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "no log was written"
    for line in reversed(lines):
        if "ERROR" in line or "Exception" in line:
            return line.strip()[:300]
    return "no error line in the log"
