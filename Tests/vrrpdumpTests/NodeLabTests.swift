import Foundation
import XCTest

/// `vrrpdump --participate` against keepalived 2.2.7 in the namespace lab (`scripts/lab`, scenarios
/// `node-*`): every pass condition is measured on the observer's capture, written by `vrrpdump -w`.
final class NodeLabTests: XCTestCase {
    /// keepalived master crashes → the node's first advert comes one Master_Down_Interval (+ ≤ 50 ms)
    /// after keepalived's last, with announcements of the VIPs from its MAC and the VIP on its eth0;
    /// keepalived restarted → it preempts, the node goes back to backup and its VIP is gone.
    func testNodeTakesOverFromCrashedKeepalivedAndYieldsBack() throws {
        for lab in try LabRun.all(["node-takeover", "node-takeover-v3-ipv6", "node-takeover-v3-fast"]) {
            let name = lab.name
            try checkTakeover(lab)
            if name == "node-takeover" {
                // --notify-master without arguments, --notify with INSTANCE IFACE-VRID STATE PRIORITY, as
                // keepalived's notify_master / notify: backup on joining, master on the takeover, backup
                // when keepalived preempts, STOP on the SIGTERM at the end. The teardown stops keepalived
                // first, so the node may be master again before its own stop. The two scripts of one
                // transition start together: only each one's own order is fixed.
                let notified = ProcessOutcome.lines(try String(contentsOf: lab.directory.appendingPathComponent("notify-r2.txt"),
                                                               encoding: .utf8))
                let states = notified.filter { $0 != "master" }
                XCTAssertEqual(Array(states.prefix(3)), ["INSTANCE eth0-51 BACKUP 99", "INSTANCE eth0-51 MASTER 99",
                                                         "INSTANCE eth0-51 BACKUP 99"], "\(name): \(notified)")
                XCTAssertEqual(states.last, "INSTANCE eth0-51 STOP 99", "\(name): \(notified)")
                let teardown = states.dropFirst(3).dropLast()
                XCTAssertTrue(teardown.allSatisfy { $0 == "INSTANCE eth0-51 MASTER 99" }, "\(name): \(notified)")
                XCTAssertEqual(notified.filter { $0 == "master" }.count, 1 + teardown.count, "\(name): \(notified)")
            }
            if name == "node-takeover-v3-fast" {
                // The 0.1 s node runs with --rt-priority 10 --no-swap: it says so before it listens.
                let log = lab.nodeLog(try lab.router("r2"))
                XCTAssertTrue(log.contains { $0.contains("running real-time (SCHED_RR priority 10), locked in memory") },
                              "\(name): \(log.prefix(3))")
            }
        }
    }

    /// FRR 8.4's vrrpd as the peer, in both versions and both roles: the node as backup (FRR's master
    /// crashes) and as master (SIGTERM: FRR takes over within its skew + 50 ms).
    func testNodeWithFRR() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/lib/frr/vrrpd") else {
            throw XCTSkip("FRR's vrrpd is not installed (run scripts/bootstrap --test)")
        }
        let labs = try LabRun.all(["node-frr-takeover", "node-frr-takeover-v2", "node-frr-resign", "node-frr-resign-v3"])
        try checkTakeover(labs[0])
        try checkTakeover(labs[1])
        try checkResign(labs[2])
        try checkResign(labs[3])
    }

    func checkTakeover(_ lab: LabRun) throws {
        let name = lab.name
        let peer = try lab.router("r1"), node = try lab.router("r2")
        let crash = try lab.action("crash")
        let restart = try lab.action("start", router: "r1", after: crash.ts)

        let before = lab.adverts(from: peer.ip).filter { $0.ts <= crash.ts + 0.01 }
        let lastPeer = try XCTUnwrap(before.last, "\(name): peer advertised before the crash").ts
        let takeover = try XCTUnwrap(lab.adverts(from: node.ip).first { $0.ts > crash.ts && ($0.vrrp?.priority ?? 0) > 0 },
                                     "\(name): the node never advertised after the crash").ts
        let gap = takeover - lastPeer
        XCTAssertGreaterThanOrEqual(gap, node.masterDownInterval - 0.005, "\(name): took over early")
        XCTAssertLessThanOrEqual(gap, node.masterDownInterval + 0.05, "\(name): (first advert − the peer's last) − MDI > 50 ms")
        print("MEASURE \(name): takeover − MDI = \(String(format: "%.2f", (gap - node.masterDownInterval) * 1000)) ms")

        let announcements = lab.announcements(of: node.vips, from: node.mac).filter { $0.ts >= takeover }
        let first = try XCTUnwrap(announcements.first, "\(name): no gratuitous ARP / NA from the node").ts
        XCTAssertLessThan(first - takeover, 0.05, "\(name): first announcement late")
        print("MEASURE \(name): first announcement \(String(format: "%.2f", (first - takeover) * 1000)) ms after the first advert")

        let snapshots = lab.actions.filter { $0.action == "addresses" }
        XCTAssertEqual(snapshots.count, 2, name)
        func bare(_ addresses: [String]) -> Set<String> { Set(addresses.map { String($0.split(separator: "/")[0]) }) }
        let asMaster = bare(snapshots.first?.addresses?.map(\.address) ?? [])
        let asBackup = bare(snapshots.last?.addresses?.map(\.address) ?? [])
        XCTAssertTrue(bare(node.vips).isSubset(of: asMaster), "\(name): VIPs \(node.vips) on eth0 as master: \(asMaster)")
        XCTAssertTrue(bare(node.vips).isDisjoint(with: asBackup), "\(name): VIPs left on eth0 as backup: \(asBackup)")

        // Back to backup: the node is silent once the peer's first advert after its restart is out.
        let back = try XCTUnwrap(lab.adverts(from: peer.ip).first { $0.ts > restart.ts }, "\(name): peer silent").ts
        XCTAssertTrue(lab.adverts(from: node.ip).filter { $0.ts > back + 0.05 }.isEmpty, "\(name): the node still advertises")
        try lab.checkLogsAndTimeline(node: node)
    }

    /// The node (150) is master; keepalived (100) started later stays backup; SIGTERM → priority 0 →
    /// keepalived master within its Skew_Time + 50 ms.
    func testNodeResignsToKeepalived() throws {
        for lab in try LabRun.all(["node-resign", "node-resign-v3-ipv6", "node-resign-v3-fast"]) {
            try checkResign(lab)
        }
    }

    private func checkResign(_ lab: LabRun) throws {
        let name = lab.name
        let node = try lab.router("r1"), peer = try lab.router("r2")
        let stop = try lab.action("stop", router: "r1")
        let peerStart = try lab.action("start", router: "r2")
        XCTAssertTrue(lab.adverts(from: peer.ip).filter { $0.ts < stop.ts }.isEmpty,
                      "\(name): peer advertised while the node was master")
        XCTAssertGreaterThan(lab.adverts(from: node.ip).filter { $0.ts > peerStart.ts && $0.ts < stop.ts }.count, 2, name)
        let resign = try XCTUnwrap(lab.adverts(from: node.ip).first { $0.ts >= stop.ts - 0.01 && $0.vrrp?.priority == 0 },
                                   "\(name): no priority-0 advert").ts
        let takeover = try XCTUnwrap(lab.adverts(from: peer.ip).first { $0.ts > resign }, "\(name): peer silent").ts
        XCTAssertLessThanOrEqual(takeover - resign, peer.skew + 0.05, "\(name): peer took over late")
        XCTAssertTrue(lab.adverts(from: node.ip).filter { $0.ts > resign }.isEmpty, "\(name): the node advertised after resigning")
        print("MEASURE \(name): peer master \(String(format: "%.1f", (takeover - resign) * 1000)) ms after priority 0 (skew \(String(format: "%.1f", peer.skew * 1000)) ms)")
        try lab.checkLogsAndTimeline(node: node)
    }

    /// A check with weight -2 fails → the node advertises 98 → keepalived (99) takes over; it recovers →
    /// 100 → the node preempts back.
    func testFailingCheckHandsOverAndRecoveryPreemptsBack() throws {
        let lab = try LabRun("node-check")
        try checkHandoverAndBack(lab, checkInterval: 0.5, advertInterval: 0.3, margin: 0.05)
        try lab.checkLogsAndTimeline(node: try lab.router("r1"))
    }

    /// The node r1 (100) with a weight -2 check and keepalived r2 (99): the check fails → the node
    /// advertises 98 within a check and an advert interval, keepalived takes over one master-down
    /// interval later; it recovers → the node is back at 100 and preempts, keepalived goes quiet.
    func checkHandoverAndBack(_ lab: LabRun, checkInterval: Double, advertInterval: Double, margin: Double) throws {
        let node = try lab.router("r1"), keepalived = try lab.router("r2")
        let fail = try lab.action("fail-check"), restore = try lab.action("restore-check")
        let lowered = try XCTUnwrap(lab.adverts(from: node.ip).first { $0.ts > fail.ts && $0.vrrp?.priority == 98 },
                                    "the node never advertised 98").ts
        XCTAssertLessThan(lowered - fail.ts, checkInterval + advertInterval + 0.1, "the check runs every \(checkInterval) s")
        let handover = try XCTUnwrap(lab.adverts(from: keepalived.ip).first { $0.ts > lowered }, "keepalived never took over").ts
        XCTAssertLessThanOrEqual(handover - lowered, keepalived.masterDownInterval + 0.05)
        let back = try XCTUnwrap(lab.adverts(from: node.ip).first { $0.ts > restore.ts && $0.vrrp?.priority == 100 },
                                 "the node never preempted back").ts
        XCTAssertLessThanOrEqual(back - restore.ts, checkInterval + node.masterDownInterval + margin)
        XCTAssertTrue(lab.adverts(from: keepalived.ip).filter { $0.ts > back + 0.05 }.isEmpty, "keepalived still advertises")
    }

    /// Listen before joining refuses a VRID carrying other addresses (and sends nothing); a SIGKILLed
    /// node's restart removes its leftover VIP and ends with one copy; the administrator's address stays.
    func testListenRefusesAndKilledRunIsCleanedUp() throws {
        let lab = try LabRun("node-safety")
        let node = try lab.router("r2")
        let stopOther = try lab.action("stop", router: "r1")
        XCTAssertTrue(lab.adverts(from: node.ip).filter { $0.ts < stopOther.ts }.isEmpty, "the node advertised although it refused")
        XCTAssertTrue(lab.nodeLog(node).contains { $0.contains("\"not joining VRID 51: 192.0.2.111 advertises this VRID with other addresses (192.0.2.229)") },
                      "refusal with its reason")
        XCTAssertTrue(lab.nodeLog(node).contains { $0.contains("removed 192.0.2.223/24 left by a killed run") })
        let snapshots = lab.actions.filter { $0.action == "addresses" }.map { $0.addresses?.map(\.address) ?? [] }
        XCTAssertEqual(snapshots.count, 4)
        for (index, addresses) in snapshots.enumerated() {
            XCTAssertTrue(addresses.contains("192.0.2.50/24"), "the administrator's address, snapshot \(index): \(addresses)")
            let copies = addresses.filter { $0 == "192.0.2.223/24" }.count
            XCTAssertEqual(copies, index == 3 ? 0 : 1, "VIP copies in snapshot \(index): \(addresses)")
        }
        try lab.checkLogsAndTimeline(node: node)
    }

    /// A plain host (r2, no VRRP) holds the VIP: the node r1 asks for it once while listening (an ARP
    /// request from its own address; r2's unicast reply does not reach the observer's port), refuses
    /// naming r2's MAC and sends no advert;
    /// r3 with `--force` joins anyway, notes the stranger and becomes master.
    func testListenRefusesWhenAStrangerAnswersForTheVIP() throws {
        let lab = try LabRun("node-foreign-answer")
        let refused = try lab.router("r1"), stranger = try lab.router("r2"), forced = try lab.router("r3")
        let vip = String(try XCTUnwrap(refused.vips.first).split(separator: "/")[0])
        let probes = lab.records.filter { $0.arp?.op == 1 && $0.arp?.senderIp == refused.ip && $0.arp?.targetIp == vip }
        XCTAssertEqual(probes.count, 1, "one probe for the VIP from r1's own address")
        XCTAssertTrue(lab.adverts(from: refused.ip).isEmpty, "r1 advertised although it refused")
        XCTAssertTrue(lab.nodeLog(refused).contains { $0.contains("not joining VRID 51") && $0.contains("answered by \(stranger.mac)") },
                      "refusal naming the stranger's MAC: \(lab.nodeLog(refused))")
        XCTAssertTrue(lab.nodeLog(forced).contains { $0.contains("joining although") && $0.contains(stranger.mac) },
                      "--force notes the stranger: \(lab.nodeLog(forced))")
        XCTAssertFalse(lab.adverts(from: forced.ip).isEmpty, "r3 joined with --force")
        try lab.checkLogsAndTimeline(node: forced)
    }

    /// `--use-vmac` against keepalived: the node's adverts and gratuitous ARPs come from
    /// 00:00:5e:00:01:33, its VIP sits on the macvlan vrrp.51, eth0's ARP sysctls are raised while it
    /// runs; after SIGKILL the restart removes the leftover macvlan and restores them; after SIGTERM
    /// no macvlan is left and eth0's sysctls are what they were.
    /// The same over IPv6 (`node-vmac-v3-ipv6`): vrrp6.51 with 00:00:5e:00:02:33 and unsolicited NAs;
    /// eth0's ARP sysctls are left alone.
    func testVirtualMACMacvlanIsMadeUsedAndCleanedUp() throws {
        let labs = try LabRun.all(["node-vmac", "node-vmac-v3-ipv6", "node-config-vmac"])
        try checkVirtualMAC(labs[0], link: "vrrp.51", vmac: "00:00:5e:00:01:33")
        try checkVirtualMAC(labs[1], link: "vrrp6.51", vmac: "00:00:5e:00:02:33")
        // keepalived's use_vmac in a file run with --participate --config: the same macvlan, the same cleanup.
        try checkVirtualMAC(labs[2], link: "vrrp.51", vmac: "00:00:5e:00:01:33")
    }

    private func checkVirtualMAC(_ lab: LabRun, link: String, vmac: String) throws {
        let node = try lab.router("r1")
        let ipv6 = link.hasPrefix("vrrp6")
        let vip = String(try XCTUnwrap(node.vips.last).split(separator: "/")[0])
        let adverts = lab.adverts(from: node.ip).filter { ($0.vrrp?.priority ?? 0) > 0 }
        XCTAssertFalse(adverts.isEmpty)
        XCTAssertTrue(adverts.allSatisfy { $0.srcMac == vmac }, "adverts from \(Set(adverts.compactMap(\.srcMac)))")
        XCTAssertFalse(lab.announcements(of: node.vips, from: vmac).isEmpty, "gratuitous ARPs from the virtual MAC")
        XCTAssertTrue(lab.announcements(of: node.vips, from: node.mac).isEmpty, "no gratuitous ARP from eth0's MAC")
        let first = lab.records.first { $0.srcMac == vmac }
        XCTAssertNotNil(first?.vrrp, "nothing leaves from the virtual MAC before the node's first advert as master: \(String(describing: first?.kind))")

        let snapshots = lab.actions.filter { $0.action == "links" }
        XCTAssertEqual(snapshots.count, 5)
        guard snapshots.count == 5 else { return }
        func macvlans(_ index: Int) -> [LabRun.Action.Link] { (snapshots[index].links ?? []).filter { $0.name == link } }
        let before = try XCTUnwrap(snapshots[0].sysctls)
        for index in [1, 3] {
            let made = macvlans(index)
            XCTAssertEqual(made.count, 1, "snapshot \(index)")
            XCTAssertEqual(made.first?.mac, vmac)
            XCTAssertEqual(made.first?.kind, "macvlan")
            XCTAssertEqual(made.first?.addresses.filter { $0.hasPrefix(vip + "/") }.count, 1, "the VIP on the macvlan, once")
            let eth0 = snapshots[index].links?.first { $0.name == "eth0" }
            XCTAssertFalse(eth0?.addresses.contains { $0.hasPrefix(vip + "/") } ?? true, "the VIP is not on eth0")
            XCTAssertEqual(snapshots[index].sysctls?["arp_ignore"], ipv6 ? before["arp_ignore"] : max(1, before["arp_ignore"] ?? 0))
            XCTAssertEqual(snapshots[index].sysctls?["arp_announce"], ipv6 ? before["arp_announce"] : max(2, before["arp_announce"] ?? 0))
        }
        XCTAssertEqual(macvlans(2).count, 1, "SIGKILL leaves the macvlan for the restart to remove")
        XCTAssertTrue(macvlans(4).isEmpty, "no macvlan after SIGTERM")
        XCTAssertEqual(snapshots[4].sysctls, before, "eth0's sysctls restored")
        let log = lab.nodeLog(node)
        XCTAssertTrue(log.contains { $0.contains("deleted \(link) left by a killed run") }, "\(log)")
        if !ipv6, before["arp_ignore"] == 0 {
            XCTAssertTrue(log.contains { $0.contains("restored net.ipv4.conf.eth0.arp_ignore = 0") }, "\(log)")
        }
        try lab.checkLogsAndTimeline(node: node)
    }

    /// 100 each of four bad adverts at 10/s (wrong password, TTL 64, bad checksum, priority 255 from an
    /// unknown source with a wrong password): the node stays master, and each drop counter equals
    /// what was sent.
    func testBadAdvertsAreCountedAndChangeNothing() throws {
        let lab = try LabRun("node-bad-adverts")
        let node = try lab.router("r1")
        let inject = try lab.action("inject")
        let during = lab.adverts(from: node.ip).filter { $0.ts > inject.ts - 1 && $0.ts < inject.ts + 11 }
        XCTAssertGreaterThanOrEqual(during.count, 11)
        XCTAssertTrue(during.allSatisfy { $0.vrrp?.priority == 150 }, "the node kept advertising 150")
        let spacing = zip(during.dropFirst(), during).map { $0.ts - $1.ts }.max() ?? 0
        XCTAssertLessThan(spacing, 1.05, "no advert missed or delayed while the bad ones came in")
        XCTAssertFalse(lab.nodeLog(node).contains { $0.contains("\"event\":\"backup\"") && !$0.contains("\"startup\"") })
        let log = (try? String(contentsOf: lab.directory.appendingPathComponent("logs/r1.log"), encoding: .utf8)) ?? ""
        let counters = try XCTUnwrap(ProcessOutcome.lines(log).last { $0.contains("\"event\":\"counters\"") }, "no counters at exit")
        for (reason, sent) in [("hop-limit", 100), ("checksum", 100), ("auth", 200)] {
            XCTAssertTrue(counters.contains("\"\(reason)\":\(sent)"), "\(reason) should be \(sent): \(counters)")
        }
        try lab.checkLogsAndTimeline(node: node, verify: false)
    }

    /// SIGSTOP for 5 s: keepalived takes over after its master-down interval. SIGCONT: the node's
    /// overdue advert timer fires once at once (no burst of the five it missed), it answers the
    /// lower-priority adverts that queued up meanwhile, and keepalived goes back to backup.
    func testPausedNodeSendsOneOverdueAdvertAndWinsBack() throws {
        let lab = try LabRun("node-pause")
        let node = try lab.router("r1"), keepalived = try lab.router("r2")
        let pause = try lab.action("pause"), resume = try lab.action("resume")
        let lastBefore = try XCTUnwrap(lab.adverts(from: node.ip).last { $0.ts < pause.ts + 0.01 }).ts
        let takeover = try XCTUnwrap(lab.adverts(from: keepalived.ip).first { $0.ts > pause.ts }, "keepalived never took over").ts
        XCTAssertEqual(takeover - lastBefore, keepalived.masterDownInterval, accuracy: 0.05)
        // A stopped node sends nothing, so every advert after its last one before SIGSTOP follows
        // SIGCONT; the node may send before the harness has even noted the time of SIGCONT.
        let after = lab.adverts(from: node.ip).filter { $0.ts > lastBefore }
        let first = try XCTUnwrap(after.first, "the node stayed silent after SIGCONT").ts
        XCTAssertGreaterThan(first, pause.ts + 4.9, "the node advertised while stopped")
        XCTAssertLessThan(abs(first - resume.ts), 0.05, "the overdue advert goes out at once")
        let keepaliveds = lab.adverts(from: keepalived.ip).filter { $0.ts > pause.ts && $0.ts < resume.ts }.count
        let burst = after.filter { $0.ts < first + 0.5 }.count
        XCTAssertLessThanOrEqual(burst, 1 + keepaliveds, "one overdue advert plus at most one answer per queued advert")
        print("MEASURE node-pause: \(burst) adverts within 0.5 s of SIGCONT (\(keepaliveds) keepalived adverts queued meanwhile)")
        let yielded = try XCTUnwrap(lab.adverts(from: keepalived.ip).last, "keepalived silent").ts
        XCTAssertLessThan(yielded - first, 1.1, "keepalived back to backup after the node's advert")
        XCTAssertTrue(after.allSatisfy { $0.vrrp?.priority == 150 })
    }
}

/// One `scripts/lab run` of a node scenario and what it left: capture records, actions, the node's log.
struct LabRun {
    struct Router: Decodable {
        let name: String
        let ip: String
        let mac: String
        let priority: Int
        let vips: [String]
        let skew: Double
        let masterDownInterval: Double
    }
    struct Scenario: Decodable {
        let name: String
        let routers: [Router]
    }
    struct Action: Decodable {
        struct Address: Decodable {
            let address: String
            let label: String?
        }
        /// A link in a `links` snapshot.
        struct Link: Decodable {
            let name: String
            let mac: String?
            let kind: String?
            let addresses: [String]
        }
        let ts: Double
        let action: String
        let router: String?
        /// The interface of an `addresses` snapshot.
        let interface: String?
        let addresses: [Address]?
        let links: [Link]?
        /// eth0's `arp_ignore` and `arp_announce` in a `links` snapshot.
        let sysctls: [String: Int]?
    }

    let name: String
    let directory: URL
    let scenario: Scenario
    let records: [DumpRecord]
    let actions: [Action]
    private let scratch: ScratchDirectory

    init(_ name: String) throws {
        guard ProcessRunner.isRoot else { throw XCTSkip("the namespace lab needs root (ip netns, keepalived)") }
        for tool in ["keepalived", "ip", "nft", "tshark"] where ProcessRunner.which(tool) == nil {
            throw XCTSkip("\(tool) is not installed: run scripts/bootstrap --test")
        }
        let vrrpdump = try VRRPDumpRunner.executable()
        scratch = try ScratchDirectory("node-lab")
        self.name = name
        directory = scratch.file(name)
        let outcome = try ProcessRunner.run(
            Repository.url("scripts/lab"),
            ["run", name, "--out", directory.path, "--capture", "vrrpdump", "--vrrpdump", vrrpdump.path, "-q"], timeout: 180)
        guard outcome.status == 0 else { throw LabFailure(message: "\(name): \(outcome.summary)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        scenario = try decoder.decode(Scenario.self, from: Data(contentsOf: directory.appendingPathComponent("scenario.json")))
        records = try DumpRecord.decodeLines(Data(contentsOf: directory.appendingPathComponent("vrrpdump.jsonl")),
                                             source: "\(name)/vrrpdump.jsonl")
        actions = try ProcessOutcome.lines(String(decoding: try Data(contentsOf: directory.appendingPathComponent("actions.jsonl")),
                                                  as: UTF8.self))
            .map { try JSONDecoder().decode(Action.self, from: Data($0.utf8)) }
    }

    struct LabFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Several scenarios at once: each has its own namespaces and mostly waits on routers' timers, so
    /// running them side by side takes the time of the longest, not of all (CI's 30 minutes).
    static func all(_ names: [String]) throws -> [LabRun] {
        /// Filled by the runs' threads under its lock, read once all are done.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var byName: [String: Result<LabRun, any Error>] = [:]
        }
        let results = Results()
        let group = DispatchGroup()
        for name in names {
            DispatchQueue.global().async(group: group) {
                let result = Result { try LabRun(name) }
                results.lock.withLock { results.byName[name] = result }
            }
        }
        group.wait()
        return try names.map { name in try XCTUnwrap(results.byName[name], name).get() }
    }

    func router(_ name: String) throws -> Router {
        try XCTUnwrap(scenario.routers.first { $0.name == name }, "\(self.name): no router \(name)")
    }

    func action(_ kind: String, router: String? = nil, after: Double = 0) throws -> Action {
        try XCTUnwrap(actions.first { $0.action == kind && (router == nil || $0.router == router) && $0.ts > after },
                      "\(name): no \(kind) action")
    }

    /// The node's own output lines before the harness stopped the capture.
    func nodeLog(_ node: Router) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("logs/\(node.name).log"), encoding: .utf8)) ?? ""
        return ProcessOutcome.lines(text.components(separatedBy: "---- vrrplab:")[0])
    }

    func adverts(from ip: String) -> [DumpRecord] { records.filter { $0.vrrp != nil && $0.ip?.src == ip } }

    /// Gratuitous ARPs and unsolicited NAs for `vips` sent from `mac`.
    func announcements(of vips: [String], from mac: String) -> [DumpRecord] {
        let addresses = Set(vips.map { String($0.split(separator: "/")[0]) })
        return records.filter { record in
            guard record.srcMac == mac else { return false }
            if let arp = record.arp { return arp.gratuitous && addresses.contains(arp.senderIp) }
            if let na = record.na { return na.unsolicited && addresses.contains(na.target) }
            return false
        }
    }

    /// `lab verify` (the expected master sequence against keepalived's log, the node's log and the
    /// capture), and the sniffer's `--timeline` of the capture against the master events the node logged.
    /// `verify: false` where injected adverts make strangers look like masters to `lab verify`.
    func checkLogsAndTimeline(node: Router, verify: Bool = true) throws {
        if verify {
            let outcome = try ProcessRunner.run(Repository.url("scripts/lab"), ["verify", directory.path], timeout: 60)
            XCTAssertEqual(outcome.status, 0, "\(name): \(outcome.stdoutText.suffix(1500))")
        }
        let replay = try VRRPDumpRunner.run(["-r", directory.appendingPathComponent("capture.pcap").path, "--timeline", "--json"])
        XCTAssertEqual(replay.status, 0, replay.summary)
        let wire = try Self.masterEvents(replay.stdoutLines).filter { $0.router == node.ip }
        let logged = try Self.masterEvents(nodeLog(node))
        // Every master term on the wire is one the node logged, within 50 ms. A term the node logged that
        // the wire does not show as new is the same router returning after its own silence (a restart),
        // which the analyser reads as one master.
        for seen in wire {
            XCTAssertTrue(logged.contains { abs($0.ts - seen.ts) < 0.05 }, "\(name): master on the wire at \(seen.ts) not in the node's log \(logged)")
        }
        let allWire = try Self.masterEvents(replay.stdoutLines)
        for said in logged where !wire.contains(where: { abs($0.ts - said.ts) < 0.05 }) {
            let before = allWire.last { $0.ts < said.ts }
            XCTAssertEqual(before?.router, node.ip, "\(name): the node logged master at \(said.ts), the wire shows no such term")
        }
    }

    private struct Event: Decodable {
        let ts: Double
        let event: String
        let router: String?
    }

    private static func masterEvents(_ lines: [String]) throws -> [(ts: Double, router: String)] {
        try lines.filter { $0.hasPrefix("{") }.compactMap { line in
            let event = try JSONDecoder().decode(Event.self, from: Data(line.utf8))
            guard event.event == "master", let router = event.router else { return nil }
            return (event.ts, router)
        }
    }
}
