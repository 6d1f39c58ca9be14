"""keepalived: config rendering and process control (one keepalived per router namespace).

Start command (as required): ip netns exec NS keepalived -n -l -D -P -f CONF -p PIDFILE -r VRRP_PIDFILE
  graceful stop = SIGTERM to the parent (PIDFILE): the VRRP child sends priority 0 and exits
  crash         = the VRRP child dies without priority 0. keepalived 2.2.7's parent respawns a
                  killed VRRP child at once ("Restart of VRRP process delayed 0 seconds"), so
                  mode "full" (default) first SIGSTOPs the parent, SIGKILLs the VRRP child, then
                  SIGKILLs the parent: nothing is sent and nothing comes back until `start`.
                  mode "child" only SIGKILLs the child and lets the parent respawn it.
"""
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import List, Optional

from .util import end_process, log, pid_alive, wait_for

KEEPALIVED = "/usr/sbin/keepalived"


@dataclass
class TrackScript:
    name: str            # chk_http_port
    port: int            # TCP port checked on 127.0.0.1 inside the router namespace
    weight: int = -2
    interval: int = 1

    def script(self):
        # the seed's `script "</dev/tcp/127.0.0.1/80"` needs a shell; keepalived runs the
        # command itself, so wrap it in bash (the /dev/tcp redirection is a bash feature)
        return f"/bin/bash -c '</dev/tcp/127.0.0.1/{self.port}'"


@dataclass
class RouterSpec:
    name: str
    priority: int
    state: str = "BACKUP"
    vrid: int = 51
    advert_int: float = 1
    version: int = 2
    family: str = "inet"                  # inet | inet6
    auth_pass: Optional[str] = "1111"     # PASS auth (VRRPv2 only); None = no auth
    vips: List[str] = field(default_factory=lambda: ["192.0.2.223/24"])
    nopreempt: bool = False
    track: List[TrackScript] = field(default_factory=list)
    instance: str = "VI_1"
    cluster: str = "A"
    comment: str = ""
    raw_config: Optional[str] = None      # use this text verbatim instead of rendering
    auth_effective: Optional[str] = "same"  # for raw configs: what keepalived really sends
    daemon: str = "keepalived"            # keepalived | frr (FRR's vrrpd, see frr.py) | vrrpdump (node.py)
    node_args: List[str] = field(default_factory=list)  # extra `vrrpdump --participate` flags
    global_extra: List[str] = field(default_factory=list)  # extra keepalived global_defs lines

    def adv_str(self):
        a = float(self.advert_int)
        return str(int(a)) if a == int(a) else f"{a:g}"

    def skew(self):
        """RFC 3768 (v2): (256 - prio) / 256 s, independent of advert_int;
        RFC 5798 (v3): (256 - prio) * Master_Adver_Interval / 256."""
        if self.version == 2:
            return (256 - self.priority) / 256.0
        return (256 - self.priority) * float(self.advert_int) / 256.0

    def master_down(self):
        return 3 * float(self.advert_int) + self.skew()


def render_config(spec: RouterSpec, scenario: str, seed_note: str = "") -> str:
    L = []
    L.append(f"! vrrplab: keepalived 2.2.7 config for {spec.name} in scenario '{scenario}'")
    if seed_note:
        for line in seed_note.splitlines():
            L.append(f"! {line}")
    if spec.comment:
        L.append(f"! {spec.comment}")
    L.append("global_defs {")
    L.append(f"    router_id {spec.name}")
    L.append(f"    vrrp_version {spec.version}")
    if spec.track:
        L.append("    enable_script_security")
        L.append("    script_user root")
    for line in spec.global_extra:
        L.append(f"    {line}")
    L.append("}")
    L.append("")
    for t in spec.track:
        L.append(f"vrrp_script {t.name} {{")
        L.append(f"    script \"{t.script()}\"")
        L.append(f"    interval {t.interval}")
        L.append(f"    weight {t.weight}")
        L.append("}")
        L.append("")
    L.append(f"vrrp_instance {spec.instance} {{")
    L.append(f"    state {spec.state}")
    L.append("    interface eth0")
    L.append(f"    virtual_router_id {spec.vrid}")
    L.append(f"    priority {spec.priority}")
    L.append(f"    advert_int {spec.adv_str()}")
    if spec.nopreempt:
        L.append("    nopreempt")
    if spec.auth_pass is not None and spec.version == 2:
        L.append("    authentication {")
        L.append("        auth_type PASS")
        L.append(f"        auth_pass {spec.auth_pass}")
        L.append("    }")
    L.append("    virtual_ipaddress {")
    for v in spec.vips:
        L.append(f"        {v}")
    L.append("    }")
    if spec.track:
        L.append("    track_script {")
        for t in spec.track:
            L.append(f"        {t.name}")
        L.append("    }")
    L.append("}")
    return "\n".join(L) + "\n"


class Keepalived:
    def __init__(self, spec, ns, conf_path, log_path, rundir, registry):
        self.spec = spec
        self.ns = ns
        self.conf = conf_path
        self.log_path = log_path
        self.pidfile = os.path.join(rundir, f"{spec.name}.pid")
        self.vrrp_pidfile = os.path.join(rundir, f"{spec.name}.vrrp.pid")
        self.registry = registry
        self.proc = None
        self.child_pid = None

    @staticmethod
    def _read_pid(path):
        try:
            with open(path) as f:
                return int(f.read().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        """Start keepalived; returns the epoch time right after the process was spawned."""
        if self.running():
            raise RuntimeError(f"{self.spec.name}: keepalived already running")
        for p in (self.pidfile, self.vrrp_pidfile):
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass
        cmd = ["ip", "netns", "exec", self.ns, KEEPALIVED, "-n", "-l", "-D", "-P",
               "-f", self.conf, "-p", self.pidfile, "-r", self.vrrp_pidfile]
        logf = open(self.log_path, "a")
        self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        ts = time.time()
        logf.close()
        self.registry.add_pid(self.proc.pid, f"keepalived {self.spec.name}", self.conf)
        if not wait_for(lambda: self._read_pid(self.vrrp_pidfile) is not None or not self.running(), 5):
            log(f"{self.spec.name}: VRRP pidfile did not appear")
        self.child_pid = self._read_pid(self.vrrp_pidfile)
        if not self.running():
            raise RuntimeError(f"{self.spec.name}: keepalived exited at start, see {self.log_path}")
        if self.child_pid:
            self.registry.add_pid(self.child_pid, f"keepalived-vrrp {self.spec.name}", self.conf)
        log(f"{self.spec.name}: keepalived pid {self.proc.pid}, vrrp child {self.child_pid}")
        return ts

    def _forget(self):
        if self.proc is not None:
            self.registry.remove_pid(self.proc.pid)
        if self.child_pid:
            self.registry.remove_pid(self.child_pid)
        self.proc = None
        self.child_pid = None

    def stop(self, timeout=10):
        """Graceful stop: SIGTERM to the parent. Returns epoch time of the signal."""
        if not self.running():
            return None
        ts = end_process(self.proc, signal.SIGTERM, timeout, f"{self.spec.name}: keepalived")
        if self.child_pid:
            wait_for(lambda: not pid_alive(self.child_pid), 3)
        self._forget()
        return ts

    def crash(self, mode="full"):
        """SIGKILL the VRRP child (no priority 0). Returns epoch time of the kill."""
        if not self.running():
            raise RuntimeError(f"{self.spec.name}: not running")
        child = self._read_pid(self.vrrp_pidfile) or self.child_pid
        if mode == "child":
            os.kill(child, signal.SIGKILL)
            ts = time.time()
            # parent respawns; pick up the new child pid
            wait_for(lambda: (self._read_pid(self.vrrp_pidfile) or child) != child, 5)
            self.registry.remove_pid(child)
            self.child_pid = self._read_pid(self.vrrp_pidfile)
            if self.child_pid and self.child_pid != child:
                self.registry.add_pid(self.child_pid, f"keepalived-vrrp {self.spec.name}", self.conf)
            return ts
        os.kill(self.proc.pid, signal.SIGSTOP)     # no respawn while stopped
        os.kill(child, signal.SIGKILL)
        ts = time.time()
        wait_for(lambda: not pid_alive(child), 3)
        self.proc.kill()                          # SIGKILL works on a stopped process
        self.proc.wait()
        self._forget()
        return ts

    def kill_all(self):
        """Teardown helper: stop whatever is left of this keepalived."""
        if self.running():
            self.stop(timeout=5)
        if self.child_pid and pid_alive(self.child_pid):
            try:
                os.kill(self.child_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._forget()
