"""Crafted captures for the timeline stories of issue 8 (each NAME.pcap with NAME.md and its golden
NAME.expected-timeline.jsonl written from the parameters below, never from vrrpdump's output).

Imported by make-crafted, which provides the frame builders, the golden helpers and the writers
(passed in as `m`, the make-crafted module)."""

import struct

import craftlib as C
from craftlib import us as at


def own_mac(host):
    """keepalived's default: adverts and gratuitous ARPs from the router's own MAC (no use_vmac)."""
    return C.doc_mac(host)


def host_ip(host):
    return "192.0.2.%d" % host


def v2(m, vrid, host, prio, vip, t, interval=1, mac=None, ident=0):
    return (at(t), m.adv2(vrid, host_ip(host), prio, [vip], adv=interval, ident=ident & 0xFFFF,
                          src_mac=mac or own_mac(host)))


def kgarp_burst(m, host, vip, t, count=5, mac=None):
    """keepalived's burst: garp_master_repeat (5) gratuitous ARP requests, 100 µs apart."""
    mac = mac or own_mac(host)
    return [(at(t + k * 0.0001), m.arp(mac, C.BCAST, 1, mac, vip, "00:00:00:00:00:00", vip))
            for k in range(count)]


def cisco_pair(m, vrid, vip, t):
    return [(at(t, k), frame) for k, frame in enumerate(m.cisco_garp_pair(vrid, vip, ()))]


def skew_v2(prio):
    return (256 - prio) / 256.0


def us_round(t):
    return round(t, 6)


def story01(m):
    """1. Announcement attribution with a shared MAC; the burst precedes the new master's first advert."""
    vrid, vip = 40, "192.0.2.40"
    r1, p1, r2, p2 = 41, 95, 42, 105
    adverts1 = [0.5, 10.5, 20.5]
    first2 = 22.217
    adverts2 = [first2 + 10 * k for k in range(4)]
    garps2 = [first2 - 0.001 + k for k in range(3)]
    vm = C.vmac4(vrid)
    recs = [v2(m, vrid, r1, p1, vip, t, 10, vm, 0x100 + i) for i, t in enumerate(adverts1)]
    recs += [v2(m, vrid, r2, p2, vip, t, 10, vm, 0x200 + i) for i, t in enumerate(adverts2)]
    for t in garps2:
        recs += cisco_pair(m, vrid, vip, t)
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    m.golden("story01-announcement-attribution.pcap", [
        dict(m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0],
                        because="the capture begins in R1's term: R1 sends no announcement"), garp_delay_s=None),
        m.g_master(vr, host_ip(r2), p2, "preempted", first2, previous=host_ip(r1), previous_last=adverts1[-1],
                   garp=(garps2[0], 2),
                   because="R2's pair of ARP replies from the shared virtual MAC comes 1 ms before its first advert "
                           "(within the 50 ms announcement lead): R2's, not R1's, although R1 reigned when it came; "
                           "the repeats 1 s and 2 s later are bursts of the same takeover"),
        m.g_summary(vr, host_ip(r2), [host_ip(r2)], {host_ip(r1): len(adverts1), host_ip(r2): len(adverts2)},
                    because="R1's last advert is %.1f s before the end, beyond 2 x 10 s" % (adverts2[-1] - adverts1[-1])),
    ])
    m.pcap("story01-announcement-attribution.pcap", recs, m.CISCO_NOTES + """

Issue 8, story 1. Cisco behaviour: both routers send adverts and gratuitous ARPs
from the virtual MAC 00:00:5e:00:01:28 (vrid 40, 192.0.2.40, VRRPv2, interval
10 s, no authentication). The capture begins during R1's term (no announcement
from R1). R2 (priority 105) preempts R1 (95): its ARP-reply pair (to
ff:ff:ff:ff:ff:ff and 01:00:0c:cd:cd:cd) goes out 1 ms BEFORE its first advert
at 22.217 s, and again 1 s and 2 s later.

| time (s) | what |
| --- | --- |
| 0.5, 10.5, 20.5 | R1 192.0.2.41 adverts, priority 95 |
| 22.216, 23.216, 24.216 | ARP-reply pairs for 192.0.2.40 from the virtual MAC |
| 22.217 + 10 n | R2 192.0.2.42 adverts, priority 105 |

Correct timeline: R1 initial with no announcement (`garp_delay_s` null, not
"garp after 22.217 s"); R2 preempted from R1, gap 1.717 s, `garp_delay_s`
-0.001, burst 2.
""")


def story02(m):
    """2 and 8. A resignation nobody answers, then a new master 62 s later: recovered, no failover."""
    vrid, vip = 41, "192.0.2.50"
    r1, p1, r2, p2 = 51, 100, 52, 90
    adverts1 = [0.0, 10.0, 20.0]
    resign = 20.5
    silence = resign + 3 * 10 + 1 + 0.05       # TimelineRules.silenceTimeout(10 s, VRRPv2)
    first2 = resign + 62.0
    adverts2 = [first2 + 10 * k for k in range(4)]
    vm = C.vmac4(vrid)
    recs = [v2(m, vrid, r1, p1, vip, t, 10, vm, 0x100 + i) for i, t in enumerate(adverts1)]
    recs.append(v2(m, vrid, r1, 0, vip, resign, 10, vm, 0x1FF))
    recs += [v2(m, vrid, r2, p2, vip, t, 10, vm, 0x200 + i) for i, t in enumerate(adverts2)]
    recs.append((at(first2 + 0.0005), m.garp(vrid, vip)))
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    m.golden("story02-recovered-after-silence.pcap", [
        dict(m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0],
                        because="R1 advertises first, without an announcement: its event waits 3 x 10 s and is "
                                "decided after R1's resignation, yet printed before it (time order)"),
             garp_delay_s=None),
        m.exactly({"event": "resign", "vr": vr, "router": host_ip(r1)}, "ts", m.ep(resign))
        | {"because": "R1 sends priority 0"},
        m.exactly({"event": "silence", "vr": vr, "router": host_ip(r1)}, "ts", m.ep(silence))
        | {"because": "nobody advertises within 3 x 10 s + 1 s + 50 ms of the resignation"},
        m.exactly(m.g_master(vr, host_ip(r2), p2, "recovered", first2, previous=host_ip(r1),
                             garp=(first2 + 0.0005, 1),
                             because="the group had no master for 62 s: a recovery, no failover gap"),
                  "outage_s", first2 - resign),
        m.g_summary(vr, host_ip(r2), [host_ip(r2)], {host_ip(r1): len(adverts1) + 1, host_ip(r2): len(adverts2)},
                    because="R2 advertises to the end; no failover") | {"failovers": 0},
    ])
    m.pcap("story02-recovered-after-silence.pcap", recs, m.CISCO_NOTES + """

Issue 8, stories 2 and 8. VRRPv2, vrid 41, 192.0.2.50, interval 10 s, adverts
from the virtual MAC. R1 192.0.2.51 (priority 100) advertises at 0, 10, 20 s,
resigns (priority 0) at 20.5 s; nobody takes over (Cisco observation: both
routers administratively down) until R2 192.0.2.52 (priority 90) starts at
82.5 s, 62 s later, with one gratuitous ARP 0.5 ms after its first advert.

Correct timeline, in time order: master R1 (initial, no announcement),
resign R1 at 20.5, silence at 51.55, master R2 `recovered` from R1 with
`outage_s` 62 and `gap_s` null; 0 failovers.
""")


def story03(m):
    """3. Two equal-priority backups time out together: one master change, tie-break, contenders."""
    vrid, vip = 42, "192.0.2.60"
    r1, p1, r2, r3, pb = 61, 100, 62, 63, 50
    adverts1 = [float(k) for k in range(11)]
    first2 = us_round(adverts1[-1] + 3 + skew_v2(pb))    # Master_Down_Interval, VRRPv2, priority 50
    first3 = us_round(first2 + 0.000049)
    adverts3 = [us_round(first3 + k) for k in range(11)]
    recs = [v2(m, vrid, r1, p1, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1)]
    recs += kgarp_burst(m, r1, vip, 0.001)
    recs.append(v2(m, vrid, r2, pb, vip, first2, ident=0x200))
    recs += [v2(m, vrid, r3, pb, vip, t, ident=0x300 + i) for i, t in enumerate(adverts3)]
    recs += kgarp_burst(m, r3, vip, us_round(first3 + 0.0002))
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    assert C.ip4(host_ip(r3)) > C.ip4(host_ip(r2))
    m.golden("story03-equal-priority-takeover.pcap", [
        m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0], garp=(0.001, 5), because="R1 advertises first"),
        m.g_master(vr, host_ip(r3), pb, "tie-break", first3, previous=host_ip(r1), previous_last=adverts1[-1],
                   garp=(us_round(first3 + 0.0002), 5),
                   because="R1 stops; R2 and R3 (both priority 50) time out together, 49 us apart; R2 (lower address) "
                           "yields: ONE master change, gap from R1's last advert") | {
            "contenders": [host_ip(r2), host_ip(r3)]},
        m.g_summary(vr, host_ip(r3), [host_ip(r3)],
                    {host_ip(r1): len(adverts1), host_ip(r2): 1, host_ip(r3): len(adverts3)},
                    because="one failover") | {"failovers": 1},
    ])
    m.pcap("story03-equal-priority-takeover.pcap", recs, """
Issue 8, story 3. keepalived style (own MACs 00:00:5e:00:53:xx), VRRPv2, vrid 42,
192.0.2.60, interval 1 s. R1 192.0.2.61 (priority 100) advertises 0..10 s and
dies. R2 192.0.2.62 and R3 192.0.2.63, both priority 50, time out together
(Master_Down_Interval 3 + 206/256 s): R2 advertises at %.6f, R3 49 us later;
R2 hears R3 (equal priority, higher address) and yields after its one advert;
R3 announces (5 gratuitous ARPs) and stays master.

Correct timeline: one master change to R3, cause `tie-break`, previous R1,
gap %.6f s (from R1's last advert), contenders R2 and R3; 1 failover.
""" % (first2, first3 - adverts1[-1]))


def story04(m):
    """4. A backup that stops hearing the master takes over while the master keeps advertising."""
    vrid, vip = 43, "192.0.2.70"
    r1, p1, r2, p2 = 71, 100, 72, 90
    adverts1 = [float(k) for k in range(21)]
    first2 = 10.612
    adverts2 = [us_round(first2 + k) for k in range(10)]
    recs = [v2(m, vrid, r1, p1, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1)]
    recs += [v2(m, vrid, r2, p2, vip, t, ident=0x200 + i) for i, t in enumerate(adverts2)]
    recs += kgarp_burst(m, r1, vip, 0.001)
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    assert m.overlap_is_split_brain(first2, adverts1, adverts2, 1.0)
    m.golden("story04-split-brain-onset.pcap", [
        m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0], garp=(0.001, 5), because="R1 advertises first"),
        m.g_master(vr, host_ip(r2), p2, "split-brain", first2, previous=host_ip(r1),
                   because="R1 (priority 100, which R2 does not outrank) advertised 0.612 s before: the onset of a "
                           "split brain, no failover gap"),
        m.exactly({"event": "split-brain", "vr": vr, "routers": [host_ip(r1), host_ip(r2)]}, "ts", m.ep(first2))
        | {"because": "both advertise to the end, beyond 3 intervals"},
        m.g_summary(vr, host_ip(r1), [host_ip(r1), host_ip(r2)],
                    {host_ip(r1): len(adverts1), host_ip(r2): len(adverts2)}, split_brain_ongoing=True,
                    because="no failover") | {"failovers": 0},
    ])
    m.pcap("story04-split-brain-onset.pcap", recs, """
Issue 8, story 4. VRRPv2, vrid 43, 192.0.2.70, interval 1 s, own MACs. R1
192.0.2.71 (priority 100) advertises 0..20 s; R2 192.0.2.72 (priority 90) stops
hearing it and advertises from 10.612 s on while R1 continues.

Correct timeline: master R2 cause `split-brain` (not "master-down, gap 612 ms"),
`gap_s` null, 0 failovers; the split brain from 10.612 s, ongoing at the end.
""")


def story05(m):
    """5. A split brain heals; the remaining master never re-announces: stale ARP."""
    vrid, vip = 44, "192.0.2.80"
    r1, p1, r2, p2 = 81, 100, 82, 90
    adverts1 = [float(k) for k in range(31)]
    adverts2 = [float(k) for k in range(10, 21)]
    recs = [v2(m, vrid, r1, p1, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1)]
    recs += [v2(m, vrid, r2, p2, vip, t, ident=0x200 + i) for i, t in enumerate(adverts2)]
    recs += kgarp_burst(m, r1, vip, 0.001) + kgarp_burst(m, r2, vip, 10.001)
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    end = adverts2[-1]
    wait = max(1.0, 3 * 1.0)     # TimelineRules.announcementWait(1 s)
    m.golden("story05-stale-arp-after-split-brain.pcap", [
        m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0], garp=(0.001, 5), because="R1 advertises first"),
        m.g_master(vr, host_ip(r2), p2, "split-brain", adverts2[0], previous=host_ip(r1),
                   because="R2 claims while R1 (which outranks it) advertises"),
        m.exactly({"event": "split-brain", "vr": vr, "routers": [host_ip(r1), host_ip(r2)]}, "ts", m.ep(adverts2[0]))
        | {"because": "both advertise for 10 s"},
        m.exactly(m.exactly({"event": "split-brain-end", "vr": vr, "routers": [host_ip(r1), host_ip(r2)]},
                            "ts", m.ep(end)), "duration_s", end - adverts2[0])
        | {"because": "R2 hears R1 again and yields after its advert at %.1f s" % end},
        m.exactly({"event": "stale-arp", "vr": vr, "router": host_ip(r2), "mac": own_mac(r2),
                   "master": host_ip(r1)}, "ts", m.ep(end + wait))
        | {"because": "R2's burst (own MAC) was the last announcement; R1 does not re-announce within "
                      "max(1 s, 3 x 1 s) of the overlap's end"},
        m.g_summary(vr, host_ip(r1), [host_ip(r1)], {host_ip(r1): len(adverts1), host_ip(r2): len(adverts2)},
                    because="R1 alone at the end") | {"failovers": 0},
    ])
    m.pcap("story05-stale-arp-after-split-brain.pcap", recs, """
Issue 8, story 5 (as keepalived does it: own MACs, no use_vmac). VRRPv2, vrid
44, 192.0.2.80, interval 1 s. R1 192.0.2.81 (priority 100, MAC
00:00:5e:00:53:51) advertises 0..30 s, announcing 192.0.2.80 at 0.001 s. R2
192.0.2.82 (priority 90, MAC 00:00:5e:00:53:52) cannot hear R1 from 10 s to
20 s: it advertises and announces 192.0.2.80 with its own MAC at 10.001 s, then
yields. R1 never announces again, so hosts keep sending to R2's MAC.

Correct timeline: split brain 10 s .. 20 s, then `stale-arp` for 192.0.2.80
(last announced by 00:00:5e:00:53:52, R2; master R1) at 23 s, when R1's
announcement window after the overlap is over.
""")


def story06(m):
    """6. A preempted master silent long before the end is not advertising at the end."""
    vrid, vip = 45, "192.0.2.90"
    r1, p1, r2, p2 = 91, 100, 92, 200
    adverts1 = [float(k) for k in range(11)]
    adverts2 = [us_round(10.4 + k) for k in range(31)]
    recs = [v2(m, vrid, r1, p1, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1)]
    recs += [v2(m, vrid, r2, p2, vip, t, ident=0x200 + i) for i, t in enumerate(adverts2)]
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    m.golden("story06-advertising-at-the-end.pcap", [
        dict(m.g_master(vr, host_ip(r1), p1, "initial", adverts1[0], because="R1 first"), garp_delay_s=None),
        dict(m.g_master(vr, host_ip(r2), p2, "preempted", adverts2[0], previous=host_ip(r1),
                        previous_last=adverts1[-1], because="priority 200 > 100 while R1 is alive"),
             garp_delay_s=None),
        m.g_summary(vr, host_ip(r2), [host_ip(r2)], {host_ip(r1): len(adverts1), host_ip(r2): len(adverts2)},
                    because="R1's last advert is %.1f s before the end: beyond its liveness window (2 s)"
                            % (adverts2[-1] - adverts1[-1])),
    ])
    m.pcap("story06-advertising-at-the-end.pcap", recs, """
Issue 8, story 6. VRRPv2, vrid 45, 192.0.2.90, interval 1 s, own MACs, no
announcements. R1 192.0.2.91 (priority 100) advertises 0..10 s; R2 192.0.2.92
(priority 200) preempts at 10.4 s and advertises to 40.4 s.

Correct summary: only R2 advertises at the end (`masters` = [R2]).
""")


def story07(m):
    """7. Priority changes that caused an election: a master's drop, then its rise."""
    vrid, vip = 46, "192.0.2.100"
    r1, r2, p2 = 101, 102, 99
    adverts1a = [float(k) for k in range(6)]
    drop = 6.0
    first2 = 6.6
    adverts2 = [us_round(first2 + k) for k in range(10)]
    rise = 16.0
    adverts1b = [rise + k for k in range(10)]
    recs = [v2(m, vrid, r1, 100, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1a)]
    recs.append(v2(m, vrid, r1, 98, vip, drop, ident=0x1F0))
    recs += [v2(m, vrid, r2, p2, vip, t, ident=0x200 + i) for i, t in enumerate(adverts2)]
    recs += [v2(m, vrid, r1, 100, vip, t, ident=0x300 + i) for i, t in enumerate(adverts1b)]
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    m.golden("story07-priority-changes.pcap", [
        dict(m.g_master(vr, host_ip(r1), 100, "initial", 0.0, because="R1 first"), garp_delay_s=None),
        m.exactly({"event": "priority", "vr": vr, "router": host_ip(r1), "from": 100, "to": 98}, "ts", m.ep(drop))
        | {"because": "a track script lowers R1 to 98"},
        dict(m.g_master(vr, host_ip(r2), p2, "preempted", first2, previous=host_ip(r1), previous_last=drop,
                        because="R2 (99) now outranks R1 (98)"),
             garp_delay_s=None, after_priority_drop=True, after_priority_rise=False),
        m.exactly({"event": "priority", "vr": vr, "router": host_ip(r1), "from": 98, "to": 100}, "ts", m.ep(rise))
        | {"because": "the script recovers: R1 returns with 100"},
        dict(m.g_master(vr, host_ip(r1), 100, "preempted", rise, previous=host_ip(r2), previous_last=adverts2[-1],
                        because="R1's rise to 100 outranks R2 (99)"),
             garp_delay_s=None, after_priority_drop=False, after_priority_rise=True),
        m.g_summary(vr, host_ip(r1), [host_ip(r1)],
                    {host_ip(r1): len(adverts1a) + 1 + len(adverts1b), host_ip(r2): len(adverts2)},
                    because="both priority changes caused an election")
        | {"failovers": 2, "elections_after_priority_change": 2},
    ])
    m.pcap("story07-priority-changes.pcap", recs, """
Issue 8, story 7 (keepalived track script, as in the lab's track-script
scenario). VRRPv2, vrid 46, 192.0.2.100, interval 1 s, own MACs. R1 192.0.2.101
advertises priority 100 (0..5 s), 98 at 6 s; R2 192.0.2.102 (99) preempts at
6.6 s; R1 returns with 100 at 16 s and preempts R2.

Correct: 2 priority changes, both caused an election.
""")


def story09(m):
    """9. The median of two failover gaps is their mean."""
    vrid, vip = 47, "192.0.2.110"
    r1, p1, r2, p2 = 111, 100, 112, 90
    adverts1 = [float(k) for k in range(6)]
    resign1 = 5.5
    first2 = us_round(resign1 + skew_v2(p2))
    adverts2 = [us_round(first2 + k) for k in range(6)]
    resign2 = us_round(adverts2[-1] + 0.5)
    first1 = us_round(resign2 + skew_v2(p1))
    adverts1b = [us_round(first1 + k) for k in range(5)]
    recs = [v2(m, vrid, r1, p1, vip, t, ident=0x100 + i) for i, t in enumerate(adverts1)]
    recs.append(v2(m, vrid, r1, 0, vip, resign1, ident=0x1F0))
    recs += [v2(m, vrid, r2, p2, vip, t, ident=0x200 + i) for i, t in enumerate(adverts2)]
    recs.append(v2(m, vrid, r2, 0, vip, resign2, ident=0x2F0))
    recs += [v2(m, vrid, r1, p1, vip, t, ident=0x300 + i) for i, t in enumerate(adverts1b)]
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    gaps = sorted([first2 - resign1, first1 - resign2])
    m.golden("story09-median-of-two-gaps.pcap", [
        dict(m.g_master(vr, host_ip(r1), p1, "initial", 0.0, because="R1 first"), garp_delay_s=None),
        m.exactly({"event": "resign", "vr": vr, "router": host_ip(r1)}, "ts", m.ep(resign1)) | {"because": "R1 leaves"},
        dict(m.g_master(vr, host_ip(r2), p2, "resigned", first2, previous=host_ip(r1), previous_last=resign1,
                        because="R2 after its skew time (256-90)/256 s"), garp_delay_s=None),
        m.exactly({"event": "resign", "vr": vr, "router": host_ip(r2)}, "ts", m.ep(resign2)) | {"because": "R2 leaves"},
        dict(m.g_master(vr, host_ip(r1), p1, "resigned", first1, previous=host_ip(r2), previous_last=resign2,
                        because="R1 after its skew time (256-100)/256 s"), garp_delay_s=None),
        m.exactly(m.g_summary(vr, host_ip(r1), [host_ip(r1)],
                              {host_ip(r1): len(adverts1) + 1 + len(adverts1b), host_ip(r2): len(adverts2) + 1},
                              because="gaps %.6f and %.6f s: the median is their mean" % tuple(gaps))
                  | {"failovers": 2}, "gap_median_s", sum(gaps) / 2),
    ])
    m.pcap("story09-median-of-two-gaps.pcap", recs, """
Issue 8, story 9. VRRPv2, vrid 47, 192.0.2.110, interval 1 s, own MACs. R1
192.0.2.111 (100) resigns at 5.5 s, R2 192.0.2.112 (90) takes over after its
skew time; R2 resigns, R1 takes over after its own. Two failover gaps of
%.6f and %.6f s.

Correct: median %.6f s (the mean of the two), not the larger.
""" % (gaps[0], gaps[1], sum(gaps) / 2))


def story10(m):
    """10. Malformed VRRP is visible: empty by its IP header vs cut by the snap length."""
    vrid, vip, r1 = 48, "192.0.2.120", 121
    adverts = [float(k) for k in range(6)]
    recs = [v2(m, vrid, r1, 100, vip, t, ident=0x100 + i) for i, t in enumerate(adverts)]
    attacker, cut = "192.0.2.66", "192.0.2.67"
    empty = m.v4(own_mac(66), own_mac(r1), attacker, host_ip(r1), b"", ttl=5, ident=0x66)
    dos = [1.5, 2.5, 3.5]
    recs += [(at(t), empty) for t in dos]
    full = m.adv2(vrid, cut, 100, [vip], ident=0x67, src_mac=own_mac(67))
    recs.append((at(4.5), full[:14 + 20], len(full)))   # snap length ends where VRRP begins
    recs.sort(key=lambda r: r[0])
    vr = m.vr_key(vrid)
    m.golden("story10-malformed-vrrp.pcap", [
        dict(m.g_master(vr, host_ip(r1), 100, "initial", 0.0, because="the only router"), garp_delay_s=None),
        m.exactly({"event": "malformed", "vr": None, "router": attacker,
                   "problems": ["empty-payload", "ttl-not-255", "unicast-destination"]}, "ts", m.ep(dos[0]))
        | {"because": "IP protocol 112 with total length 20: the sender sent no VRRP at all (TTL 5, unicast); "
                      "its 2 repeats are counted in the summary"},
        m.exactly({"event": "malformed", "vr": None, "router": cut, "problems": ["truncated"]}, "ts", m.ep(4.5))
        | {"because": "a whole advert on the wire, cut by the snap length where VRRP begins"},
        m.g_summary(vr, host_ip(r1), [host_ip(r1)], {host_ip(r1): len(adverts)}, because="one steady master"),
    ])
    m.pcap("story10-malformed-vrrp.pcap", recs, """
Issue 8, story 10. A steady VRRPv2 master (vrid 48, 192.0.2.121, interval 1 s),
and two kinds of unreadable VRRP:

| time (s) | what |
| --- | --- |
| 1.5, 2.5, 3.5 | 192.0.2.66 -> 192.0.2.121 (unicast), TTL 5, IP protocol 112, total length 20: no VRRP byte at all (as a published VRRP denial-of-service example sends) |
| 4.5 | a complete VRRPv2 advert from 192.0.2.67 on the wire (length %d), captured with 34 bytes: cut where VRRP begins |

Correct: the first is `empty-payload` with `ttl-not-255` and
`unicast-destination` (not "truncated": nothing was cut), reported in the
timeline (source, findings; the count 3 in its summary); the second is
`truncated`.
""" % len(full))


ALL = [story01, story02, story03, story04, story05, story06, story07, story09, story10]
