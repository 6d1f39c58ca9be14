"""The keepalived scenario corpus.

Each scenario: routers (RouterSpec), a timed script of actions, and the expected story the
script declares right after each action (see runner.py for the timing rules).
"""
import os
from dataclasses import dataclass, field
from typing import Callable, Dict, List

from .keepalived import RouterSpec, TrackScript
from .node import listen_time

SEED_BASE = (
    "Seed: master.conf (state MASTER, priority 100) + slave.conf (state SLAVE, priority 99),\n"
    "VI_1, virtual_router_id 51, advert_int 1, auth PASS 1111, VIP 192.168.1.223 on eno16777736.\n"
    "Lab: interface eth0; VIP 192.0.2.223/24 (documentation prefix instead of 192.168.1.0/24);\n"
    "`state SLAVE` -> BACKUP (keepalived knows only MASTER/BACKUP); `authentication{`,\n"
    "`auth_typePASS`, `auth_pass1111#...` written as intended; `router_idLVS_DEVEL` -> router_id rN;\n"
    "inline `#` comments (e.g. `priority 99#...`) and the notification/smtp settings dropped."
)


@dataclass
class Scenario:
    name: str
    description: str
    routers: List[RouterSpec]
    script: Callable
    seed_mapping: str = SEED_BASE
    notes: List[str] = field(default_factory=list)
    extra_expected: Dict = field(default_factory=dict)

    def router(self, name):
        for r in self.routers:
            if r.name == name:
                return r
        raise KeyError(name)


def seed_pair(**kw):
    r1 = RouterSpec("r1", 100, state="MASTER", **kw)
    r2 = RouterSpec("r2", 99, state="BACKUP", **kw)
    return [r1, r2]


# ---------------------------------------------------------------- scripts
def start_pair(r, second_at=1.5):
    """r1 at 0.5 s (the initial master), then r2 at `second_at`; returns r2's start action."""
    r.at(0.5)
    r.expect_initial("r1", r.start("r1"))
    r.at(second_at)
    return r.start("r2")


def failover_and_back(r, t_stop=9.0, t_restart=14.0, t_end=21.0, stagger=1.0):
    """start r1, start r2, graceful stop of r1 (resign), restart r1 (preempt)."""
    start_pair(r, second_at=0.5 + stagger)
    r.at(t_stop)
    st = r.stop("r1")
    r.expect_resigned("r2", st)
    r.at(t_restart)
    s = r.start("r1")
    r.expect_preempted("r1", s)
    r.at(t_end)


def sc_seed_demo(r):
    failover_and_back(r, t_stop=7.0, t_restart=10.0, t_end=15.5, stagger=0.7)


def sc_crash(r):
    start_pair(r)
    r.at(9.0)
    c = r.crash("r1")
    r.expect_master_down("r2", c)
    r.at(16.0)
    s = r.start("r1")
    r.expect_preempted("r1", s)
    r.at(23.0)


def sc_track(r):
    start_pair(r)
    r.at(9.0)
    f = r.fail_check("r1", "chk_http_port")
    # r1 notices within one script interval (1 s) and advertises 98; r2 (99) ignores the
    # lower-priority adverts and its master-down timer fires
    r.expect_master("r2", "preempted", f, r.spec("r2").master_down() - 1.05,
                    1 + r.spec("r2").master_down() + 1.0, effective_priorities={"r1": 98, "r2": 99})
    r.at(18.0)
    g = r.restore_check("r1", "chk_http_port")
    r.expect_master("r1", "preempted", g, r.spec("r1").master_down() - 1.05,
                    1 + r.spec("r1").master_down() + 1.0, effective_priorities={"r1": 100, "r2": 99})
    r.at(26.0)


def sc_v3_fast(r):
    failover_and_back(r, t_stop=4.0, t_restart=6.5, t_end=9.0, stagger=0.5)


def sc_v3_ipv6(r):
    failover_and_back(r, t_stop=9.0, t_restart=13.0, t_end=20.0)


def sc_frr_ipv6(r):
    """failover_and_back with the backup started once FRR advertises: its first IPv6 advert leaves
    about a second after it logs Master (see frr.py), and a backup started earlier claims master in
    between."""
    failover_and_back(r, t_stop=11.0, t_restart=15.0, t_end=25.0, stagger=6.5)


def sc_split(r):
    start_pair(r)
    r.at(8.0)
    b = r.block("r1", "r2")
    r.expect_master_down("r2", b, split_brain=True)
    r.at(18.0)
    h = r.heal("r1", "r2")
    s2 = r.spec("r2")
    a = float(s2.advert_int)
    dur = h["ts"] - b["ts"]
    r.expect_split_brain(
        ["r1", "r2"], b, h,
        block_duration=round(dur, 3),
        # r2 claims master master_down after the last r1 advert it heard (0..A before the
        # block) and returns to BACKUP on the first r1 advert after the heal (0..A after)
        duration_bounds=[round(dur - s2.master_down() - 0.3, 3),
                         round(dur - s2.master_down() + 2 * a + 0.3, 3)],
        resolution="r2 hears r1 (priority 100 > 99) again and returns to BACKUP; r1 stays MASTER")
    r.at(23.0)


def sc_interval(r):
    s2 = start_pair(r)
    sp = r.spec("r2")
    # r2 drops every r1 advert (interval mismatch) so it times out as if there were no master
    r.expect_master("r2", "master-down", s2, sp.master_down() - 0.05, sp.master_down() + 1.0,
                    split_brain=True)
    r.expect_split_brain(["r1", "r2"], s2, None, visible_on_wire=False,
                         resolution="none: both stay MASTER (keepalived logs) until the capture ends",
                         on_wire="r2 sends ONE advert (prio 99, intvl 2s) and its gratuitous ARP bursts for "
                                 "192.0.2.223, then stays silent: keepalived 2.2.7 restarts a master's advert "
                                 "timer on every VRRP packet it receives for the VRID, even one it discards "
                                 "(here: interval mismatch), and r1's adverts arrive every 1 s < 2 s")
    r.at(16.0)


def sc_nopreempt(r):
    start_pair(r)
    r.at(9.0)
    st = r.stop("r1")
    r.expect_resigned("r2", st)
    r.at(12.0)
    s = r.start("r1")
    r.sc.extra_expected["no_master_change_after_action"] = s["seq"]
    r.at(22.0)


def sc_three(r):
    start_pair(r)
    r.at(2.0)
    r.start("r3")
    r.at(9.0)
    c1 = r.crash("r1")
    r.expect_master_down("r2", c1)
    r.at(16.0)
    c2 = r.crash("r2")
    r.expect_master_down("r3", c2)
    r.at(23.0)


def sc_collision(r):
    start_pair(r, second_at=1.0)
    r.at(1.5)
    s3 = r.start("r3")
    # r3 discards cluster A's adverts (invalid password) and times out like a lone router
    r.expect_master("r3", "initial", s3, 3 * r.spec("r3").advert_int,
                    r.spec("r3").master_down() + 1.0, cluster="B")
    r.at(9.0)
    st = r.stop("r1")
    r.expect_resigned("r2", st)
    r.at(15.0)


# ---------------------------------------------------------------- verbatim seed
# The seed's two keepalived configurations, copied verbatim (typos included) from the document this
# project grew from.
SEED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed")
SEED_AUTH = {"r1": None, "r2": None}
SEED_VERBATIM_NOTES = [
    "keepalived 2.2.7 ignores `auth_typePASS` in both files; master.conf's correctly spaced "
    "`auth_pass 1111` is then unused, so BOTH routers send authtype 0 (none): the pair still "
    "agrees (no auth on either side) and fails over like the corrected seed-failover.",
    "`router_idLVS_DEVEL` is an unknown keyword (router_id falls back to the hostname); "
    "`state SLAVE` -> BACKUP; `virtual_router_id 51#...`, `priority 100#...` parse as 51/100.",
    "`keepalived -t` exits 5 on these files (warnings), see logs/r*.configtest.txt.",
]


def sc_node_takeover(r, crash_at=None, end_pad=6.0):
    """r1 (keepalived, master) at 0.5 s; the vrrpdump node r2 at 1.5 s listens, joins as backup; r1
    crashes -> r2 master-down; r1 restarted -> preempts, r2 back to backup."""
    node = r.spec("r2")
    start_pair(r)
    joined = 1.5 + listen_time(node)
    r.at(crash_at or joined + 3 * float(node.advert_int))
    c = r.crash("r1")
    r.expect_master_down("r2", c)
    r.at(r.t_offset() + node.master_down() + 2.5 * float(node.advert_int))
    r.addresses("r2")
    s = r.start("r1")
    r.expect_preempted("r1", s)
    r.at(r.t_offset() + r.spec("r1").master_down() + end_pad * float(node.advert_int))
    r.addresses("r2")


def node_master_with_peer_backup(r):
    """The vrrpdump node r1 (150) at 0.5 s listens, joins, becomes master; keepalived r2 (100) starts
    and stays backup."""
    node = r.spec("r1")
    r.at(0.5)
    s = r.start("r1")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r1", "initial", s, wait - 0.1, wait + 1.0)
    r.at(0.5 + wait + 1.0)
    r.start("r2")
    r.at(r.t_offset() + r.spec("r2").master_down() + 2 * float(node.advert_int))


def node_resigns(r):
    """SIGTERM to the node r1 -> priority 0 -> r2 master after its skew time."""
    st = r.stop("r1")
    r.expect_resigned("r2", st)
    r.at(r.t_offset() + 3 * float(r.spec("r1").advert_int) + 1.0)


def sc_node_resign(r):
    """r1 (the node) master, r2 backup; SIGTERM to r1 -> r2 master after its skew time."""
    node_master_with_peer_backup(r)
    node_resigns(r)


def sc_node_address_device(r):
    """eth1 made in r1's namespace; r1 master, r2 joins as backup; eth1 down -> r1 in Fault (keepalived
    follows an address's own interface) sends priority 0 -> r2 master; eth1 up -> r1 preempts back;
    SIGTERM to r1 -> r2 master. r1's eth0 and eth1 addresses recorded as master, in Fault, master
    again and stopped."""
    def snapshot():
        for ifname in ("eth0", "eth1"):
            r.addresses("r1", ifname)
    node = r.spec("r1")
    r.at(0.2)
    r.link("r1", "eth1", True)
    node_master_with_peer_backup(r)
    snapshot()
    down = r.link("r1", "eth1", False)
    r.expect_resigned("r2", down)
    r.at(r.t_offset() + 3 * float(node.advert_int) + 1.0)
    snapshot()
    up = r.link("r1", "eth1", True)
    r.expect_preempted("r1", up)
    r.at(r.t_offset() + node.master_down() + 3 * float(node.advert_int) + 1.0)
    snapshot()
    node_resigns(r)
    snapshot()


def node_preempts_peer(r, early=0.1, late=1.0):
    """keepalived r2 master first, then the node r1 starts and is expected to preempt once it
    listened; returns how long that takes from its start."""
    node, peer = r.spec("r1"), r.spec("r2")
    r.at(0.3)
    r.expect_initial("r2", r.start("r2"))
    r.at(0.3 + peer.master_down() + 0.5)
    s = r.start("r1")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r1", "preempted", s, wait - early, wait + late)
    return wait


def sc_node_check(r):
    """keepalived r2 (99) master first; the node r1 (100, --check on port 80, weight -2) joins and
    preempts; its listener stops -> 98 -> r2 preempts; listener back -> 100 -> r1 preempts."""
    node, peer = r.spec("r1"), r.spec("r2")
    wait = node_preempts_peer(r)
    r.at(r.t_offset() + wait + 1.5)
    f = r.fail_check("r1", "chk_http_port")
    # The check notices within its interval (0.5 s); r2 ignores the 98 adverts and times out one
    # master-down interval after the last 100 one, which may be before the listener stopped.
    r.expect_master("r2", "preempted", f, 0.1, peer.master_down() + 1.2)
    r.at(r.t_offset() + peer.master_down() + 2.0)
    b = r.restore_check("r1", "chk_http_port")
    r.expect_master("r1", "preempted", b, node.master_down() - 0.05, node.master_down() + 1.2)
    r.at(r.t_offset() + node.master_down() + 2.0)


def sc_node_safety(r):
    """Listen before joining refuses a VRID that carries other addresses (keepalived r1 has .229);
    then, r1 stopped, the node joins; SIGKILL leaves its VIP; a restart removes it, joins again and
    ends with one copy; the administrator's own 192.0.2.50 stays throughout."""
    node, other = r.spec("r2"), r.spec("r1")
    r.at(0.2)
    r.admin_address("r2", "192.0.2.50/24")
    r.at(0.3)
    r.expect_initial("r1", r.start("r1"))
    r.at(0.3 + other.master_down() + 0.3)
    r.start("r2")  # refuses after listening
    r.at(r.t_offset() + listen_time(node) + 1.0)
    r.stop("r1")
    r.at(r.t_offset() + 0.5)
    s = r.start("r2")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r2", "initial", s, wait - 0.1, wait + 1.0)
    r.at(r.t_offset() + wait + 1.0)
    r.addresses("r2")
    r.crash("r2")
    r.addresses("r2")
    r.at(r.t_offset() + 0.3)
    s = r.start("r2")
    r.expect_master("r2", "initial", s, wait - 0.1, wait + 1.0)
    r.at(r.t_offset() + wait + 1.0)
    r.addresses("r2")
    r.stop("r2")
    r.addresses("r2")


def sc_node_foreign_answer(r):
    """A plain host r2 holds the VIP (no VRRP); the node r1 probes it while listening and refuses,
    naming r2's MAC; the node r3 with --force joins anyway and notes it."""
    node = r.spec("r1")
    r.at(0.2)
    r.admin_address("r2", "192.0.2.223/24")
    r.at(0.5)
    r.start("r1")  # refuses after listening
    r.at(r.t_offset() + listen_time(node) + 1.0)
    s = r.start("r3")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r3", "initial", s, wait - 0.1, wait + 1.0)
    r.at(r.t_offset() + wait + 1.0)
    r.stop("r3")


def node_master_then_peer(r):
    """The node r1 starts at 0.3 s, listens and becomes master; the peer r2 starts half a second
    later and has been backup for its master-down interval + 1 s on return. Returns the node's spec."""
    node = r.spec("r1")
    r.at(0.3)
    s = r.start("r1")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r1", "initial", s, wait - 0.1, wait + 1.0)
    r.at(0.3 + wait + 0.5)
    r.start("r2")
    r.at(r.t_offset() + r.spec("r2").master_down() + 1.0)
    return node


def sc_node_vmac(r):
    """The node r1 (150, --use-vmac) becomes master, keepalived r2 (100) backup; SIGKILL of the node
    leaves its macvlan -> r2 master-down; the restarted node cleans up, preempts; SIGTERM -> r2
    master after its skew; the macvlan is gone and eth0's sysctls are back."""
    r.at(0.2)
    r.links("r1")
    node = node_master_then_peer(r)
    wait = listen_time(node) + node.master_down()
    r.links("r1")
    c = r.crash("r1")
    r.expect_master_down("r2", c)
    r.at(r.t_offset() + r.spec("r2").master_down() + 1.0)
    r.links("r1")
    s = r.start("r1")
    r.expect_master("r1", "preempted", s, wait - 0.1, wait + 1.0)
    r.at(r.t_offset() + wait + 1.0)
    r.links("r1")
    st = r.stop("r1")
    r.expect_resigned("r2", st)
    r.at(r.t_offset() + 3 * float(node.advert_int) + 1.0)
    r.links("r1")


def sc_node_pause(r):
    """The node r1 (150) is master, keepalived r2 (100) backup; SIGSTOP to the node for 5 s ->
    keepalived takes over after its master-down interval; SIGCONT -> the node's overdue advert
    timer fires once, keepalived hears 150 and goes back to backup."""
    node = node_master_then_peer(r)
    p = r.pause("r1")
    r.expect_master_down("r2", p)
    r.at(r.t_offset() + 5.0)
    r.resume("r1")
    # The node never left master in its own eyes: the wire shows it back, its log shows no new term.
    r.at(r.t_offset() + 3 * float(node.advert_int) + 1.0)


def sc_node_bad_adverts(r):
    """The node r1 (150) becomes master; from r3's namespace 100 of each bad advert kind at 10/s."""
    node = r.spec("r1")
    r.at(0.3)
    s = r.start("r1")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r1", "initial", s, wait - 0.1, wait + 1.0)
    r.at(0.3 + wait + 1.0)
    r.inject("r3", 100, 0.1)
    r.at(r.t_offset() + 1.5)


def node_alone_master(r, at=0.3):
    """Starts the node r1 alone at `at` and expects it master once it listened; returns when (offset)."""
    node = r.spec("r1")
    r.at(at)
    s = r.start("r1")
    wait = listen_time(node) + node.master_down()
    r.expect_master("r1", "initial", s, wait - 0.1, wait + 1.0)
    return at + wait


def sc_node_steady(r, seconds):
    """The node r1 alone: listens, becomes master, advertises for `seconds`."""
    r.at(node_alone_master(r) + seconds)


def sc_node_track(r):
    """keepalived r2 (99) master first; the node r1 (100, the port-check config) joins and preempts; its
    port-80 listener stops -> 98 -> r2 preempts; listener back -> 100 -> r1 preempts."""
    node, peer = r.spec("r1"), r.spec("r2")
    # the first check result may come a whole script interval after the node joined
    wait = node_preempts_peer(r, early=1.1, late=1.5)
    r.at(r.t_offset() + wait + 2.0)
    f = r.fail_check("r1", "chk_http_port")
    # the script runs every second; r2 ignores the 98 adverts and times out
    r.expect_master("r2", "preempted", f, peer.master_down() - 1.05, 1 + peer.master_down() + 1.0)
    r.at(r.t_offset() + peer.master_down() + 3.0)
    r.addresses("r1")
    g = r.restore_check("r1", "chk_http_port")
    r.expect_master("r1", "preempted", g, node.master_down() - 1.05, 1 + node.master_down() + 1.0)
    r.at(r.t_offset() + node.master_down() + 3.0)
    r.addresses("r1")


# The seed's master-with-port-checks.conf with its typos fixed (`script "..."`), a check that works
# (the one quoted word is no file, so /bin/sh -c runs it, and it starts bash, which has /dev/tcp; dash
# has none) and the slave's auth and VIP, so the pair agrees. Its notify scripts write
# notify-r1.txt in the run directory (@OUT@).
PORT_CHECKS = """! vrrplab: the seed's master-with-port-checks.conf, typos fixed; checks through bash (dash has no
! /dev/tcp); auth PASS 1111 and VIP 192.0.2.223 as the slave's, so the pair agrees.
global_defs {
  router_id LVS_DEVEL
  script_user root
  enable_script_security
}
vrrp_script chk_http_port {
       script "/bin/bash -c '</dev/tcp/127.0.0.1/80'"
       interval 1
       weight -2
}
vrrp_script chk_mysql_port {
       script "/bin/bash -c '</dev/tcp/127.0.0.1/3306'"
       interval 1
       weight -2
}
vrrp_instance VI_1 {
   state MASTER
   interface eth0
   virtual_router_id 51
   priority 100
   advert_int 1
   authentication {
        auth_type PASS
        auth_pass 1111
   }
   virtual_ipaddress {
        192.0.2.223/24
   }
   track_script {
       chk_http_port
       chk_mysql_port
   }
   notify_master "/bin/sh -c 'echo master >> @OUT@/notify-r1.txt'"
   notify "/bin/sh -c 'echo $0 $1 $2 $3 >> @OUT@/notify-r1.txt'"
}
"""


def v3_instance(name, vrid, priority, vip, extra=""):
    """A keepalived VRRPv3 instance on eth0 at advert_int 0.3 with one VIP (`extra`: more lines)."""
    return (f"vrrp_instance {name} {{\n    interface eth0\n    virtual_router_id {vrid}\n    priority {priority}\n"
            f"    advert_int 0.3\n    virtual_ipaddress {{\n        {vip}\n    }}\n{extra}}}\n")


V3_GLOBAL = "global_defs {\n    vrrp_version 3\n}\n"
# keepalived's use_vmac, in the lab's VRRPv2 defaults (PASS 1111, advert_int 1).
VMAC_INSTANCE = """global_defs {
    router_id r1
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    use_vmac
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        192.0.2.223/24
    }
}
"""

TWO_INSTANCES = V3_GLOBAL + v3_instance("VI_1", 51, 150, "192.0.2.223/24") + v3_instance("VI_2", 52, 120, "192.0.2.224/24")


def sc_node_reload(r):
    """The node r1 runs TWO_INSTANCES; once both are master, the file is rewritten (VI_1 the same but
    moved, VI_2 removed, VI_3 added) and SIGHUP sent: VI_1 keeps advertising, VI_2 resigns, VI_3 starts."""
    node = r.spec("r1")
    r.at(node_alone_master(r) + 1.5)
    r.reload("r1", RELOADED)
    r.at(r.t_offset() + listen_time(node) + node.master_down() + 2.0)


# TWO_INSTANCES after an edit: VI_1 unchanged but moved below a new comment and VI_3, VI_2 removed.
RELOADED = ("! edited: VI_2 gone, VI_3 added\n" + V3_GLOBAL + v3_instance("VI_3", 53, 110, "192.0.2.225/24")
            + v3_instance("VI_1", 51, 150, "192.0.2.223/24"))


def sc_node_sync_group(r):
    """The node r1 runs SYNC_GROUP; trk0 (tracked by VI_1 only) goes down once both are master, and
    up again: both instances fault together and come back together."""
    node = r.spec("r1")
    r.at(0.2)
    r.link("r1", "trk0", True)
    r.at(node_alone_master(r) + 1.5)
    r.link("r1", "trk0", False)
    r.at(r.t_offset() + 2.0)
    r.link("r1", "trk0", True)
    r.at(r.t_offset() + node.master_down() + 2.0)


# Two instances in one vrrp_sync_group; only VI_1 tracks trk0.
SYNC_GROUP = (V3_GLOBAL + "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n"
              + v3_instance("VI_1", 51, 150, "192.0.2.223/24", extra="    track_interface {\n        trk0\n    }\n")
              + v3_instance("VI_2", 52, 120, "192.0.2.224/24"))


def sc_sync_group_wait(r):
    """B (r2: VRID 51 only, 200) master first; A (r1: VI_1 VRID 51 and VI_2 VRID 52 at 100 in
    vrrp_sync_group G) starts: VI_2 hears nobody but waits while VI_1 hears B. B stops -> both master;
    trk0 (VI_1's) down -> both fault; up -> both master again; B back -> both backup, VRID 52 silent."""
    a, b = r.spec("r1"), r.spec("r2")
    r.at(0.2)
    r.link("r1", "trk0", True)
    r.at(0.3)
    r.start("r2")
    r.at(1.5)
    r.start("r1")
    joined = 1.5 + (listen_time(a) if a.daemon == "vrrpdump" else 0.0)
    r.at(joined + a.master_down() + 3.0)
    r.stop("r2")
    r.at(r.t_offset() + 2.0)
    r.link("r1", "trk0", False)
    r.at(r.t_offset() + 1.0)
    r.link("r1", "trk0", True)
    r.at(r.t_offset() + a.master_down() + 2.0)
    r.start("r2")
    r.at(r.t_offset() + b.master_down() + a.master_down() + 3.0)


def sc_track_interface_weight(r):
    """r1 alone runs TRACK_WEIGHT (100; trk0 weight -20, trk1 weight +10), both up: master at 110;
    trk1 down -> 100; trk0 down -> 80; trk0 up -> 100; trk1 up -> 110. Never a fault."""
    a = r.spec("r1")
    r.at(0.2)
    r.link("r1", "trk0", True)
    r.link("r1", "trk1", True)
    r.at(0.3)
    r.start("r1")
    r.at(0.3 + (listen_time(a) if a.daemon == "vrrpdump" else 0.0) + a.master_down() + 1.5)
    for interface, up in (("trk1", False), ("trk0", False), ("trk0", True), ("trk1", True)):
        r.link("r1", interface, up)
        r.at(r.t_offset() + 1.5)


# One instance tracking two interfaces with weights (keepalived's track_interface IFACE weight W).
TRACK_WEIGHT = V3_GLOBAL + v3_instance("VI_1", 51, 100, "192.0.2.223/24",
                                       extra="    track_interface {\n        trk0 weight -20\n        trk1 weight 10\n    }\n")


def sc_excluded_addresses(r):
    """r1 alone runs EXCLUDED: master, its addresses recorded; stopped, recorded again."""
    a = r.spec("r1")
    r.at(0.3)
    r.start("r1")
    r.at(0.3 + (listen_time(a) if a.daemon == "vrrpdump" else 0.0) + a.master_down() + 1.5)
    r.addresses("r1")
    r.stop("r1")
    r.at(r.t_offset() + 1.0)
    r.addresses("r1")


# One instance with keepalived's virtual_ipaddress_excluded: held while master, never advertised.
EXCLUDED = V3_GLOBAL + v3_instance("VI_1", 51, 150, "192.0.2.223/24",
                                   extra="    virtual_ipaddress_excluded {\n        192.0.2.230/24\n"
                                         "        198.51.100.230/24\n    }\n")


# keepalived's `dev X` on another interface than the instance's: 198.51.100.9 goes on eth1, yet is
# advertised with the VIP.
ADDRESS_DEVICE = V3_GLOBAL + v3_instance("VI_1", 51, 150, "192.0.2.223/24\n        198.51.100.9/24 dev eth1")


def notify_line(what):
    """A notify script writing `what`, then how many arguments it got and which, to notify-r1.txt."""
    return f"\"/bin/sh -c 'echo {what} $# $0 $* >> @OUT@/notify-r1.txt'\""


SHARED_SCRIPT = "    track_script {\n        chk_shared\n    }\n"
# A's file in sync-group-wait (keepalived) and node-sync-group-wait (vrrpdump): VI_1 (VRID 51, tracks
# trk0) and VI_2 (VRID 52) at 100 in G, with the group's own notify scripts and the instances' notify;
# both track chk_shared, which writes a line to runs-r1.txt each time it runs.
SYNC_WAIT = ("global_defs {\n    vrrp_version 3\n    script_user root\n    enable_script_security\n}\n"
             "vrrp_script chk_shared {\n    script \"/bin/sh -c 'echo run >> @OUT@/runs-r1.txt'\"\n    interval 1\n"
             "    weight 0\n}\n"
             "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n"
             + "".join(f"    notify_{state} {notify_line('group-' + state)}\n" for state in ("master", "backup", "fault", "stop"))
             + f"    notify {notify_line('group')}\n}}\n"
             + v3_instance("VI_1", 51, 100, "192.0.2.223/24",
                           extra=f"    track_interface {{\n        trk0\n    }}\n{SHARED_SCRIPT}    notify {notify_line('instance')}\n")
             + v3_instance("VI_2", 52, 100, "192.0.2.224/24", extra=f"{SHARED_SCRIPT}    notify {notify_line('instance')}\n"))


def seed_config(fn, keep_vip=False):
    """The seed's file with the interface renamed and (unless `keep_vip`: 192.168.1.x, on the lab's own
    bridge only) the VIP moved to the documentation prefix."""
    path = os.path.join(SEED_DIR, fn)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = text.replace("eno16777736", "eth0")
    if keep_vip:
        return (f"! vrrplab: verbatim copy of the seed's {fn}; only the interface (eno16777736 -> eth0) was\n"
                f"! replaced. Typos kept on purpose.\n") + text
    text = text.replace("192.168.1.223", "192.0.2.223")
    head = (f"! vrrplab: verbatim copy of the seed's {fn}; only the interface (eno16777736 -> eth0)\n"
            f"! and the VIP (192.168.1.223 -> 192.0.2.223) were replaced. Typos kept on purpose.\n")
    return head + text


# ---------------------------------------------------------------- corpus
def _track_scripts():
    return [TrackScript("chk_http_port", 80), TrackScript("chk_mysql_port", 3306)]


def build():
    S = []
    S.append(Scenario(
        "seed-failover",
        "The seed pair (r1 MASTER 100, r2 BACKUP 99, VRRPv2 vrid 51, PASS 1111, VIP 192.0.2.223): "
        "r1 master, graceful stop of r1 (priority 0) -> r2 master, r1 restarted -> preempts back.",
        seed_pair(), failover_and_back))
    S.append(Scenario(
        "seed-demo",
        "Short demo of the seed pair: r1 master, graceful stop (priority 0) -> r2, r1 back -> preempts.",
        seed_pair(), sc_seed_demo))
    S.append(Scenario(
        "crash-failover",
        "Seed pair; r1's keepalived crashes (VRRP child SIGKILLed, parent stopped and killed so it "
        "cannot respawn it: no priority 0 advert) -> r2 takes over after the master-down interval "
        "(3 x 1 s + skew 0.613 s); r1 restarted -> preempts.",
        seed_pair(), sc_crash))
    S.append(Scenario(
        "track-script",
        "Seed's master-with-port-checks intent: vrrp_scripts chk_http_port (TCP 127.0.0.1:80) and "
        "chk_mysql_port (TCP 127.0.0.1:3306), interval 1, weight -2, on both routers, against tiny "
        "listeners the harness runs in each router namespace. r1's port-80 listener is stopped -> "
        "r1 drops to 98 < 99 -> r2 preempts; listener restarted -> r1 back to 100 -> r1 preempts.",
        [RouterSpec("r1", 100, state="MASTER", track=_track_scripts()),
         RouterSpec("r2", 99, state="BACKUP", track=_track_scripts())],
        sc_track,
        seed_mapping=SEED_BASE + "\n" + (
            "Also master-with-port-checks.conf: vrrp_script chk_http_port/chk_mysql_port with\n"
            "`script\"</dev/tcp/127.0.0.1/80\"` (no space: keepalived 2.2.7 drops the script and then the\n"
            "whole vrrp_script) -> script \"/bin/bash -c '</dev/tcp/127.0.0.1/80'\" (the redirection needs\n"
            "a shell); interval 1; weight -2; enable_script_security + script_user root added. Its\n"
            "auth_pass aaa / VIP 192.168.1.229 are not used here (see vrid-collision)."),
        notes=["Both routers track both ports; only r1's port 80 is failed, so r1's effective "
               "priority is 98 (one failed script x weight -2)."]))
    S.append(Scenario(
        "v3-fast",
        "VRRPv3 over IPv4 (vrrp_version 3), advert_int 0.1 (10 centiseconds): r1 master, graceful "
        "stop -> r2, r1 back -> preempts. No authentication (VRRPv3 has none).",
        seed_pair(version=3, advert_int=0.1, auth_pass=None), sc_v3_fast,
        seed_mapping=SEED_BASE + "\nChanged: vrrp_version 3, advert_int 0.1, authentication removed."))
    S.append(Scenario(
        "v3-ipv6",
        "VRRPv3 over IPv6 (adverts from link-local addresses to ff02::12), VIPs fe80::223 (first, "
        "link-local as RFC 5798 wants) and 2001:db8::223: r1 master, graceful stop -> r2, r1 back "
        "-> preempts.",
        seed_pair(version=3, family="inet6", auth_pass=None,
                  vips=["fe80::223/64", "2001:db8::223/64"]), sc_v3_ipv6,
        seed_mapping=SEED_BASE + "\nChanged: vrrp_version 3, IPv6 VIPs fe80::223 + 2001:db8::223, no auth."))
    S.append(Scenario(
        "split-brain",
        "Seed pair; nftables (bridge family, in the switch namespace) drops frames between r1's and "
        "r2's bridge ports in both directions while both still reach the observer -> r2 also "
        "becomes master (split brain); heal -> r2 returns to BACKUP.",
        seed_pair(), sc_split,
        notes=["Split-brain duration as seen on the wire is shorter than the block: r2 needs the "
               "master-down interval (3.613 s) before it claims master; see expected.split_brains."]))
    S.append(Scenario(
        "interval-mismatch",
        "VRRPv2 pair where r2 has advert_int 2 and r1 advert_int 1: each drops the other's adverts "
        "(RFC 3768 s7.1, keepalived logs an advertisement interval mismatch), so r2 also claims "
        "master and both stay master.",
        [RouterSpec("r1", 100, state="MASTER"),
         RouterSpec("r2", 99, state="BACKUP", advert_int=2, comment="advert_int 2 on purpose")],
        sc_interval,
        seed_mapping=SEED_BASE + "\nChanged: r2 advert_int 2 (seed has 1 on both)."))
    S.append(Scenario(
        "nopreempt",
        "Both state BACKUP, nopreempt on r1 (priority 100), r2 99: r1 becomes master, graceful "
        "stop -> r2, r1 restarted stays BACKUP (no preemption).",
        [RouterSpec("r1", 100, state="BACKUP", nopreempt=True), RouterSpec("r2", 99, state="BACKUP")],
        sc_nopreempt,
        seed_mapping=SEED_BASE + "\nChanged: r1 state BACKUP + nopreempt (keepalived requires BACKUP for nopreempt)."))
    S.append(Scenario(
        "three-routers",
        "r1 MASTER 100, r2 BACKUP 99, r3 BACKUP 90: crash r1 -> r2, crash r2 -> r3.",
        seed_pair() + [RouterSpec("r3", 90, state="BACKUP")], sc_three,
        seed_mapping=SEED_BASE + "\nAdded: r3 (192.0.2.150) priority 90.",
        notes=["r3 has priority 90, not 98: with 98 its skew (0.6172 s) is only 3.9 ms longer than "
               "r2's (0.6133 s) and in a trial run r3 fired 2 ms after r2's first advert, so both "
               "claimed master for a moment (r3 then saw r2's higher priority and backed off). With "
               "90 the margin is 35 ms and the story is deterministic."]))
    S.append(Scenario(
        "vrid-collision",
        "Two unrelated clusters share vrid 51 on one segment: A = r1 (MASTER 100) + r2 (BACKUP 99), "
        "PASS 1111, VIP 192.0.2.223; B = r3 alone (MASTER 100, PASS aaa, VIP 192.0.2.229, like the "
        "seed's master-with-port-checks.conf). Each side discards the other's adverts (invalid "
        "password), so each cluster has its own master on vrid 51; then r1 is stopped gracefully -> "
        "r2 (cluster A).",
        [RouterSpec("r1", 100, state="MASTER", cluster="A"),
         RouterSpec("r2", 99, state="BACKUP", cluster="A"),
         RouterSpec("r3", 100, state="MASTER", cluster="B", auth_pass="aaa",
                    vips=["192.0.2.229/24"])],
        sc_collision,
        seed_mapping=SEED_BASE + "\n" + (
            "Cluster B (r3) is master-with-port-checks.conf: also vrid 51 and priority 100 but auth_pass\n"
            "aaa and VIP 192.168.1.229 (-> 192.0.2.229); its port checks are left out here. Running the\n"
            "seed's two master configs on one segment gives exactly this collision."),
        extra_expected={
            "wire_interference": True,
            "vrid_collisions": [{"vrid": 51, "clusters": {
                "A": {"auth": "1111", "vips": ["192.0.2.223"], "routers": ["192.0.2.111", "192.0.2.199"]},
                "B": {"auth": "aaa", "vips": ["192.0.2.229"], "routers": ["192.0.2.150"]}}}]},
        notes=["Per cluster there is no split brain; a decoder keyed on vrid alone sees two "
               "masters for vrid 51 (r1 and r3, later r2 and r3).",
               "keepalived 2.2.7 restarts a master's advert timer on every VRRP packet it receives for "
               "its VRID, even one it discards for a bad password. Two masters on one VRID therefore "
               "silence each other: the one whose timer is due later never gets to send while the other "
               "keeps advertising, although both stay MASTER (logs, VIPs, gratuitous ARPs). On the wire a "
               "master may show up with a single advert and then go quiet; see verify's 'first "
               "appearances' comparison."]))
    S.append(Scenario(
        "frr-interop",
        "FRR 8.4's vrrpd (r1, priority 100) and keepalived (r2, BACKUP 99) in one VRRPv3 IPv4 group, "
        "vrid 51, advert_int 1 s, VIP 192.0.2.223: r1 master, graceful stop of r1's vrrpd (priority 0) "
        "-> r2, r1 restarted -> preempts.",
        [RouterSpec("r1", 100, version=3, auth_pass=None, daemon="frr"),
         RouterSpec("r2", 99, state="BACKUP", version=3, auth_pass=None)],
        failover_and_back,
        seed_mapping=SEED_BASE + "\n" + (
            "Changed: vrrp_version 3 without authentication (FRR's vrrpd has none), and r1 is FRR's vrrpd\n"
            "(zebra + vrrpd, VIP on a macvlan with the virtual MAC) instead of keepalived."),
        notes=["FRR sends its adverts and gratuitous ARPs from the macvlan, i.e. from the virtual MAC "
               "00:00:5e:00:01:33; keepalived (use_vmac not set) from the interface's own MAC.",
               "FRR starts as backup and claims master after the master-down interval, also when "
               "restarted with the higher priority (preemption by timer, RFC 5798 6.4.2)."]))
    S.append(Scenario(
        "frr-takeover",
        "keepalived (r1, MASTER 100) and FRR 8.4's vrrpd (r2, 99) in one VRRPv3 IPv4 group, vrid 51, "
        "advert_int 1 s, VIP 192.0.2.223: r1 master, r1's keepalived crashes (no priority 0) -> FRR "
        "takes over after its master-down interval; r1 restarted -> preempts, FRR returns to backup.",
        [RouterSpec("r1", 100, state="MASTER", version=3, auth_pass=None),
         RouterSpec("r2", 99, version=3, auth_pass=None, daemon="frr")],
        sc_crash,
        seed_mapping=SEED_BASE + "\n" + (
            "Changed: vrrp_version 3 without authentication (FRR's vrrpd has none), and r2 is FRR's vrrpd\n"
            "(zebra + vrrpd, VIP on a macvlan with the virtual MAC) instead of keepalived."),
        notes=["FRR, as the backup, times the master-down interval itself (3 x 1 s + skew 0.613 s) and "
               "announces the VIP with one gratuitous ARP from the virtual MAC."]))
    S.append(Scenario(
        "frr-ipv6",
        "FRR 8.4's vrrpd (r1, priority 100) and keepalived (r2, BACKUP 99) in one VRRPv3 IPv6 group, "
        "vrid 51, advert_int 1 s, VIPs fe80::223 (first, link-local) and 2001:db8::223: r1 master, "
        "graceful stop of r1's vrrpd (priority 0) -> r2, r1 restarted -> preempts.",
        [RouterSpec("r1", 100, version=3, family="inet6", auth_pass=None, daemon="frr",
                    vips=["fe80::223/64", "2001:db8::223/64"]),
         RouterSpec("r2", 99, state="BACKUP", version=3, family="inet6", auth_pass=None,
                    vips=["fe80::223/64", "2001:db8::223/64"])],
        sc_frr_ipv6,
        seed_mapping=SEED_BASE + "\n" + (
            "Changed: vrrp_version 3 over IPv6 with VIPs fe80::223 + 2001:db8::223, no authentication,\n"
            "and r1 is FRR's vrrpd (zebra + vrrpd, VIPs on a macvlan with the virtual MAC) instead of keepalived."),
        notes=["FRR sends its IPv6 adverts from the macvlan's own random link-local address and the "
               "virtual MAC 00:00:5e:00:02:33 (scenario.json has the address of this run); keepalived "
               "from eth0's link-local address and MAC.",
               "While master, FRR also has zebra send router advertisements on the macvlan.",
               "FRR's vrrpd keeps the macvlan protodown while backup. On becoming master it lifts that, "
               "logs 'Failed to find address to bind on vrrp6-51' until the link-local address is back, "
               "and sends its unsolicited NAs at once but its first advert about a second later; r2 "
               "therefore starts at 7 s, after r1's first advert."]))
    S.append(Scenario(
        "seed-verbatim",
        "The seed's master.conf (r1) and slave.conf (r2) run as they are, typos included; only the "
        "interface (eno16777736 -> eth0) and the VIP (192.168.1.223 -> 192.0.2.223) are replaced. "
        "Same actions as seed-failover: start both, graceful stop of r1, restart r1.",
        [RouterSpec("r1", 100, state="MASTER", raw_config=seed_config("master.conf"),
                    auth_effective=SEED_AUTH["r1"]),
         RouterSpec("r2", 99, state="BACKUP", raw_config=seed_config("slave.conf"),
                    auth_effective=SEED_AUTH["r2"])],
        failover_and_back,
        seed_mapping=("Verbatim seed files (scripts/vrrplab/seed), patched only for interface\n"
                      "and VIP. keepalived 2.2.7 drops `router_idLVS_DEVEL`, `auth_typePASS` (both files)\n"
                      "and `auth_pass1111#...` (slave.conf); `state SLAVE` defaults to BACKUP; inline `#`\n"
                      "comments after values (`priority 99#...`) are accepted."),
        notes=SEED_VERBATIM_NOTES))
    S += node_scenarios()
    return {s.name: s for s in S}


def node_scenarios():
    """vrrpdump --participate against keepalived (needs `--vrrpdump PATH`; not in the corpus)."""
    node_note = ("Changed: one router is vrrpdump --participate (daemon vrrpdump, flags in configs/);\n"
                 "it listens three master-down intervals before it joins.")
    v3 = dict(version=3, auth_pass=None)
    v6 = dict(v3, family="inet6", vips=["fe80::223/64", "2001:db8::223/64"])
    fast = dict(v3, advert_int=0.1)
    S = []
    # At 0.1 s the node runs as an operator would run it on a busy host: real-time and locked in memory.
    realtime = dict(node_args=["--rt-priority", "10", "--no-swap"])
    # The flags' notify scripts (keepalived's notify_master / notify) write notify-r2.txt in the run directory.
    notify = dict(node_args=["--notify-master", "echo master >> @OUT@/notify-r2.txt",
                             "--notify", "echo >> @OUT@/notify-r2.txt"])
    for name, kw, node_kw, what in (("node-takeover", {}, notify, "VRRPv2"), ("node-takeover-v3-ipv6", v6, {}, "VRRPv3 over IPv6"),
                                    ("node-takeover-v3-fast", fast, realtime, "VRRPv3/IPv4 at advert_int 0.1")):
        S.append(Scenario(
            name,
            f"{what}: keepalived r1 (MASTER 100) and vrrpdump --participate r2 (99): r1 crashes -> the node "
            "takes over after its master-down interval; r1 restarted -> preempts, the node returns to backup.",
            [RouterSpec("r1", 100, state="MASTER", **kw), RouterSpec("r2", 99, daemon="vrrpdump", **kw, **node_kw)],
            sc_node_takeover, seed_mapping=SEED_BASE + "\n" + node_note))
    for name, kw, what in (("node-resign", {}, "VRRPv2"), ("node-resign-v3-ipv6", v6, "VRRPv3 over IPv6"),
                           ("node-resign-v3-fast", fast, "VRRPv3/IPv4 at advert_int 0.1")):
        S.append(Scenario(
            name,
            f"{what}: vrrpdump --participate r1 (150) becomes master; keepalived r2 (BACKUP 100) stays "
            "backup; SIGTERM to the node -> priority 0 -> r2 master after its skew time.",
            [RouterSpec("r1", 150, daemon="vrrpdump", **kw), RouterSpec("r2", 100, state="BACKUP", **kw)],
            sc_node_resign, seed_mapping=SEED_BASE + "\n" + node_note))
    frr_note = node_note + "\nThe peer is FRR 8.4's vrrpd (zebra + vrrpd, VIP on a macvlan with the virtual MAC)."
    v2_open = dict(auth_pass=None)
    frr_stories = {
        sc_node_takeover: ("FRR's vrrpd r1 (100) and vrrpdump --participate r2 (99): r1 crashes (vrrpd and zebra "
                           "SIGKILLed) -> the node takes over after its master-down interval; r1 restarted -> preempts.",
                           [("r1", 100, "frr"), ("r2", 99, "vrrpdump")]),
        sc_node_resign: ("vrrpdump --participate r1 (150) master; FRR's vrrpd r2 (100) stays backup; SIGTERM to "
                         "the node -> priority 0 -> r2 master after its skew time.",
                         [("r1", 150, "vrrpdump"), ("r2", 100, "frr")]),
    }
    for name, kw, what, story in (("node-frr-takeover", v3, "VRRPv3", sc_node_takeover),
                                  ("node-frr-takeover-v2", v2_open, "VRRPv2 without authentication", sc_node_takeover),
                                  ("node-frr-resign", v2_open, "VRRPv2 without authentication", sc_node_resign),
                                  ("node-frr-resign-v3", v3, "VRRPv3", sc_node_resign)):
        text, routers = frr_stories[story]
        S.append(Scenario(
            name, f"{what}: {text}",
            [RouterSpec(r, priority, daemon=daemon, **kw) for r, priority, daemon in routers],
            story, seed_mapping=SEED_BASE + "\n" + frr_note))
    quick = dict(version=3, auth_pass=None, advert_int=0.3)
    check = ["--check", "/bin/bash -c '</dev/tcp/127.0.0.1/80'", "--check-interval", "0.5", "--check-weight=-2"]
    seed_vip = dict(auth_pass=None, auth_effective=None, vips=["192.168.1.223/32"])
    S.append(Scenario(
        "node-seed-interop",
        "The seed's pair as written: keepalived r1 runs master.conf, vrrpdump --participate --config r2 runs "
        "slave.conf (only the interface renamed; VIP 192.168.1.223 on the lab's own bridge). r1 crashes -> "
        "the node takes over after its master-down interval; r1 restarted -> preempts, the node returns to backup.",
        [RouterSpec("r1", 100, state="MASTER", raw_config=seed_config("master.conf", keep_vip=True), **seed_vip),
         RouterSpec("r2", 99, daemon="vrrpdump", raw_config=seed_config("slave.conf", keep_vip=True), **seed_vip)],
        sc_node_takeover,
        seed_mapping=("Verbatim seed files (scripts/vrrplab/seed), only the interface renamed. Both sides drop\n"
                      "`auth_typePASS`, so both send authtype 0; slave.conf's `state SLAVE` -> BACKUP.\n" + node_note),
        notes=SEED_VERBATIM_NOTES))
    S.append(Scenario(
        "node-config-two-instances",
        "VRRPv3, advert_int 0.3: vrrpdump --participate --config r1 runs two instances of one keepalived.conf "
        "in one process (VI_1: VRID 51, 150, VIP 192.0.2.223; VI_2: VRID 52, 120, VIP 192.0.2.224); both "
        "listen, become master and advertise side by side.",
        [RouterSpec("r1", 150, daemon="vrrpdump", raw_config=TWO_INSTANCES, vips=["192.0.2.223/24", "192.0.2.224/24"],
                    **quick)],
        lambda r: sc_node_steady(r, 3.0), seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-track-script",
        "The seed's port-check setup, typos fixed: vrrpdump --participate --config r1 (100) tracks "
        "chk_http_port and chk_mysql_port (weight -2, interval 1, /bin/sh -c starting bash for its /dev/tcp, "
        "as script_user root); keepalived r2 (BACKUP 99) master first; r1 joins and preempts; r1's port-80 "
        "listener stops -> 98 -> r2 preempts; listener back -> 100 -> r1 preempts.",
        [RouterSpec("r1", 100, daemon="vrrpdump", raw_config=PORT_CHECKS, track=_track_scripts()),
         RouterSpec("r2", 99, state="BACKUP")],
        sc_node_track, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-config-reload",
        "VRRPv3, advert_int 0.3: vrrpdump --participate --config r1 runs VI_1 (VRID 51) and VI_2 (VRID 52); "
        "both master; the file is rewritten (VI_1 unchanged but moved, VI_2 removed, VI_3 VRID 53 added) and "
        "SIGHUP sent: VI_1 stays master without a gap, VI_2 sends priority 0 and stops, VI_3 listens and joins.",
        [RouterSpec("r1", 150, daemon="vrrpdump", raw_config=TWO_INSTANCES,
                    vips=["192.0.2.223/24", "192.0.2.224/24", "192.0.2.225/24"], **quick)],
        sc_node_reload, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-sync-group",
        "VRRPv3, advert_int 0.3: vrrpdump --participate --config r1 runs VI_1 (VRID 51, tracks trk0) and "
        "VI_2 (VRID 52) in vrrp_sync_group G; both master; trk0 down -> both fault (priority 0) together; "
        "trk0 up -> both backup, then master together.",
        [RouterSpec("r1", 150, daemon="vrrpdump", raw_config=SYNC_GROUP, vips=["192.0.2.223/24", "192.0.2.224/24"],
                    **quick)],
        sc_node_sync_group, seed_mapping=SEED_BASE + "\n" + node_note))
    for name, daemon in (("sync-group-wait", "keepalived"), ("node-sync-group-wait", "vrrpdump")):
        S.append(Scenario(
            name,
            f"VRRPv3, advert_int 0.3: A ({daemon} r1) runs VI_1 (VRID 51, tracks trk0) and VI_2 (VRID 52), both 100, "
            "in vrrp_sync_group G with the group's notify scripts; B (keepalived r2) runs only VRID 51 at 200 and "
            "is master first. A's VI_2 hears nobody but waits while VI_1 hears B; B stopped -> both master; "
            "trk0 down -> both fault; up -> both master; B back -> both backup, VRID 52 without a master.",
            [RouterSpec("r1", 100, daemon=daemon, raw_config=SYNC_WAIT, vips=["192.0.2.223/24", "192.0.2.224/24"], **quick),
             RouterSpec("r2", 200, **quick)],
            sc_sync_group_wait, seed_mapping=SEED_BASE + ("\n" + node_note if daemon == "vrrpdump" else "")))
    for name, daemon in (("track-interface-weight", "keepalived"), ("node-track-interface-weight", "vrrpdump")):
        S.append(Scenario(
            name,
            f"VRRPv3, advert_int 0.3: {daemon} r1 alone runs VI_1 (VRID 51, 100) with track_interface trk0 weight -20 "
            "and trk1 weight 10 (veths in its namespace), both up: master at 110; trk1 down -> 100; trk0 down -> 80; "
            "trk0 up -> 100; trk1 up -> 110; never a fault.",
            [RouterSpec("r1", 100, daemon=daemon, raw_config=TRACK_WEIGHT, **quick)],
            sc_track_interface_weight, seed_mapping=SEED_BASE + ("\n" + node_note if daemon == "vrrpdump" else "")))
    for name, daemon in (("excluded-addresses", "keepalived"), ("node-excluded-addresses", "vrrpdump")):
        S.append(Scenario(
            name,
            f"VRRPv3, advert_int 0.3: {daemon} r1 alone runs VI_1 (VRID 51, 150, VIP 192.0.2.223) with "
            "virtual_ipaddress_excluded 192.0.2.230 and 198.51.100.230: master with all three on eth0, adverts "
            "naming only 192.0.2.223; stopped -> all three gone.",
            [RouterSpec("r1", 150, daemon=daemon, raw_config=EXCLUDED, **quick)],
            sc_excluded_addresses, seed_mapping=SEED_BASE + ("\n" + node_note if daemon == "vrrpdump" else "")))
    S.append(Scenario(
        "node-address-device",
        "VRRPv3, advert_int 0.3: vrrpdump --participate --config r1 (150) runs VI_1 with virtual_ipaddress "
        "192.0.2.223/24 and 198.51.100.9/24 dev eth1 (a veth in its namespace); keepalived r2 (BACKUP 100, "
        "both addresses) starts once r1 is master and stays backup; r1's eth1 down -> r1 in Fault (priority 0) "
        "-> r2 master; eth1 up -> r1 preempts; SIGTERM to r1 -> r2 master. While r1 is master 198.51.100.9 "
        "is on its eth1 (not eth0), both addresses in every advert; in Fault and stopped, both gone.",
        [RouterSpec("r1", 150, daemon="vrrpdump", raw_config=ADDRESS_DEVICE, vips=["192.0.2.223/24", "198.51.100.9/24"],
                    **quick),
         RouterSpec("r2", 100, state="BACKUP", vips=["192.0.2.223/24", "198.51.100.9/24"], **quick)],
        sc_node_address_device, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-check",
        "VRRPv3, advert_int 0.3: keepalived r2 (99) master; vrrpdump --participate r1 (100, --check on "
        "127.0.0.1:80 with weight -2) joins and preempts; the check fails -> 98 -> r2 preempts; it "
        "recovers -> 100 -> r1 preempts back.",
        [RouterSpec("r1", 100, daemon="vrrpdump", track=[TrackScript("chk_http_port", 80)], node_args=check, **quick),
         RouterSpec("r2", 99, state="MASTER", **quick)],
        sc_node_check, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-safety",
        "VRRPv3, advert_int 0.3: keepalived r1 runs VRID 51 with VIP 192.0.2.229; vrrpdump --participate "
        "r2 (150, VIP .223) listens and refuses; r1 stopped, r2 joins; SIGKILL of r2, restart: its "
        "leftover VIP is removed and added once; the administrator's 192.0.2.50 on r2 stays.",
        [RouterSpec("r1", 100, state="MASTER", vips=["192.0.2.229/24"], **quick),
         RouterSpec("r2", 150, daemon="vrrpdump", **quick)],
        sc_node_safety, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-foreign-answer",
        "VRRPv3, advert_int 0.3: r2 (no VRRP daemon) holds the VIP 192.0.2.223 as a plain address; "
        "vrrpdump --participate r1 (150) probes it while listening and refuses, naming r2's MAC; "
        "r3 (150, --force) joins anyway and notes the stranger.",
        [RouterSpec("r1", 150, daemon="vrrpdump", **quick), RouterSpec("r2", 90, **quick),
         RouterSpec("r3", 150, daemon="vrrpdump", node_args=["--force"], **quick)],
        sc_node_foreign_answer, seed_mapping=SEED_BASE + "\n" + node_note))
    for name, kw, what, link in (("node-vmac", {}, "VRRPv2", "vrrp.51 with 00:00:5e:00:01:33"),
                                 ("node-vmac-v3-ipv6", v6, "VRRPv3 over IPv6", "vrrp6.51 with 00:00:5e:00:02:33")):
        S.append(Scenario(
            name,
            f"{what}: vrrpdump --participate --use-vmac r1 (150) master from its macvlan {link}, keepalived "
            "r2 (BACKUP 100); SIGKILL of the node -> r2 master-down; the restarted node removes its "
            "leftover macvlan and restores eth0's sysctls, preempts; SIGTERM -> r2 master; the macvlan is "
            "gone and eth0's sysctls are back.",
            [RouterSpec("r1", 150, daemon="vrrpdump", node_args=["--use-vmac"], **kw),
             RouterSpec("r2", 100, state="BACKUP", **kw)],
            sc_node_vmac, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-config-vmac",
        "VRRPv2: vrrpdump --participate --config r1 runs a keepalived.conf instance with use_vmac (VRID 51, "
        "150, VIP 192.0.2.223) from its macvlan vrrp.51 with 00:00:5e:00:01:33, keepalived r2 (BACKUP 100); "
        "then as node-vmac: SIGKILL, restart, SIGTERM.",
        [RouterSpec("r1", 150, daemon="vrrpdump", raw_config=VMAC_INSTANCE), RouterSpec("r2", 100, state="BACKUP")],
        sc_node_vmac, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-pause",
        "VRRPv2, advert_int 1: vrrpdump --participate r1 (150) master, keepalived r2 (BACKUP 100); "
        "SIGSTOP to the node for 5 s -> keepalived master-down; SIGCONT -> the node's overdue advert "
        "timer fires once and keepalived returns to backup.",
        [RouterSpec("r1", 150, daemon="vrrpdump"), RouterSpec("r2", 100, state="BACKUP")],
        sc_node_pause, seed_mapping=SEED_BASE + "\n" + node_note))
    S.append(Scenario(
        "node-bad-adverts",
        "VRRPv2: vrrpdump --participate r1 (150) master; from r3's namespace (r3's keepalived is never "
        "started) 100 each of: wrong password, TTL 64, bad checksum, priority 255 from an unknown "
        "source with a wrong password, at 10/s for 10 s. The node stays master and counts each.",
        [RouterSpec("r1", 150, daemon="vrrpdump"), RouterSpec("r3", 90)],
        sc_node_bad_adverts, seed_mapping=SEED_BASE + "\n" + node_note))
    return S


SCENARIOS = build()
