"""FRR's vrrpd: config rendering and process control (zebra + vrrpd per router namespace).

vrrpd needs zebra in the same namespace and, per virtual router, a macvlan on eth0 in bridge mode
carrying the virtual MAC (00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6) and the
virtual addresses; `addrgenmode random` is set in a separate `ip link set` call. vrrpd finds the
macvlan by its MAC and keeps it protodown while it is not master.
Over IPv6 vrrpd sends from a link-local address of the macvlan: the random one once it is usable.
Started earlier, it picked the virtual fe80:: address in one trial and held its first advert back
for about a second in another (while a backup claimed master), so the macvlan is made, and its own
link-local awaited, before anything starts; `source` is that address.
  start         = zebra, then vrrpd once zebra's socket exists (both in the foreground, logging to
                  stdout, run as the frr user with their sockets in a directory of this run)
  graceful stop = SIGTERM to vrrpd: a master sends priority 0 ("'Shutdown' event"), then zebra stops
  crash         = SIGKILL to vrrpd and zebra: nothing more is sent
"""
import json
import os
import shutil
import signal
import subprocess
import time

from .util import end_process, log, nsrun, wait_for

ZEBRA = "/usr/lib/frr/zebra"
VRRPD = "/usr/lib/frr/vrrpd"


def render_frr_config(spec, scenario, seed_note=""):
    """vrrpd.conf for `spec` (VRRPv2 or v3 over IPv4, v3 over IPv6; FRR has no authentication)."""
    if spec.auth_pass is not None and spec.version == 2:
        raise ValueError(f"{spec.name}: FRR's vrrpd has no authentication; set auth_pass=None")
    L = [f"! vrrplab: FRR vrrpd config for {spec.name} in scenario '{scenario}'"]
    L += [f"! {line}" for line in seed_note.splitlines()]
    if spec.comment:
        L.append(f"! {spec.comment}")
    L.append(f"hostname {spec.name}")
    L.append("log stdout informational")
    L.append("interface eth0")
    v = spec.vrid
    L.append(f" vrrp {v} version {spec.version}")
    L.append(f" vrrp {v} priority {spec.priority}")
    L.append(f" vrrp {v} advertisement-interval {int(round(float(spec.advert_int) * 1000))}")
    if spec.nopreempt:
        L.append(f" no vrrp {v} preempt")
    keyword = "ipv6" if spec.family == "inet6" else "ip"
    for vip in spec.vips:
        L.append(f" vrrp {v} {keyword} {vip.split('/')[0]}")
    return "\n".join(L) + "\n"


def config_check(conf):
    """`vrrpd --dryrun`: exit status and output, like `keepalived -t`."""
    p = subprocess.run([VRRPD, "-C", "-f", conf], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


class FRRRouter:
    def __init__(self, spec, ns, conf_path, log_path, rundir, registry):
        self.spec = spec
        self.ns = ns
        self.log_path = log_path
        self.zebra_log = log_path[:-len(".log")] + ".zebra.log"
        self.registry = registry
        # frr (the user the daemons drop to) must reach its config, sockets and pid files
        self.dir = os.path.join(rundir, f"{spec.name}-frr")
        os.makedirs(self.dir, exist_ok=True)
        shutil.chown(self.dir, "frr", "frr")
        self.conf = os.path.join(self.dir, "vrrpd.conf")
        shutil.copyfile(conf_path, self.conf)
        self.zebra_conf = os.path.join(self.dir, "zebra.conf")
        with open(self.zebra_conf, "w") as f:
            f.write(f"hostname {spec.name}\n")
        for path in (self.conf, self.zebra_conf):
            os.chmod(path, 0o644)
        self.socket = os.path.join(self.dir, "zserv.api")
        self.zebra = None
        self.vrrpd = None
        self.source = self._macvlan()

    def running(self):
        return self.vrrpd is not None and self.vrrpd.poll() is None

    def _macvlan(self):
        """Makes the macvlan; returns its own usable link-local address over IPv6, else None."""
        v6 = self.spec.family == "inet6"
        name = f"vrrp{6 if v6 else 4}-{self.spec.vrid}"
        nsrun(self.ns, ["ip", "link", "add", name, "link", "eth0", "type", "macvlan", "mode", "bridge"])
        nsrun(self.ns, ["ip", "link", "set", name, "address", f"00:00:5e:00:0{2 if v6 else 1}:{self.spec.vrid:02x}"])
        nsrun(self.ns, ["ip", "link", "set", name, "addrgenmode", "random"])
        for vip in self.spec.vips:
            nsrun(self.ns, ["ip", "addr", "add", vip, "dev", name] + (["nodad"] if v6 else []))
        nsrun(self.ns, ["ip", "link", "set", name, "up"])
        if not v6:
            return None
        virtual = {vip.split("/")[0] for vip in self.spec.vips}

        def own():
            shown = json.loads(nsrun(self.ns, ["ip", "-6", "-j", "addr", "show", "dev", name, "scope", "link"]).stdout)
            return next((a["local"] for link in shown for a in link.get("addr_info", [])
                         if a.get("local") not in virtual | {None} and not a.get("tentative")), None)
        if not wait_for(lambda: own() is not None, 10):
            raise RuntimeError(f"{self.spec.name}: {name} got no usable link-local address")
        return own()

    def _spawn(self, binary, conf, log_path, what):
        cmd = ["ip", "netns", "exec", self.ns, binary, "-f", conf, "-i", os.path.join(self.dir, f"{what}.pid"),
               "-z", self.socket, "--vty_socket", self.dir, "--log", "stdout"]
        with open(log_path, "a") as logf:
            proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        self.registry.add_pid(proc.pid, f"{what} {self.spec.name}", conf)
        return proc

    def start(self):
        """Start zebra and vrrpd; returns the epoch time right after vrrpd was spawned."""
        if self.running():
            raise RuntimeError(f"{self.spec.name}: vrrpd already running")
        try:
            os.unlink(self.socket)
        except FileNotFoundError:
            pass
        self.zebra = self._spawn(ZEBRA, self.zebra_conf, self.zebra_log, "zebra")
        if not wait_for(lambda: os.path.exists(self.socket) or self.zebra.poll() is not None, 10):
            raise RuntimeError(f"{self.spec.name}: zebra did not open its socket, see {self.zebra_log}")
        if self.zebra.poll() is not None:
            raise RuntimeError(f"{self.spec.name}: zebra exited at start, see {self.zebra_log}")
        self.vrrpd = self._spawn(VRRPD, self.conf, self.log_path, "vrrpd")
        ts = time.time()
        if wait_for(lambda: self.vrrpd.poll() is not None, 0.5):
            raise RuntimeError(f"{self.spec.name}: vrrpd exited at start, see {self.log_path}")
        log(f"{self.spec.name}: zebra pid {self.zebra.pid}, vrrpd pid {self.vrrpd.pid}")
        return ts

    def _end(self, proc, signo, timeout):
        if proc is None or proc.poll() is not None:
            return
        end_process(proc, signo, timeout, f"{self.spec.name}: pid {proc.pid}")
        self.registry.remove_pid(proc.pid)

    def stop(self, timeout=10):
        """Graceful stop: SIGTERM to vrrpd, then to zebra. Returns the epoch time of the first signal."""
        if not self.running():
            return None
        ts = time.time()
        self._end(self.vrrpd, signal.SIGTERM, timeout)
        self._end(self.zebra, signal.SIGTERM, timeout)
        self.vrrpd = self.zebra = None
        return ts

    def crash(self, mode="full"):
        """SIGKILL vrrpd and zebra (no priority 0). Returns the epoch time of the kill."""
        if not self.running():
            raise RuntimeError(f"{self.spec.name}: not running")
        ts = time.time()
        self._end(self.vrrpd, signal.SIGKILL, 3)
        self._end(self.zebra, signal.SIGKILL, 3)
        self.vrrpd = self.zebra = None
        return ts

    def kill_all(self):
        """Teardown helper: stop whatever is left of this router's FRR."""
        if self.running():
            self.stop(timeout=5)
        self._end(self.zebra, signal.SIGTERM, 5)
        self.vrrpd = self.zebra = None
