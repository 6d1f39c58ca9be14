"""A private Prometheus in the observer namespace, scraping the live `vrrpdump --timeline --metrics`
instance on 127.0.0.1 (never the packaged service: its own config, storage in the run directory,
stopped by PID). Before the capture stops, its query API is asked what it saw; the answers land in
`prometheus.json`, a scrape of the sensor in `metrics.txt`."""
import json
import os
import signal
import subprocess
import time
import urllib.parse

from .util import end_process, log, run, wait_for

SENSOR_PORT = 9963
PROMETHEUS_PORT = 9090
SCRAPE_INTERVAL = 1


class PrivatePrometheus:
    def __init__(self, ns, outdir, registry):
        self.ns = ns
        self.outdir = outdir
        self.registry = registry
        self.dir = os.path.join(outdir, "prometheus")
        self.proc = None
        self.started = None

    @staticmethod
    def sensor_arguments():
        return ["--metrics", f"127.0.0.1:{SENSOR_PORT}"]

    def start(self):
        os.makedirs(os.path.join(self.dir, "data"), exist_ok=True)
        config = os.path.join(self.dir, "prometheus.yml")
        with open(config, "w") as f:
            f.write(f"""global:
  scrape_interval: {SCRAPE_INTERVAL}s
  scrape_timeout: {SCRAPE_INTERVAL}s
scrape_configs:
  - job_name: vrrpdump
    static_configs:
      - targets: ['127.0.0.1:{SENSOR_PORT}']
""")
        cmd = ["ip", "netns", "exec", self.ns, "prometheus", f"--config.file={config}",
               f"--storage.tsdb.path={os.path.join(self.dir, 'data')}",
               f"--web.listen-address=127.0.0.1:{PROMETHEUS_PORT}", "--log.level=warn"]
        err = open(os.path.join(self.outdir, "logs", "prometheus.stderr"), "w")
        self.proc = subprocess.Popen(cmd, stdout=err, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        err.close()
        self.registry.add_pid(self.proc.pid, "private prometheus", config)
        self.started = time.time()
        log(f"prometheus: {' '.join(cmd)} (pid {self.proc.pid})")
        if not wait_for(lambda: self.proc.poll() is not None or self._get("/-/ready") is not None, 30, step=0.2):
            raise RuntimeError("the private prometheus did not become ready in 30 s")
        if self.proc.poll() is not None:
            raise RuntimeError(f"prometheus exited early (rc {self.proc.returncode}), see logs/prometheus.stderr")

    def _get(self, path):
        out = run(["ip", "netns", "exec", self.ns, "curl", "-sf", "--max-time", "5",
                   f"http://127.0.0.1:{PROMETHEUS_PORT}{path}"], check=False, quiet=True)
        return out.stdout if out.returncode == 0 else None

    def query(self, expr, range_=False):
        end = time.time()
        params = {"query": expr}
        if range_:
            params.update(start=f"{self.started:.3f}", end=f"{end:.3f}", step=str(SCRAPE_INTERVAL))
        body = self._get(("/api/v1/query_range?" if range_ else "/api/v1/query?") + urllib.parse.urlencode(params))
        return json.loads(body)["data"]["result"] if body else None

    def record(self):
        """Waits two scrapes past the last packet, then writes what Prometheus holds and one scrape."""
        time.sleep(2.5 * SCRAPE_INTERVAL)
        sensor = run(["ip", "netns", "exec", self.ns, "curl", "-sf", "--max-time", "5",
                      f"http://127.0.0.1:{SENSOR_PORT}/metrics"], check=False)
        with open(os.path.join(self.outdir, "metrics.txt"), "w") as f:
            f.write(sensor.stdout)
        doc = {
            "master_changes": self.query("vrrpdump_vr_master_changes_total"),
            "master_info": self.query("vrrpdump_vr_master_info", range_=True),
            "last_change": self.query("vrrpdump_vr_last_master_change_timestamp_seconds"),
            "up": self.query("up{job='vrrpdump'}"),
        }
        with open(os.path.join(self.outdir, "prometheus.json"), "w") as f:
            json.dump(doc, f, indent=1)

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            end_process(self.proc, signal.SIGTERM, 10, "prometheus")
        self.registry.remove_pid(self.proc.pid)
        self.proc = None
