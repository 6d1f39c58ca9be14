"""Tracking of everything a run creates, so teardown and `lab cleanup` remove only that.

Each run keeps a state file /run/vdlab/<run_id>.json listing its namespaces and the
PIDs of the processes it started (with a marker string that must still appear in the
process' command line, to guard against PID reuse). `lab cleanup`:
  * kills tracked PIDs of runs whose owner process is gone (or all with --force),
  * kills processes inside namespaces named vdlab-* (only the harness puts any there),
  * deletes namespaces named vdlab-* (of dead owners, or all with --force).
Nothing is ever killed by name.
"""
import json
import os
import re
import signal
import time

from .util import PREFIX, log, pid_alive, pid_cmdline, run, wait_for

STATE_DIR = "/run/vdlab"


class Registry:
    def __init__(self, run_id):
        self.run_id = run_id
        self.path = os.path.join(STATE_DIR, f"{run_id}.json")
        self.state = {"run_id": run_id, "owner_pid": os.getpid(), "namespaces": [], "pids": []}
        os.makedirs(STATE_DIR, exist_ok=True)
        self._save()

    def _save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.state, f, indent=1)
        os.replace(tmp, self.path)

    def add_ns(self, ns):
        assert ns.startswith(PREFIX)
        self.state["namespaces"].append(ns)
        self._save()

    def remove_ns(self, ns):
        if ns in self.state["namespaces"]:
            self.state["namespaces"].remove(ns)
            self._save()

    def add_pid(self, pid, what, marker):
        self.state["pids"].append({"pid": pid, "what": what, "marker": marker})
        self._save()

    def remove_pid(self, pid):
        self.state["pids"] = [p for p in self.state["pids"] if p["pid"] != pid]
        self._save()

    def tracked_pids(self):
        return list(self.state["pids"])

    def close(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


def list_lab_namespaces():
    out = run(["ip", "netns", "list"], check=False, quiet=True).stdout
    names = []
    for line in out.splitlines():
        name = line.split()[0] if line.split() else ""
        if name.startswith(PREFIX):
            names.append(name)
    return names


def ns_pids(ns):
    out = run(["ip", "netns", "pids", ns], check=False, quiet=True).stdout
    return [int(x) for x in out.split() if x.isdigit()]


def kill_tracked(pid, marker, what=""):
    """SIGTERM then SIGKILL one tracked PID, only if its cmdline still matches."""
    if not pid_alive(pid):
        return False
    if marker and marker not in pid_cmdline(pid):
        log(f"not killing pid {pid} ({what}): command line no longer matches")
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    end = time.monotonic() + 3
    while time.monotonic() < end and pid_alive(pid):
        time.sleep(0.05)
    if pid_alive(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return True


def kill_ns_processes(ns, grace=0.0):
    """Kill processes living in one of our namespaces (only the harness starts any there). With `grace`,
    they first get that long to end on their own: a router's notify script started by its stop
    (notify_stop) is still writing when the namespace goes."""
    assert ns.startswith(PREFIX)
    wait_for(lambda: not ns_pids(ns), grace, step=0.05)
    pids = ns_pids(ns)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            if pid_alive(pid):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        end = time.monotonic() + 2
        while time.monotonic() < end and any(pid_alive(p) for p in pids):
            time.sleep(0.05)
        pids = [p for p in pids if pid_alive(p)]
        if not pids:
            break


def delete_ns(ns, grace=0.0):
    assert ns.startswith(PREFIX)
    kill_ns_processes(ns, grace)
    run(["ip", "netns", "del", ns], check=False, quiet=True)


_OWNER_RE = re.compile(r"^" + re.escape(PREFIX) + r"(\d+)-")


def cleanup(force=False):
    """Remove leftovers of lab runs. Returns number of namespaces removed."""
    removed = 0
    if os.path.isdir(STATE_DIR):
        for fn in sorted(os.listdir(STATE_DIR)):
            if not fn.endswith(".json"):
                continue
            path = os.path.join(STATE_DIR, fn)
            try:
                with open(path) as f:
                    st = json.load(f)
            except (OSError, ValueError):
                continue
            owner = st.get("owner_pid")
            if owner and pid_alive(owner) and owner != os.getpid() and not force:
                log(f"run {st.get('run_id')} is still active (pid {owner}); skipping (use --force)")
                continue
            for p in st.get("pids", []):
                if kill_tracked(p["pid"], p.get("marker", ""), p.get("what", "")):
                    log(f"killed {p.get('what')} pid {p['pid']}")
            for ns in st.get("namespaces", []):
                if ns.startswith(PREFIX) and ns in list_lab_namespaces():
                    delete_ns(ns)
                    removed += 1
                    log(f"deleted namespace {ns}")
            os.unlink(path)
    for ns in list_lab_namespaces():
        m = _OWNER_RE.match(ns)
        if m and pid_alive(int(m.group(1))) and int(m.group(1)) != os.getpid() and not force:
            log(f"namespace {ns} belongs to a live run; skipping (use --force)")
            continue
        delete_ns(ns)
        removed += 1
        log(f"deleted namespace {ns}")
    # per-run scratch directories (pid files, nothing else): /run/vdlab-<pid>
    import shutil
    for fn in os.listdir("/run"):
        m = re.match(r"^vdlab-(\d+)$", fn)
        if m and (force or not pid_alive(int(m.group(1))) or int(m.group(1)) == os.getpid()):
            shutil.rmtree(os.path.join("/run", fn), ignore_errors=True)
            log(f"removed /run/{fn}")
    return removed
