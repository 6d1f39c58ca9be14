"""Injected actions: the action log, the nftables "cable cutter" in the switch, TCP check listeners."""
import signal
import subprocess
import time

from .util import append_jsonl, end_process, log, nsrun

NFT_TABLE = "vdlab"


class ActionLog:
    """actions.jsonl: one JSON object per injected action, ts = time.time() right when it was done."""

    def __init__(self, path):
        self.path = path
        self.entries = []
        open(path, "w").close()

    def record(self, action, ts=None, **fields):
        entry = {"ts": round(ts if ts is not None else time.time(), 6), "action": action}
        entry.update({k: v for k, v in fields.items() if v is not None})
        entry["seq"] = len(self.entries)
        self.entries.append(entry)
        append_jsonl(self.path, entry)
        log(f"action {action} {fields.get('router', '')} {fields.get('detail', '')}".rstrip())
        return entry


class Firewall:
    """Bridge-family nftables in the switch namespace: drop frames between two router ports."""

    def __init__(self, switch_ns):
        self.ns = switch_ns
        self.ready = False

    def _setup(self):
        if self.ready:
            return
        nsrun(self.ns, ["nft", "-f", "-"], input=(
            f"table bridge {NFT_TABLE} {{\n"
            f"  chain forward {{ type filter hook forward priority 0; policy accept; }}\n"
            f"}}\n"))
        self.ready = True

    def block(self, port_a, port_b):
        """Drop everything between port_a and port_b in both directions (observer still sees both)."""
        self._setup()
        rules = (f"add rule bridge {NFT_TABLE} forward iifname \"{port_a}\" oifname \"{port_b}\" counter drop\n"
                 f"add rule bridge {NFT_TABLE} forward iifname \"{port_b}\" oifname \"{port_a}\" counter drop\n")
        nsrun(self.ns, ["nft", "-f", "-"], input=rules)
        return time.time()

    def heal(self):
        self._setup()
        nsrun(self.ns, ["nft", "flush", "chain", "bridge", NFT_TABLE, "forward"])
        return time.time()


LISTENER_CODE = (
    "import socket,sys\n"
    "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
    "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(64)\n"
    "print('ready', flush=True)\n"
    "while True:\n"
    "    c, _ = s.accept(); c.close()\n"
)


class CheckListener:
    """A tiny TCP listener on 127.0.0.1:PORT inside a router namespace (the 'service' a
    vrrp_script checks, like the seed's port 80 / 3306 checks)."""

    def __init__(self, ns, router, port, registry):
        self.ns = ns
        self.router = router
        self.port = port
        self.registry = registry
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", self.ns, "/usr/bin/python3", "-c", LISTENER_CODE, str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            text=True, start_new_session=True)
        self.registry.add_pid(self.proc.pid, f"listener {self.router}:{self.port}", "socket,sys")
        line = self.proc.stdout.readline()
        if "ready" not in line:
            raise RuntimeError(f"listener {self.router}:{self.port} failed to start")
        return time.time()

    def stop(self):
        if self.proc is None:
            return None
        ts = end_process(self.proc, signal.SIGTERM, 5, f"listener {self.router}:{self.port}")
        self.registry.remove_pid(self.proc.pid)
        self.proc.stdout.close()
        self.proc = None
        return ts
