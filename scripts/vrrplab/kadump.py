"""keepalived 2.2.7's own reading of a configuration file, as normalised JSON.

Runs `keepalived -n -l -D -P -d` (dump the parsed configuration) for a moment inside a network
namespace this process creates (`vdlab-<pid>-kcN`, so `lab cleanup` removes leftovers), with every
interface the file names created there as a veth, then stops it by PID and deletes the namespace.
The instances never hear a peer (the veth peers are silent) and the seed's addresses stay inside the
namespace. Output: {"instances": [...], "scripts": [...], "log": [configuration messages]}.

`--pair A B` instead runs the two files as two routers on one segment (a veth between two such
namespaces, the interface the files name on both ends, 192.0.2.111 and .199) for a few seconds and
prints the state each router's log ends in: what a pair check predicts, as keepalived really does it.

Usage: python3 -m scripts.vrrplab.kadump FILE...          (as root)
       python3 -m scripts.vrrplab.kadump --pair A B      (as root)
"""
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

KEEPALIVED = "/usr/sbin/keepalived"
_counter = itertools.count()

# keepalived's timestamp prefix on every console line
_STAMP = re.compile(r"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}: ")


def interfaces_named(path):
    """Interface names the file mentions (interface, track_interface entries, `dev X`)."""
    names = []
    text = open(path, encoding="utf-8", errors="replace").read()
    text = re.sub(r"[#!].*", "", text)
    for m in re.finditer(r"(?:^|\s)(?:interface|dev)\s+(\S+)", text):
        names.append(m.group(1))
    for block in re.finditer(r"track_interface\s*\{([^}]*)\}", text):
        for line in block.group(1).splitlines():
            words = line.split()
            if words:
                names.append(words[0])
    return [n for i, n in enumerate(names) if n not in names[:i] and len(n) < 16 and "/" not in n]


def _run(cmd, check=True):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.strip()}")
    return p


def dump(path, wait=2.5):
    """keepalived's parsed view of PATH: (normalised dict, raw log lines)."""
    ns = f"vdlab-{os.getpid()}-kc{next(_counter)}"
    tmp = tempfile.mkdtemp(prefix="kadump-")
    proc = None
    try:
        _run(["ip", "netns", "add", ns])
        _run(["ip", "-n", ns, "link", "set", "lo", "up"])
        for i, name in enumerate(interfaces_named(path)):
            _run(["ip", "-n", ns, "link", "add", name, "type", "veth", "peer", "name", f"kcpeer{i}"])
            _run(["ip", "-n", ns, "link", "set", f"kcpeer{i}", "up"])
            _run(["ip", "-n", ns, "link", "set", name, "up"])
            _run(["ip", "-n", ns, "addr", "add", f"192.0.2.{10 + i}/24", "dev", name])
        logpath = os.path.join(tmp, "log")
        with open(logpath, "w") as logf:
            proc = subprocess.Popen(
                ["ip", "netns", "exec", ns, KEEPALIVED, "-n", "-l", "-D", "-P", "-d", "-f", os.path.abspath(path),
                 "-p", os.path.join(tmp, "k.pid"), "-r", os.path.join(tmp, "v.pid")],
                stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + wait + 5
        while time.time() < deadline and proc.poll() is None:
            if "------< Interfaces >------" in open(logpath, errors="replace").read():
                break
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        _run(["ip", "netns", "del", ns], check=False)
    lines = [_STAMP.sub("", l.rstrip("\n")) for l in open(os.path.join(tmp, "log"), errors="replace")]
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
    return normalise(lines), lines



# keepalived -d's instance lines that map one-to-one onto a field: (field, conversion).
_INSTANCE_FIELDS = {
    "VRRP Version": ("version", int),
    "Wantstate": ("state", str),
    "Interface": ("interface", str),
    "Virtual Router ID": ("vrid", int),
    "Priority": ("priority", int),
    "Accept": ("accept", lambda v: v == "enabled"),
    "Preempt": ("preempt", lambda v: v == "enabled"),
    "Password": ("password", str),
    "Gratuitous ARP delay": ("garpMasterDelay", int),
    "Gratuitous ARP repeat": ("garpMasterRepeat", int),
    "Gratuitous ARP refresh": ("garpMasterRefresh", int),
}

def normalise(lines):
    """The fields vrrpdump's --check-config --json also reports, from keepalived's -d dump."""
    instances, scripts, messages = [], [], []
    section, cur, sub = None, None, None
    for line in lines:
        if line.startswith("------<"):
            section = line.strip("-<> ")
            cur = None
            continue
        if line.startswith("(") and "Line" in line.split(")")[0]:
            messages.append(line)
            continue
        if section == "VRRP Topology":
            m = re.match(r"^ VRRP Instance = (\S+)", line)
            if m:
                cur = {"name": m.group(1), "virtualAddresses": [], "trackScripts": [], "unicastPeers": [],
                       "authentication": "none", "password": None}
                instances.append(cur)
                sub = None
                continue
            # keepalived's own log lines ("Startup complete", state changes) can land inside the dump:
            # they are not indented, and the list they interrupt goes on after them.
            if cur is None or not line.startswith(" "):
                continue
            kv = re.match(r"^   (\S[^=]*?) = (.*)$", line)
            if kv:
                sub = None
                k, v = kv.group(1), kv.group(2)
                if k in _INSTANCE_FIELDS:
                    field, convert = _INSTANCE_FIELDS[k]
                    cur[field] = convert(v)
                elif k == "Advert interval":
                    num, unit = v.split()
                    cur["advertIntervalCentiseconds"] = round(float(num) * (100 if unit == "sec" else 0.1))
                elif k == "Preempt delay":
                    cur["preemptDelaySeconds"] = float(v.split()[0])
                elif k == "Authentication type":
                    cur["authentication"] = {"SIMPLE_PASSWORD": "pass", "IPSEC_AH": "ah"}.get(v, v.lower())
                elif k == "Using src_ip":
                    cur["sourceAddress"] = v
                continue
            head = re.match(r"^   (Virtual IP Excluded|Virtual IP|Tracked scripts|Unicast Peer)", line)
            if head:
                sub = head.group(1)
                continue
            if line.startswith("   ") and not line.startswith("    "):
                sub = None
                continue
            item = line.strip()
            if sub == "Virtual IP":
                cur["virtualAddresses"].append(item.split()[0])
            elif sub == "Virtual IP Excluded":
                cur.setdefault("virtualAddressesExcluded", []).append(item.split()[0])
            elif sub == "Tracked scripts":
                m = re.match(r"^(\S+) weight (-?\d+)", item)
                if m:
                    cur["trackScripts"].append({"name": m.group(1), "weight": int(m.group(2))})
            elif sub == "Unicast Peer":
                cur["unicastPeers"].append(item.split()[0])
        elif section == "VRRP Scripts":
            m = re.match(r"^ VRRP Script = (\S+)", line)
            if m:
                cur = {"name": m.group(1)}
                scripts.append(cur)
                continue
            kv = re.match(r"^   (\S[^=]*?) = (.*)$", line)
            if cur is not None and kv:
                k, v = kv.group(1), kv.group(2)
                if k == "Command":
                    cur["script"] = v
                elif k == "Interval":
                    cur["intervalSeconds"] = int(v.split()[0])
                elif k == "Timeout":
                    cur["timeoutSeconds"] = int(v.split()[0])
                elif k == "Weight":
                    cur["weight"] = int(v)
                elif k == "Rise":
                    cur["rise"] = int(v)
                elif k == "Fall":
                    cur["fall"] = int(v)
    return {"instances": instances, "scripts": scripts, "log": messages}


def pair(a, b, seconds=9.0):
    """Runs A and B as two routers on one segment; returns {path: last state logged}."""
    tag = f"vdlab-{os.getpid()}-kp{next(_counter)}"
    names = [f"{tag}a", f"{tag}b"]
    tmp = tempfile.mkdtemp(prefix="kadump-pair-")
    procs = []
    states = {}
    try:
        interface = interfaces_named(a)[0]
        for ns in names:
            _run(["ip", "netns", "add", ns])
            _run(["ip", "-n", ns, "link", "set", "lo", "up"])
        _run(["ip", "-n", names[0], "link", "add", interface, "type", "veth", "peer", "name", interface, "netns", names[1]])
        for ns, address in zip(names, ["192.0.2.111/24", "192.0.2.199/24"]):
            _run(["ip", "-n", ns, "link", "set", interface, "up"])
            _run(["ip", "-n", ns, "addr", "add", address, "dev", interface])
        for i, (ns, path) in enumerate(zip(names, [a, b])):
            with open(os.path.join(tmp, f"{i}.log"), "w") as logf:
                procs.append(subprocess.Popen(
                    ["ip", "netns", "exec", ns, KEEPALIVED, "-n", "-l", "-D", "-P", "-f", os.path.abspath(path),
                     "-p", os.path.join(tmp, f"{i}.pid"), "-r", os.path.join(tmp, f"{i}.vpid")],
                    stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True))
        time.sleep(seconds)
        # The state the pair settled in: read before stopping (a stopping master's priority 0 hands over).
        for i, path in enumerate([a, b]):
            states[path] = None
            for line in open(os.path.join(tmp, f"{i}.log"), errors="replace"):
                m = re.search(r"Entering (\w+) STATE", line)
                if m:
                    states[path] = m.group(1)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        for ns in names:
            _run(["ip", "netns", "del", ns], check=False)
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
    return states


def main(argv):
    if os.geteuid() != 0:
        sys.stderr.write("kadump: needs root (network namespaces)\n")
        return 77
    if argv[:1] == ["--pair"] and len(argv) == 3:
        json.dump(pair(argv[1], argv[2]), sys.stdout)
        sys.stdout.write("\n")
        return 0
    out = {}
    for path in argv:
        out[path] = dump(path)[0]
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
