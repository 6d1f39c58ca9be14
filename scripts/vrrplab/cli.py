"""Command line: lab list | run SCENARIO --out DIR | verify DIR | events DIR | cleanup."""
import argparse
import json
import os
import sys
import time
import traceback

from . import util
from .registry import cleanup, list_lab_namespaces

EXIT_NOT_ROOT = 77


def need_root():
    if os.geteuid() != 0:
        sys.stderr.write("lab: must run as root (it creates network namespaces, veths, a bridge and "
                         "nftables rules, and runs keepalived/tcpdump inside them). Skipping.\n")
        sys.exit(EXIT_NOT_ROOT)


def cmd_list(args):
    from .scenarios import SCENARIOS
    for name, sc in SCENARIOS.items():
        print(f"{name:18} {sc.description}")
    return 0


def cmd_run(args):
    need_root()
    from .runner import Run
    from .scenarios import SCENARIOS
    if args.scenario not in SCENARIOS:
        sys.stderr.write(f"unknown scenario {args.scenario!r}; try `lab list`\n")
        return 2
    if args.capture == "vrrpdump" and not args.vrrpdump:
        sys.stderr.write("--capture vrrpdump needs --vrrpdump PATH\n")
        return 2
    if args.metrics and args.capture != "vrrpdump":
        sys.stderr.write("--metrics needs --capture vrrpdump\n")
        return 2
    sc = SCENARIOS[args.scenario]
    run = Run(sc, args.out, capture=args.capture, vrrpdump=args.vrrpdump, metrics=args.metrics)
    rc = 0
    started = time.time()
    try:
        run.setup()
        sc.script(run)
        run.finish()
    except KeyboardInterrupt as e:
        util.log(f"interrupted ({e}); tearing down")
        rc = 130
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        rc = 1
    finally:
        run.teardown()
    util.log(f"run took {time.time() - started:.1f}s, output in {run.out}")
    if rc == 0 and args.verify:
        from .verify import verify
        ok, _ = verify(run.out)
        rc = 0 if ok else 3
    return rc


def cmd_verify(args):
    from .verify import verify
    ok, _ = verify(args.dir)
    return 0 if ok else 3


def cmd_events(args):
    """The routers' logged state changes while the capture ran, one JSON object a line."""
    from .verify import TEARDOWN_MARK, log_master_sequence
    with open(os.path.join(args.dir, "scenario.json")) as f:
        sc = json.load(f)
    for r in sc["routers"]:
        with open(os.path.join(args.dir, "logs", f"{r['name']}.log"), errors="replace") as f:
            if not any(line.startswith(TEARDOWN_MARK) for line in f):
                sys.stderr.write(f"lab events: logs/{r['name']}.log has no capture-stopped marker\n")
                return 1
    ip = {r["name"]: r["ip"] for r in sc["routers"]}
    for e in log_master_sequence(args.dir, sc):
        print(json.dumps({"ts": e["ts"], "router": ip[e["router"]], "name": e["router"], "kind": e["kind"]}))
    return 0


def cmd_cleanup(args):
    need_root()
    n = cleanup(force=args.force)
    left = list_lab_namespaces()
    print(f"removed {n} namespace(s); remaining vdlab- namespaces: {left or 'none'}")
    return 0


def main(argv):
    ap = argparse.ArgumentParser(prog="lab", description="VRRP/keepalived lab in network namespaces")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list", help="list scenarios").set_defaults(func=cmd_list)
    p = sub.add_parser("run", help="run a scenario")
    p.add_argument("scenario")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--capture", choices=["tcpdump", "vrrpdump"], default="tcpdump")
    p.add_argument("--vrrpdump", help="path of the vrrpdump binary (for --capture vrrpdump)")
    p.add_argument("--verify", action="store_true", help="verify the run directory afterwards")
    p.add_argument("--metrics", action="store_true",
                   help="the timeline instance serves --metrics, scraped by a private Prometheus in the observer "
                        "namespace; prometheus.json and metrics.txt in the run directory")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("verify", help="check a run directory against its expected story")
    p.add_argument("dir")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("events", help="the routers' logged state changes in a run directory, as JSON lines")
    p.add_argument("dir")
    p.set_defaults(func=cmd_events)
    p = sub.add_parser("cleanup", help="remove vdlab-* namespaces and processes of dead runs")
    p.add_argument("--force", action="store_true", help="also those of runs still alive")
    p.set_defaults(func=cmd_cleanup)
    args = ap.parse_args(argv)
    if getattr(args, "quiet", False):
        util.VERBOSE = False
    return args.func(args)
