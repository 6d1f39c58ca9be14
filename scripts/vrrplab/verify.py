"""Check a run directory: does the capture tell the story the actions injected?

Two independent views, compared with scenario.json's expected master changes:
  * the routers' logs, one-second timestamps: keepalived's "(VI_1) Entering MASTER STATE"
    ("Wed Nov 25 13:51:38 2026: ..."), FRR vrrpd's "[VRID 51] [IPv4] Backup -> Master"
    ("2026/11/25 19:09:27 VRRP: ..."),
  * the pcap (via tshark): a source becomes master with its first non-zero-priority advert and
    stops being master with a priority-0 advert or after 3 x its interval without adverts.
This is a lab check only, not the project's decoder.
"""
import json
import os
import re
import subprocess
import time

TEARDOWN_MARK = "---- vrrplab:"
# (line pattern, its time format, what each state message means)
LOG_FORMATS = (
    (re.compile(r"^(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}): (.*)$"), "%a %b %d %H:%M:%S %Y",
     (("Entering MASTER STATE", "master"), ("Entering BACKUP STATE", "backup"),
      ("Entering FAULT STATE", "fault"), ("sent 0 priority", "resign"))),
    (re.compile(r"^(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) VRRP: (.*)$"), "%Y/%m/%d %H:%M:%S",
     (("-> Master", "master"), ("-> Backup", "backup"), ("'Shutdown' event", "resign"))),
)


def parse_log(path):
    events = []
    with open(path, errors="replace") as f:
        for n, line in enumerate(f):
            if line.startswith(TEARDOWN_MARK):
                break
            if line.startswith("{"):
                # vrrpdump --participate --json: its own transitions, with sub-second timestamps
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if obj.get("event") in ("master", "backup", "fault"):
                    events.append({"ts": obj["ts"], "line": n, "kind": obj["event"], "msg": line.strip()})
                continue
            for pattern, stamp, meanings in LOG_FORMATS:
                m = pattern.match(line.rstrip("\n"))
                if not m:
                    continue
                ts = time.mktime(time.strptime(m.group(1), stamp))
                msg = m.group(2)
                for key, kind in meanings:
                    if key in msg:
                        events.append({"ts": ts, "line": n, "kind": kind, "msg": msg})
    return events


def log_master_sequence(rundir, scenario):
    evs = []
    for r in scenario["routers"]:
        p = os.path.join(rundir, "logs", f"{r['name']}.log")
        if os.path.exists(p):
            for e in parse_log(p):
                e["router"] = r["name"]
                evs.append(e)
    evs.sort(key=lambda e: e["ts"])
    return evs


def orderable_within_a_second(masters, expected):
    """Whether the logged master entries can be put in the expected order by swapping only entries
    less than a second apart (keepalived logs whole seconds; vrrpdump's node logs sub-second)."""
    left = sorted(masters, key=lambda e: e["ts"])
    for name in expected:
        if not left:
            return False
        pick = next((e for e in left if e["router"] == name and e["ts"] < left[0]["ts"] + 1.0), None)
        if pick is None:
            return False
        left.remove(pick)
    return not left


def pcap_adverts(pcap):
    cmd = ["tshark", "-r", pcap, "-Y", "vrrp", "-T", "fields", "-E", "separator=|",
           "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ipv6.src", "-e", "vrrp.version",
           "-e", "vrrp.virt_rtr_id", "-e", "vrrp.prio", "-e", "vrrp.adver_int",
           "-e", "vrrp.short_adver_int", "-e", "vrrp.auth_string"]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    ads = []
    for line in out.splitlines():
        f = line.split("|")
        if len(f) < 9 or not f[0]:
            continue
        ver = int(f[3] or 0)
        if ver == 3:
            interval = int(f[7] or 0) / 100.0
        else:
            interval = float(f[6] or 1)
        ads.append({"ts": float(f[0]), "src": f[1] or f[2], "version": ver, "vrid": int(f[4]),
                    "prio": int(f[5]), "interval": interval or 1.0, "auth": f[8],
                    "family": "IPv6" if f[2] and not f[1] else "IPv4"})
    return ads


def _outranks(a, a_src, b, b_src):
    """VRRP election order: higher priority wins, then the higher primary address."""
    import ipaddress
    if a["prio"] != b["prio"]:
        return a["prio"] > b["prio"]
    return ipaddress.ip_address(a_src) > ipaddress.ip_address(b_src)


def pcap_timeline(ads, end_ts):
    """Master periods per (vrid, family, auth) group."""
    active = {}    # group -> {src: {"start", "last", "interval", "prio"}}
    periods = []

    def close(group, src, st, end):
        periods.append({"group": group, "src": src, "start": st["start"], "end": end,
                        "end_reason": st.get("end_reason", "silence")})

    def expire(now, group_only=None):
        for group, srcs in active.items():
            if group_only is not None and group != group_only:
                continue
            for src in list(srcs):
                st = srcs[src]
                # silent for 3 intervals: gone; silent for 1.5 intervals while another source
                # of the group keeps advertising: it went back to BACKUP
                others = any(o != src and now - ost["last"] <= 1.5 * ost["interval"]
                             and _outranks(ost, o, st, src) for o, ost in srcs.items())
                limit = (1.5 if others else 3) * st["interval"] + 0.05
                if now - st["last"] > limit:
                    # replaced by another master: it stopped right after its last advert
                    close(group, src, st, st["last"] + (0.001 if others else st["interval"]))
                    del srcs[src]

    for a in ads:
        expire(a["ts"])
        group = (a["vrid"], a["family"], a["auth"])
        srcs = active.setdefault(group, {})
        if a["prio"] == 0:
            if a["src"] in srcs:
                st = srcs.pop(a["src"])
                st["end_reason"] = "priority 0"
                close(group, a["src"], st, a["ts"])
            continue
        if a["src"] not in srcs:
            srcs[a["src"]] = {"start": a["ts"], "last": a["ts"], "interval": a["interval"],
                              "prio": a["prio"]}
        else:
            srcs[a["src"]]["last"] = a["ts"]
            srcs[a["src"]]["prio"] = a["prio"]
    expire(end_ts)
    for group, srcs in active.items():
        for src, st in srcs.items():
            st["end_reason"] = "capture end"
            close(group, src, st, end_ts)
    periods.sort(key=lambda p: p["start"])
    # split brains: overlaps of periods in the same group
    splits = []
    for i, p in enumerate(periods):
        for q in periods[i + 1:]:
            if q["group"] == p["group"] and q["src"] != p["src"] and q["start"] < p["end"] - 0.05:
                s, e = q["start"], min(p["end"], q["end"])
                if e - s > 0.05:
                    splits.append({"group": p["group"], "srcs": [p["src"], q["src"]],
                                   "start": s, "end": e, "duration": e - s})
    return periods, splits


def verify(rundir, quiet=False):
    out = []

    def say(s=""):
        out.append(s)

    with open(os.path.join(rundir, "scenario.json")) as f:
        sc = json.load(f)
    actions = []
    with open(os.path.join(rundir, "actions.jsonl")) as f:
        for line in f:
            if line.strip():
                actions.append(json.loads(line))
    t0 = sc["capture"]["started"]
    by_ip = {r["ip"]: r["name"] for r in sc["routers"]}
    ok = True
    say(f"scenario {sc['name']}: {rundir}")
    say("actions:")
    for a in actions:
        say(f"  +{a['ts'] - t0:7.3f}s  {a['action']:<14} {a.get('router', '')}")
    exp = sc["expected"]["master_changes"]
    exp_seq = [e["name"] for e in exp]
    say("expected master changes: " + ", ".join(f"{e['name']}({e['cause']})" for e in exp))

    evs = log_master_sequence(rundir, sc)
    log_seq = [e["router"] for e in evs if e["kind"] == "master"]
    say("router logs (1 s resolution): " + ", ".join(
        f"{e['router']} {e['kind']} @+{e['ts'] - int(t0):.0f}s" for e in evs if e["kind"] in ("master", "resign")))
    if log_seq == exp_seq:
        say(f"  log master sequence OK: {log_seq}")
    elif orderable_within_a_second([e for e in evs if e["kind"] == "master"], exp_seq):
        say(f"  log master sequence OK within keepalived's 1 s log resolution: {exp_seq} (logged order {log_seq})")
    else:
        say(f"  MISMATCH: log master sequence {log_seq} != expected {exp_seq}")
        ok = False

    pcap = os.path.join(rundir, "capture.pcap")
    ads = pcap_adverts(pcap)
    end_ts = sc["capture"].get("ended") or max([a["ts"] for a in ads] + [t0])
    periods, splits = pcap_timeline(ads, end_ts)
    say(f"pcap: {len(ads)} VRRP adverts, {os.path.getsize(pcap)} bytes")
    for p in periods:
        say(f"  master {by_ip.get(p['src'], p['src']):>4} vrid {p['group'][0]} {p['group'][1]} "
            f"+{p['start'] - t0:7.3f}s .. +{p['end'] - t0:7.3f}s ({p['end_reason']})")
    pc_seq = [by_ip.get(p["src"], p["src"]) for p in periods]
    if sc["expected"].get("wire_interference"):
        # keepalived quirk: masters silence each other; compare first appearances only
        seen = []
        keep = []
        for n, p in zip(pc_seq, periods):
            if n not in seen:
                seen.append(n)
                keep.append(p)
        say(f"  wire interference expected: comparing first appearances {seen}")
        pc_seq, periods = seen, keep
    if pc_seq != exp_seq:
        say(f"  MISMATCH: pcap master sequence {pc_seq} != expected {exp_seq}")
        ok = False
    else:
        say(f"  pcap master sequence OK: {pc_seq}")
        for e, p in zip(exp, periods):
            inb = e["not_before"] <= p["start"] <= e["not_after"]
            say(f"  {e['name']} ({e['cause']}): first advert at +{p['start'] - t0:.3f}s, expected "
                f"+{e['not_before'] - t0:.3f}..+{e['not_after'] - t0:.3f}s {'OK' if inb else 'OUT OF BOUNDS'}")
            ok &= inb
    for s in splits:
        say(f"  split brain vrid {s['group'][0]}: {[by_ip.get(x, x) for x in s['srcs']]} "
            f"+{s['start'] - t0:.3f}..+{s['end'] - t0:.3f}s = {s['duration']:.3f}s")
    nexp = len([x for x in sc["expected"]["split_brains"] if x.get("visible_on_wire", True)])
    if len(splits) != nexp:
        say(f"  MISMATCH: {len(splits)} split brains on the wire (grouped by vrid+family+auth), expected {nexp}")
        ok = False
    for es, s in zip([x for x in sc["expected"]["split_brains"] if x.get("visible_on_wire", True)], splits):
        if "duration_bounds" in es:
            lo, hi = es["duration_bounds"]
            inb = lo <= s["duration"] <= hi
            say(f"  split brain duration {s['duration']:.3f}s vs bounds [{lo}, {hi}] "
                f"(block {es.get('block_duration')}s) {'OK' if inb else 'OUT OF BOUNDS'}")
            ok &= inb
    say("RESULT: " + ("OK" if ok else "FAILED"))
    if not quiet:
        print("\n".join(out))
    return ok, out
