"""vrrpdump as a VRRP router (`vrrpdump --participate`): command line and process control.

The "config" is the command line, written to configs/<r>.conf. The node logs its own events as JSON
lines (`--json`) to logs/<r>.log: its transitions (master, backup, initialize, fault), what it heard,
notes and counters at the end.
  start         = ip netns exec NS VRRPDUMP --participate -i eth0 ... --json (it listens three
                  master-down intervals before it joins: `listen_time` says how long)
  graceful stop = SIGTERM: a master sends priority 0, removes its addresses, exits 0
  crash         = SIGKILL: nothing more is sent; its state file lets the next start clean up
  pause/resume  = SIGSTOP / SIGCONT
"""
import os
import shlex
import shutil
import signal
import subprocess
import time

from .util import end_process, log, nsrun, wait_for


def node_arguments(spec):
    """The --participate flags for `spec` (a RouterSpec with daemon="vrrpdump")."""
    args = ["--participate", "-i", "eth0", "--vrid", str(spec.vrid), "--priority", str(spec.priority),
            "--advert-int", spec.adv_str(), "--version", str(spec.version), "--json", "-l"]
    for vip in spec.vips:
        args += ["--vip", vip]
    if spec.auth_pass is not None and spec.version == 2:
        args += ["--auth-pass", spec.auth_pass]
    if spec.nopreempt:
        args.append("--nopreempt")
    return args + list(spec.node_args)


def listen_time(spec):
    """How long the node listens before it joins: three of its master-down intervals."""
    return 3 * spec.master_down()


class VrrpdumpNode:
    def __init__(self, spec, ns, conf_path, log_path, rundir, registry, binary):
        if not binary:
            raise RuntimeError(f"{spec.name}: a vrrpdump router needs --vrrpdump PATH")
        self.spec = spec
        self.ns = ns
        self.log_path = log_path
        self.registry = registry
        self.binary = os.path.abspath(binary)
        self.proc = None
        with open(conf_path) as f:
            self.args = shlex.split(f.read().split("\n", 1)[1])

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        """Starts the node; returns the epoch time right after it was spawned."""
        if self.running():
            raise RuntimeError(f"{self.spec.name}: vrrpdump already running")
        cmd = ["ip", "netns", "exec", self.ns, self.binary] + self.args
        with open(self.log_path, "a") as logf:
            self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        ts = time.time()
        self.registry.add_pid(self.proc.pid, f"vrrpdump node {self.spec.name}", "--participate")
        if wait_for(lambda: self.proc.poll() is not None, 0.3):
            raise RuntimeError(f"{self.spec.name}: vrrpdump exited at start, see {self.log_path}")
        log(f"{self.spec.name}: vrrpdump --participate pid {self.proc.pid}")
        return ts

    def _end(self, signo, timeout):
        if not self.running():
            return None
        ts = end_process(self.proc, signo, timeout, f"{self.spec.name}: pid {self.proc.pid}")
        self.registry.remove_pid(self.proc.pid)
        self.proc = None
        return ts

    def stop(self, timeout=10):
        return self._end(signal.SIGTERM, timeout)

    def crash(self, mode="full"):
        if not self.running():
            raise RuntimeError(f"{self.spec.name}: not running")
        return self._end(signal.SIGKILL, 3)

    def signal(self, signo):
        """Sends `signo` (SIGSTOP, SIGCONT, SIGUSR1); returns the time."""
        if not self.running():
            raise RuntimeError(f"{self.spec.name}: not running")
        self.proc.send_signal(signo)
        return time.time()

    def kill_all(self):
        if self.running():
            self.proc.send_signal(signal.SIGCONT)
            self.stop(timeout=5)
        # A crashed node's state file (the next start would have cleaned up after it) goes with the namespace.
        try:
            inode = nsrun(self.ns, ["stat", "-L", "-c", "%i", "/proc/self/ns/net"]).stdout.strip()
            shutil.rmtree(f"/run/vrrpdump/net-{inode}", ignore_errors=True)
        except (OSError, subprocess.CalledProcessError):
            pass
