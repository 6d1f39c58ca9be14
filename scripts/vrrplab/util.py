"""Small helpers: logging, running commands, JSON output."""
import json
import os
import subprocess
import sys
import time

PREFIX = "vdlab-"
VERBOSE = True


def log(msg):
    if VERBOSE:
        t = time.strftime("%H:%M:%S")
        sys.stderr.write(f"[lab {t}] {msg}\n")
        sys.stderr.flush()


def run(cmd, check=True, input=None, quiet=False):
    """Run a command (list), return CompletedProcess with text output."""
    p = subprocess.run(cmd, input=input, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.strip()}")
    if not quiet and p.returncode != 0:
        log(f"warning: {' '.join(cmd)} -> {p.returncode}: {p.stderr.strip()}")
    return p


def nsrun(ns, cmd, check=True, input=None):
    return run(["ip", "netns", "exec", ns] + cmd, check=check, input=input)


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=False)
        f.write("\n")


def append_jsonl(path, obj):
    with open(path, "a") as f:
        f.write(json.dumps(obj, sort_keys=False) + "\n")


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # zombies count as dead
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return False


def pid_cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def end_process(proc, signo, timeout, what):
    """Sends `signo` to one of our processes and waits up to `timeout` s for it to end, SIGKILLing it
    when it hangs; returns the time the signal was sent."""
    proc.send_signal(signo)
    ts = time.time()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        log(f"{what} did not end in {timeout}s after signal {signo}, killing")
        proc.kill()
        proc.wait()
    return ts


def wait_for(pred, timeout, step=0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def mac_to_linklocal(mac):
    """EUI-64 link-local address for a MAC (what the kernel assigns with addr_gen_mode eui64)."""
    b = [int(x, 16) for x in mac.split(":")]
    b[0] ^= 0x02
    eui = b[:3] + [0xFF, 0xFE] + b[3:]
    groups = [(eui[i] << 8) | eui[i + 1] for i in range(0, 8, 2)]
    import ipaddress
    return str(ipaddress.IPv6Address("fe80::" + ":".join(f"{g:x}" for g in groups)))
