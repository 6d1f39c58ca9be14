"""vrrpdump as a VRRP router (`vrrpdump --participate`): command line and process control.

The "config" is the command line, written to configs/<r>.conf; a spec with a raw_config is a
keepalived.conf (configs/<r>.keepalived.conf) that the node runs with `--participate --config`. The node logs its own events as JSON
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


def node_arguments(spec, keepalived_conf=None):
    """The --participate flags for `spec` (a RouterSpec with daemon="vrrpdump"); with `keepalived_conf`
    (the path its raw_config was written to) the node runs that file's instances instead."""
    if keepalived_conf:
        return ["--participate", "--config", keepalived_conf, "--json", "-l"] + list(spec.node_args)
    args = ["--participate", "-i", "eth0", "--vrid", str(spec.vrid), "--priority", str(spec.priority),
            "--advert-int", spec.adv_str(), "--vrrp-version", str(spec.version), "--json", "-l"]
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


# Bad adverts for VRID 51 (VRRPv2, VIP 192.0.2.223, interval 1 s), sent with a raw IP socket
# (IP_HDRINCL, so TTL and source are ours) from a lab namespace's eth0: the Python standard library
# does what scapy would. One of each kind every INTERVAL, COUNT times.
INJECT_CODE = r"""
import socket, struct, sys, time
count, interval = int(sys.argv[1]), float(sys.argv[2])
def checksum(data):
    if len(data) % 2: data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16: s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
def vrrp(priority, password, good_checksum=True):
    body = struct.pack("!BBBBBBH", 0x21, 51, priority, 1, 1, 1, 0) + socket.inet_aton("192.0.2.223") + password.ljust(8, b"\0")
    c = checksum(body) if good_checksum else (checksum(body) ^ 0x5A5A)
    return body[:6] + struct.pack("!H", c) + body[8:]
def ip(source, ttl, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(payload), 0, 0, ttl, 112, 0,
                    socket.inet_aton(source), socket.inet_aton("224.0.0.18"))
    return h[:10] + struct.pack("!H", checksum(h)) + h[12:] + payload
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"eth0")
me = "192.0.2.150"
kinds = [ip(me, 255, vrrp(100, b"wrong")),                  # wrong auth
         ip(me, 64, vrrp(100, b"1111")),                    # TTL 64
         ip(me, 255, vrrp(100, b"1111", good_checksum=False)),  # bad checksum
         ip("192.0.2.77", 255, vrrp(255, b"bad"))]          # priority 255, unknown source, wrong auth
print("ready", flush=True)
start = time.monotonic()
for n in range(count):
    for packet in kinds:
        s.sendto(packet, ("224.0.0.18", 0))
    time.sleep(max(0, start + (n + 1) * interval - time.monotonic()))
print("sent", count, flush=True)
"""


def inject_bad_adverts(ns, count, interval, registry):
    """Sends `count` of each bad advert kind from `ns`, one round every `interval` s; returns
    (start, end) epoch times."""
    proc = subprocess.Popen(["ip", "netns", "exec", ns, "/usr/bin/python3", "-c", INJECT_CODE, str(count), str(interval)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    registry.add_pid(proc.pid, f"bad-advert injector in {ns}", "inet_aton")
    if "ready" not in proc.stdout.readline():
        raise RuntimeError(f"injector failed: {proc.stderr.read()}")
    start = time.time()
    out, err = proc.communicate(timeout=count * interval + 30)
    registry.remove_pid(proc.pid)
    if proc.returncode != 0 or f"sent {count}" not in out:
        raise RuntimeError(f"injector failed ({proc.returncode}): {err}")
    return start, time.time()
