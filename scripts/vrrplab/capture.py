"""Packet capture in the observer namespace: tcpdump (default) or vrrpdump."""
import os
import signal
import subprocess
import time

from .prometheus import PrivatePrometheus
from .util import end_process, log, wait_for

TCPDUMP_FILTER = "vrrp or proto 112 or arp or icmp6 or (ip6 and proto 112)"  # VRRP v4/v6, ARP, ICMPv6 (NA/NS/MLD)


class Capture:
    def __init__(self, kind, ns, outdir, registry, vrrpdump=None, metrics=False):
        self.kind = kind
        self.ns = ns
        self.outdir = outdir
        self.registry = registry
        self.vrrpdump = vrrpdump
        self.pcap = os.path.join(outdir, "capture.pcap")
        self.proc = None
        # With vrrpdump, a second live instance prints the election timeline as it happens.
        self.timeline_proc = None
        # --metrics: the timeline instance also serves /metrics, scraped by a private Prometheus.
        self.prometheus = PrivatePrometheus(ns, outdir, registry) if metrics else None
        self.stderr_path = os.path.join(outdir, "logs", f"{kind}.stderr")

    def command(self):
        if self.kind == "tcpdump":
            return ["ip", "netns", "exec", self.ns, "tcpdump", "-i", "eth0", "-U", "-w", self.pcap,
                    "-s", "0", "-n", TCPDUMP_FILTER]
        if self.kind == "vrrpdump":
            if not self.vrrpdump or not os.access(self.vrrpdump, os.X_OK):
                raise RuntimeError(f"vrrpdump binary not found/executable: {self.vrrpdump!r}")
            return ["ip", "netns", "exec", self.ns, os.path.abspath(self.vrrpdump), "-i", "eth0",
                    "-w", self.pcap, "--json", "-l"]
        raise ValueError(f"unknown capture kind {self.kind}")

    def start(self):
        cmd = self.command()
        err = open(self.stderr_path, "w")
        if self.kind == "vrrpdump":
            out = open(os.path.join(self.outdir, "vrrpdump.jsonl"), "w")
        else:
            out = err
        self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        out.close()
        if out is not err:
            err.close()
        self.registry.add_pid(self.proc.pid, f"capture {self.kind}", self.pcap)
        log(f"capture: {' '.join(cmd)} (pid {self.proc.pid})")
        if self.kind == "vrrpdump":
            if self.prometheus:
                self.prometheus.start()
            self.start_timeline()

        def ready():
            if self.proc.poll() is not None:
                return True
            if self.kind == "tcpdump":
                try:
                    with open(self.stderr_path) as f:
                        return "listening on" in f.read()
                except OSError:
                    return False
            return os.path.exists(self.pcap) and os.path.getsize(self.pcap) >= 24

        wait_for(ready, 5)
        if self.proc.poll() is not None:
            raise RuntimeError(f"capture exited early (rc {self.proc.returncode}), see {self.stderr_path}")
        time.sleep(0.5)   # let the socket settle before the first router starts

    def start_timeline(self):
        cmd = ["ip", "netns", "exec", self.ns, os.path.abspath(self.vrrpdump), "-i", "eth0",
               "--timeline", "--json", "-l"] + (self.prometheus.sensor_arguments() if self.prometheus else [])
        with open(os.path.join(self.outdir, "timeline.jsonl"), "w") as out, \
                open(os.path.join(self.outdir, "logs", "vrrpdump-timeline.stderr"), "w") as err:
            self.timeline_proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                                  start_new_session=True)
        self.registry.add_pid(self.timeline_proc.pid, "capture vrrpdump --timeline", os.path.abspath(self.vrrpdump))
        log(f"capture: {' '.join(cmd)} (pid {self.timeline_proc.pid})")

    def _interrupt(self, proc, what, settle=0.0):
        """Stops one of our processes with SIGINT (vrrpdump flushes and exits), killing it if it
        hangs, and forgets its pid."""
        if proc.poll() is None:
            time.sleep(settle)
            end_process(proc, signal.SIGINT, 10, what)
        self.registry.remove_pid(proc.pid)

    def stop(self):
        if self.prometheus and self.timeline_proc is not None and self.timeline_proc.poll() is None:
            self.prometheus.record()
        if self.timeline_proc is not None:
            self._interrupt(self.timeline_proc, "timeline capture")
            self.timeline_proc = None
        if self.prometheus:
            self.prometheus.stop()
        if self.proc is None:
            return
        self._interrupt(self.proc, "capture", settle=0.3)   # settle: flush the last packets
        log(f"capture stopped (rc {self.proc.returncode})")
        self.proc = None
