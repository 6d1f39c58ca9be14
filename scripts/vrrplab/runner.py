"""One scenario run: topology + keepalived routers + capture + action log + expected story.

A scenario is a script of timed steps (run.at(seconds) then an action). Every action is logged
to actions.jsonl with its epoch timestamp, and the scenario declares, right after each action,
the master change that action must cause; the expectation's timing bounds are computed from
the action's real timestamp and the VRRP timers (RFC 3768/5798):
  skew = (256 - priority) * advert_int / 256, master_down = 3 * advert_int + skew
"""
import atexit
import json
import shlex
import os
import shutil
import signal
import subprocess
import time

from .actions import ActionLog, CheckListener, Firewall
from .capture import Capture
from .frr import VRRPD, FRRRouter, config_check as frr_config_check, render_frr_config
from .keepalived import Keepalived, render_config
from .node import VrrpdumpNode, inject_bad_adverts, node_arguments
from .registry import Registry
from .topology import HOSTS, Topology
from .util import log, nsrun, write_json

_ACTIVE_RUNS = []


def _signal_handler(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def _atexit():
    for r in list(_ACTIVE_RUNS):
        r.teardown()


atexit.register(_atexit)


def keepalived_version():
    try:
        out = subprocess.run(["keepalived", "-v"], capture_output=True, text=True)
        return (out.stdout + out.stderr).splitlines()[0].strip()
    except (OSError, IndexError):
        return "unknown"


def frr_version():
    try:
        out = subprocess.run([VRRPD, "--version"], capture_output=True, text=True)
        return (out.stdout + out.stderr).splitlines()[0].strip()
    except (OSError, IndexError):
        return "unknown"


class Run:
    def __init__(self, scenario, outdir, capture="tcpdump", vrrpdump=None, run_id=None, metrics=False):
        self.sc = scenario
        self.out = os.path.abspath(outdir)
        self.capture_kind = capture
        self.vrrpdump = vrrpdump
        self.metrics = metrics
        self.run_id = run_id or str(os.getpid())
        self.routers = {}        # name -> Keepalived
        self.listeners = {}      # (name, port) -> CheckListener
        self.expected = []
        self.split_brains = []
        self.t0 = None
        self.torn_down = False
        self.rundir = f"/run/vdlab-{self.run_id}"

    # ---------- addresses ----------
    def spec(self, name):
        return self.sc.router(name)

    def ip(self, name):
        """The address the router's adverts come from."""
        s = self.spec(name)
        h = HOSTS[name]
        if s.family != "inet6":
            return h.ip4
        return getattr(self.routers.get(name), "source", None) or h.linklocal

    # ---------- lifecycle ----------
    def setup(self):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, _signal_handler)
        _ACTIVE_RUNS.append(self)
        if os.path.isdir(self.out):
            for sub in ("configs", "logs"):
                shutil.rmtree(os.path.join(self.out, sub), ignore_errors=True)
            for fn in ("capture.pcap", "actions.jsonl", "scenario.json", "vrrpdump.jsonl"):
                try:
                    os.unlink(os.path.join(self.out, fn))
                except FileNotFoundError:
                    pass
        os.makedirs(os.path.join(self.out, "configs"), exist_ok=True)
        os.makedirs(os.path.join(self.out, "logs"), exist_ok=True)
        os.makedirs(self.rundir, exist_ok=True)
        self.registry = Registry(self.run_id)
        self.topo = Topology(self.run_id, self.registry, [r.name for r in self.sc.routers])
        self.topo.setup()
        self.firewall = Firewall(self.topo.switch_ns)
        self.actions = ActionLog(os.path.join(self.out, "actions.jsonl"))
        for spec in self.sc.routers:
            self.routers[spec.name] = self._router(spec)
            for t in spec.track:
                lst = CheckListener(self.topo.router_ns(spec.name), spec.name, t.port, self.registry)
                lst.start()
                self.listeners[(spec.name, t.name)] = lst
        self.cap = Capture(self.capture_kind, self.topo.obs_ns, self.out, self.registry, self.vrrpdump, self.metrics)
        self.cap.start()
        self.t0 = time.time()

    def _router(self, spec):
        """Writes and checks the router's config (`keepalived -t`, `vrrpd --dryrun`); its process control."""
        frr = spec.daemon == "frr"
        conf = os.path.join(self.out, "configs", f"{spec.name}.conf")
        if spec.daemon == "vrrpdump":
            keepalived_conf = None
            if spec.raw_config is not None:
                keepalived_conf = os.path.join(self.out, "configs", f"{spec.name}.keepalived.conf")
                with open(keepalived_conf, "w") as f:
                    f.write(spec.raw_config.replace("@OUT@", self.out))
            with open(conf, "w") as f:
                f.write(f"# vrrplab: vrrpdump --participate flags for {spec.name} in scenario '{self.sc.name}'\n")
                f.write(shlex.join(a.replace("@OUT@", self.out) for a in node_arguments(spec, keepalived_conf)) + "\n")
            with open(os.path.join(self.out, "logs", f"{spec.name}.configtest.txt"), "w") as f:
                f.write("vrrpdump --participate checks its flags (and --config file) when it starts\n")
            return VrrpdumpNode(spec, self.topo.router_ns(spec.name), conf,
                                os.path.join(self.out, "logs", f"{spec.name}.log"), self.rundir, self.registry,
                                self.vrrpdump)
        with open(conf, "w") as f:
            if spec.raw_config is not None:
                f.write(spec.raw_config.replace("@OUT@", self.out))
            elif frr:
                f.write(render_frr_config(spec, self.sc.name, self.sc.seed_mapping))
            else:
                f.write(render_config(spec, self.sc.name, self.sc.seed_mapping))
        if frr:
            command, (status, output) = "vrrpd -C -f", frr_config_check(conf)
        else:
            chk = subprocess.run(["keepalived", "-t", "-f", conf], capture_output=True, text=True)
            command, status, output = "keepalived -t -f", chk.returncode, chk.stdout + chk.stderr
        with open(os.path.join(self.out, "logs", f"{spec.name}.configtest.txt"), "w") as f:
            f.write(f"$ {command} configs/{spec.name}.conf  -> exit {status}\n")
            f.write(output.replace(self.out + "/", ""))
        if status != 0 and spec.raw_config is None:
            raise RuntimeError(f"{command} rejected {conf}:\n{output}")
        kind = FRRRouter if frr else Keepalived
        return kind(spec, self.topo.router_ns(spec.name), conf, os.path.join(self.out, "logs", f"{spec.name}.log"),
                    self.rundir, self.registry)

    def at(self, offset):
        """Sleep until `offset` seconds after the capture started."""
        delay = self.t0 + offset - time.time()
        if delay > 0:
            time.sleep(delay)

    def t_offset(self):
        """Seconds since the capture started."""
        return time.time() - self.t0

    def teardown(self):
        if self.torn_down:
            return
        self.torn_down = True
        log("teardown")
        try:
            if getattr(self, "cap", None):
                self.cap.stop()
        except Exception as e:  # noqa: BLE001
            log(f"capture stop failed: {e}")
        for k in self.routers.values():
            try:
                k.kill_all()
            except Exception as e:  # noqa: BLE001
                log(f"stopping {k.spec.name} failed: {e}")
        for lst in self.listeners.values():
            try:
                lst.stop()
            except Exception as e:  # noqa: BLE001
                log(f"listener stop failed: {e}")
        if getattr(self, "registry", None):
            from .registry import kill_tracked
            for p in self.registry.tracked_pids():
                kill_tracked(p["pid"], p["marker"], p["what"])
                self.registry.remove_pid(p["pid"])
        if getattr(self, "topo", None):
            self.topo.teardown()
        shutil.rmtree(self.rundir, ignore_errors=True)
        if getattr(self, "registry", None):
            self.registry.close()
        if self in _ACTIVE_RUNS:
            _ACTIVE_RUNS.remove(self)

    # ---------- actions ----------
    def start(self, name, **extra):
        ts = self.routers[name].start()
        return self.actions.record("start", ts, router=name, ip=self.ip(name), **extra)

    def stop(self, name, **extra):
        ts = self.routers[name].stop()
        detail = {"frr": "SIGTERM to vrrpd (sends priority 0), then to zebra",
                  "vrrpdump": "SIGTERM to vrrpdump --participate (a master sends priority 0)"}.get(
            self.spec(name).daemon, "SIGTERM to keepalived parent: VRRP child sends priority 0")
        return self.actions.record("stop", ts, router=name, ip=self.ip(name), detail=detail, **extra)

    def crash(self, name, mode="full", **extra):
        ts = self.routers[name].crash(mode)
        detail = ("SIGSTOP parent, SIGKILL VRRP child, SIGKILL parent (no priority 0, no respawn)"
                  if mode == "full" else "SIGKILL VRRP child only (parent respawns it)")
        if self.spec(name).daemon == "vrrpdump":
            detail = "SIGKILL to vrrpdump --participate (no priority 0, addresses left behind)"
        return self.actions.record("crash", ts, router=name, ip=self.ip(name), mode=mode,
                                   detail=detail, **extra)

    def pause(self, name):
        """SIGSTOP to a vrrpdump node."""
        ts = self.routers[name].signal(signal.SIGSTOP)
        return self.actions.record("pause", ts, router=name, ip=self.ip(name), detail="SIGSTOP")

    def resume(self, name):
        ts = self.routers[name].signal(signal.SIGCONT)
        return self.actions.record("resume", ts, router=name, ip=self.ip(name), detail="SIGCONT")

    def reload(self, name, config):
        """Rewrites a vrrpdump router's keepalived.conf and sends it SIGHUP."""
        with open(os.path.join(self.out, "configs", f"{name}.keepalived.conf"), "w") as f:
            f.write(config.replace("@OUT@", self.out))
        ts = self.routers[name].signal(signal.SIGHUP)
        return self.actions.record("reload", ts, router=name, ip=self.ip(name),
                                   detail="keepalived.conf rewritten, SIGHUP to vrrpdump --participate --config")

    def link(self, name, ifname, up):
        """Sets an interface of the router's namespace up or down: on first use a veth pair IFNAME /
        IFNAME-p made inside it (no dummy module on every kernel), both up."""
        ns = self.topo.router_ns(name)
        if nsrun(ns, ["ip", "link", "show", ifname], check=False).returncode != 0:
            nsrun(ns, ["ip", "link", "add", ifname, "type", "veth", "peer", "name", f"{ifname}-p"])
            nsrun(ns, ["ip", "link", "set", f"{ifname}-p", "up"])
        nsrun(ns, ["ip", "link", "set", ifname, "up" if up else "down"])
        return self.actions.record("link-up" if up else "link-down", time.time(), router=name, ip=self.ip(name),
                                   interface=ifname, detail=f"veth {ifname} inside the router's namespace")

    def addresses(self, name, ifname="eth0"):
        """Records the addresses on an interface of the router's namespace (with their labels) as an action."""
        shown = json.loads(nsrun(self.topo.router_ns(name), ["ip", "-j", "addr", "show", "dev", ifname]).stdout)
        found = [{"address": f"{a['local']}/{a['prefixlen']}", "label": a.get("label")}
                 for link in shown for a in link.get("addr_info", [])]
        return self.actions.record("addresses", time.time(), router=name, ip=self.ip(name), interface=ifname,
                                   addresses=found)

    def links(self, name):
        """Records the router's links (name, MAC, kind, addresses) and eth0's ARP sysctls as an action."""
        ns = self.topo.router_ns(name)
        shown = json.loads(nsrun(ns, ["ip", "-j", "-d", "addr", "show"]).stdout)
        found = [{"name": link["ifname"], "mac": link.get("address"), "kind": link.get("linkinfo", {}).get("info_kind"),
                  "addresses": [f"{a['local']}/{a['prefixlen']}" for a in link.get("addr_info", [])]} for link in shown]
        sysctls = {key: int(nsrun(ns, ["sysctl", "-n", f"net.ipv4.conf.eth0.{key}"]).stdout.strip())
                   for key in ("arp_ignore", "arp_announce")}
        return self.actions.record("links", time.time(), router=name, ip=self.ip(name), links=found, sysctls=sysctls)

    def inject(self, name, count, interval):
        """Bad adverts from `name`'s namespace (see node.INJECT_CODE): `count` of each of four kinds."""
        start, end = inject_bad_adverts(self.topo.router_ns(name), count, interval, self.registry)
        return self.actions.record("inject", start, router=name, ip=self.ip(name), count=count, end=round(end, 6),
                                   kinds=["wrong-auth", "ttl-64", "bad-checksum", "owner-unknown-source-wrong-auth"])

    def admin_address(self, name, address):
        """An administrator's own address on the router's eth0 (`ip addr add`), which must survive."""
        nsrun(self.topo.router_ns(name), ["ip", "addr", "add", address, "dev", "eth0"])
        return self.actions.record("admin-address", time.time(), router=name, ip=self.ip(name), address=address)

    def block(self, a, b):
        ts = self.firewall.block(self.topo.port(a), self.topo.port(b))
        return self.actions.record("block", ts, router=a, ip=self.ip(a), peer=b, peer_ip=self.ip(b),
                                   detail=f"nft bridge drop {self.topo.port(a)}<->{self.topo.port(b)} in switch ns")

    def heal(self, a=None, b=None):
        ts = self.firewall.heal()
        return self.actions.record("heal", ts, router=a, ip=self.ip(a) if a else None, peer=b,
                                   peer_ip=self.ip(b) if b else None, detail="nft bridge rules flushed")

    def fail_check(self, name, script):
        lst = self.listeners[(name, script)]
        ts = lst.stop()
        return self.actions.record("fail-check", ts, router=name, ip=self.ip(name), script=script,
                                   port=lst.port, detail=f"listener 127.0.0.1:{lst.port} stopped")

    def restore_check(self, name, script):
        lst = self.listeners[(name, script)]
        ts = lst.start()
        return self.actions.record("restore-check", ts, router=name, ip=self.ip(name), script=script,
                                   port=lst.port, detail=f"listener 127.0.0.1:{lst.port} started")

    # ---------- expectations ----------
    def expect_master(self, name, cause, after, lo, hi, **extra):
        """`name` must become master because of action `after` in [after.ts+lo, after.ts+hi]."""
        e = {"router": self.ip(name), "name": name, "vrid": self.spec(name).vrid,
             "cause": cause, "after_action": after["seq"],
             "not_before": round(after["ts"] + lo, 3), "not_after": round(after["ts"] + hi, 3)}
        e.update(extra)
        self.expected.append(e)
        return e

    def slack(self, name):
        return max(0.5, float(self.spec(name).advert_int))

    def expect_initial(self, name, start):
        s = self.spec(name)
        return self.expect_master(name, "initial", start, 3 * s.advert_int,
                                  s.master_down() + self.slack(name) + 0.5)

    def expect_resigned(self, name, stop):
        s = self.spec(name)
        return self.expect_master(name, "resigned", stop, 0, s.skew() + self.slack(name))

    def expect_master_down(self, name, action, **extra):
        """Backup `name` stops hearing the master at action.ts."""
        s = self.spec(name)
        return self.expect_master(name, "master-down", action, s.master_down() - s.advert_int - 0.05,
                                  s.master_down() + self.slack(name), **extra)

    def expect_preempted(self, name, action):
        s = self.spec(name)
        return self.expect_master(name, "preempted", action, 3 * s.advert_int - s.advert_int - 0.05,
                                  s.master_down() + self.slack(name) + 0.5)

    def expect_split_brain(self, routers, begin, end=None, **extra):
        self.split_brains.append({"routers": [self.ip(r) for r in routers], "names": list(routers),
                                  "begin_action": begin["seq"],
                                  "end_action": end["seq"] if end else None, **extra})

    # ---------- output ----------
    def finish(self):
        self.cap.stop()
        self.cap = None
        self.t_end = time.time()
        for fn in ("capture.pcap", "vrrpdump.jsonl"):
            try:
                os.chown(os.path.join(self.out, fn), os.getuid(), os.getgid())
            except OSError:
                pass
        for k in self.routers.values():
            with open(k.log_path, "a") as f:
                f.write(f"---- vrrplab: capture stopped at {self.t_end:.3f}; teardown output follows ----\n")
        routers = []
        for s in self.sc.routers:
            h = HOSTS[s.name]
            routers.append({
                "name": s.name, "ip": self.ip(s.name), "ipv4": h.ip4, "ipv6": h.ip6,
                "linklocal": h.linklocal, "mac": h.mac, "namespace": self.topo.router_ns(s.name),
                "bridge_port": self.topo.port(s.name), "daemon": s.daemon, "priority": s.priority, "state": s.state,
                "advert_int": s.advert_int, "version": s.version,
                "family": "IPv6" if s.family == "inet6" else "IPv4",
                "auth": (s.auth_effective if s.auth_effective != "same" else
                         ({"type": "PASS", "password": s.auth_pass}
                          if (s.auth_pass is not None and s.version == 2) else None)),
                "config_source": "seed file, minimally patched" if s.raw_config else "rendered",
                "vrid": s.vrid, "vips": [v.split("/")[0] for v in s.vips], "nopreempt": s.nopreempt,
                "track_scripts": [{"name": t.name, "port": t.port, "weight": t.weight,
                                   "interval": t.interval} for t in s.track],
                "cluster": s.cluster,
                "skew": round(s.skew(), 4), "master_down_interval": round(s.master_down(), 4),
            })
        vips = sorted({v for r in routers for v in r["vips"]})
        doc = {
            "name": self.sc.name,
            "description": self.sc.description,
            "seed_mapping": self.sc.seed_mapping,
            "keepalived": keepalived_version(),
            **({"frr": frr_version()} if any(s.daemon == "frr" for s in self.sc.routers) else {}),
            "capture": {"tool": self.capture_kind, "interface": "eth0 in observer namespace",
                        "started": round(self.t0, 6),
                        "ended": round(self.t_end, 6), "file": "capture.pcap"},
            "routers": routers,
            "vrids": sorted({r["vrid"] for r in routers}),
            "vips": vips,
            "expected": {
                "derived_from": "actions.jsonl and VRRP timer rules (not from any decoder)",
                "master_changes": self.expected,
                "split_brain_count": len(self.split_brains),
                "split_brains": self.split_brains,
            },
            "notes": self.sc.notes,
        }
        doc["expected"].update(self.sc.extra_expected)
        write_json(os.path.join(self.out, "scenario.json"), doc)
        return doc
