#!/usr/bin/python3
"""Unit tests for the lab harness (no root, no namespaces) and a consistency check of the
committed scenario corpus. Run: python3 -m unittest discover -s Tests/lab -v
The live lab itself (root only) is exercised by `scripts/lab run SCENARIO --out DIR --verify`.
"""
import json
import os
import shutil
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from vrrplab import frr, keepalived, scenarios, util  # noqa: E402

CORPUS = os.path.join(ROOT, "captures", "scenarios")
DEMO = os.path.join(ROOT, "captures", "demo")


class TestTimers(unittest.TestCase):
    def test_v2_skew_ignores_interval(self):
        r = keepalived.RouterSpec("r2", 99, advert_int=2)
        self.assertAlmostEqual(r.skew(), 157 / 256)
        self.assertAlmostEqual(r.master_down(), 6 + 157 / 256)

    def test_v3_skew_scales(self):
        r = keepalived.RouterSpec("r2", 99, version=3, advert_int=0.1, auth_pass=None)
        self.assertAlmostEqual(r.skew(), 157 * 0.1 / 256)

    def test_linklocal(self):
        self.assertEqual(util.mac_to_linklocal("02:00:00:00:00:11"), "fe80::ff:fe00:11")


class TestConfig(unittest.TestCase):
    def test_seed_pair_config(self):
        sc = scenarios.SCENARIOS["seed-failover"]
        text = keepalived.render_config(sc.router("r1"), sc.name, sc.seed_mapping)
        for needle in ("state MASTER", "virtual_router_id 51", "priority 100", "advert_int 1",
                       "auth_type PASS", "auth_pass 1111", "192.0.2.223/24", "interface eth0"):
            self.assertIn(needle, text)

    def test_v3_has_no_auth(self):
        sc = scenarios.SCENARIOS["v3-fast"]
        text = keepalived.render_config(sc.router("r1"), sc.name)
        self.assertIn("vrrp_version 3", text)
        self.assertIn("advert_int 0.1", text)
        self.assertNotIn("authentication", text)

    def test_track_script(self):
        sc = scenarios.SCENARIOS["track-script"]
        text = keepalived.render_config(sc.router("r1"), sc.name)
        self.assertIn("script \"/bin/bash -c '</dev/tcp/127.0.0.1/80'\"", text)
        self.assertIn("weight -2", text)
        self.assertIn("enable_script_security", text)

    def test_frr_config(self):
        sc = scenarios.SCENARIOS["frr-interop"]
        text = frr.render_frr_config(sc.router("r1"), sc.name, sc.seed_mapping)
        for needle in ("interface eth0", " vrrp 51 version 3", " vrrp 51 priority 100",
                       " vrrp 51 advertisement-interval 1000", " vrrp 51 ip 192.0.2.223"):
            self.assertIn(needle, text)

    @unittest.skipUnless(os.access(frr.VRRPD, os.X_OK), "frr not installed")
    def test_configs_pass_vrrpd_dryrun(self):
        import tempfile
        for sc in scenarios.SCENARIOS.values():
            for r in sc.routers:
                if r.daemon != "frr":
                    continue
                with tempfile.NamedTemporaryFile("w", suffix=".conf") as f:
                    f.write(frr.render_frr_config(r, sc.name, sc.seed_mapping))
                    f.flush()
                    status, output = frr.config_check(f.name)
                    self.assertEqual(status, 0, f"{sc.name}/{r.name}: {output}")

    @unittest.skipUnless(shutil.which("keepalived"), "keepalived not installed")
    def test_configs_pass_keepalived_t(self):
        import tempfile
        for sc in scenarios.SCENARIOS.values():
            for r in sc.routers:
                if r.raw_config is not None or r.daemon != "keepalived":
                    continue
                with tempfile.NamedTemporaryFile("w", suffix=".conf") as f:
                    f.write(keepalived.render_config(r, sc.name, sc.seed_mapping))
                    f.flush()
                    p = subprocess.run(["keepalived", "-t", "-f", f.name], capture_output=True, text=True)
                    self.assertEqual(p.returncode, 0, f"{sc.name}/{r.name}: {p.stdout}{p.stderr}")


class TestCorpus(unittest.TestCase):
    def dirs(self):
        out = []
        if os.path.isdir(CORPUS):
            out += [os.path.join(CORPUS, d) for d in sorted(os.listdir(CORPUS))]
        if os.path.isdir(DEMO):
            out.append(DEMO)
        return out

    def test_files_present(self):
        ds = self.dirs()
        if not ds:
            self.skipTest("no corpus")
        for d in ds:
            for fn in ("capture.pcap", "actions.jsonl", "scenario.json"):
                self.assertTrue(os.path.isfile(os.path.join(d, fn)), f"{d}/{fn}")
            with open(os.path.join(d, "scenario.json")) as f:
                sc = json.load(f)
            for r in sc["routers"]:
                self.assertTrue(os.path.isfile(os.path.join(d, "configs", r["name"] + ".conf")))
                self.assertTrue(os.path.isfile(os.path.join(d, "logs", r["name"] + ".log")))
            with open(os.path.join(d, "actions.jsonl")) as f:
                acts = [json.loads(x) for x in f if x.strip()]
            ts = [a["ts"] for a in acts]
            self.assertEqual(ts, sorted(ts))
            for e in sc["expected"]["master_changes"]:
                self.assertLess(e["after_action"], len(acts))
                self.assertLessEqual(acts[e["after_action"]]["ts"], e["not_before"] + 0.001)

    @unittest.skipUnless(shutil.which("tshark"), "tshark not installed")
    def test_corpus_verifies(self):
        from vrrplab.verify import verify
        ds = self.dirs()
        if not ds:
            self.skipTest("no corpus")
        for d in ds:
            ok, lines = verify(d, quiet=True)
            self.assertTrue(ok, "\n".join(lines))


if __name__ == "__main__":
    unittest.main()
