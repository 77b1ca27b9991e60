"""Which worker process runs an upload job, and whether it still lives.

A worker killed mid-job (``kill -9``, the out-of-memory killer, a machine
restart) says nothing: its job stays "running".  A job names its worker as
``host:pid:start``, the start being the process's start time in clock ticks
since boot (``/proc/<pid>/stat``), so that a later process given the same
pid is not taken for the worker.  A worker on another machine cannot be
asked; there the job's timeout decides (``UploadJob.objects.lost``).
"""

import os
import socket


def current_worker() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{process_start(pid) or ''}"


def worker_gone(worker: str) -> bool:
    """True when ``worker`` ran on this machine and its process has ended
    (or the pid now belongs to another process)."""
    host, pid, start = (worker.split(":") + ["", "", ""])[:3]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if start:
        return process_start(int(pid)) != start
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def process_start(pid: int) -> str | None:
    """The start time of a living process, or None when there is none (a
    zombie has ended: it only waits for its parent to read its status).
    None as well where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: count after it.
    after_name = fields.rsplit(b")", 1)[1].split()
    state, start = after_name[0], after_name[19]
    if state in (b"Z", b"X"):
        return None
    return start.decode()
