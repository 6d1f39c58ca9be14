import Foundation
import XCTest

/// `vrrpdump --participate --config` in the namespace lab (issue 9, "Interop in the namespace lab").
extension NodeLabTests {
    /// keepalived runs the seed's master.conf, vrrpdump the seed's slave.conf, both as written (only
    /// the interface renamed, VIP 192.168.1.223 on the lab's bridge): keepalived crashes → the node's
    /// first advert and gratuitous ARP within MDI + 50 ms of keepalived's last advert (on the capture);
    /// keepalived back → the node gives the address back. keepalived's warnings come first in its output.
    func testSeedSlaveConfTakesOverFromSeedMasterConf() throws {
        let lab = try LabRun("node-seed-interop")
        try checkTakeover(lab)
        let node = try lab.router("r2")
        let log = lab.nodeLog(node)
        let firstJSON = try XCTUnwrap(log.firstIndex { $0.hasPrefix("{") })
        XCTAssertEqual(log[..<firstJSON].filter { $0.contains(": warning: ") }.count, 4, "keepalived's warnings first: \(log)")
        XCTAssertTrue(log[firstJSON...].allSatisfy { !$0.hasPrefix("{") || $0.contains("\"instance\":\"VI_1\"") }, "every line names VI_1")
        XCTAssertTrue(lab.adverts(from: node.ip).allSatisfy { $0.vrrp?.authType == 0 }, "slave.conf's auth_typePASS is dropped, as keepalived does")
    }

    /// One process, two instances of one file (VRID 51 at 150, VRID 52 at 120): both become master and
    /// advertise side by side every 0.3 s, each announcing its own VIP; every line names its instance.
    func testTwoInstancesOfOneFileRunInOneProcess() throws {
        let lab = try LabRun("node-config-two-instances")
        let node = try lab.router("r1")
        let adverts = lab.adverts(from: node.ip)
        for (vrid, priority, vip) in [(51, 150, "192.0.2.223"), (52, 120, "192.0.2.224")] {
            let own = adverts.filter { $0.vrrp?.vrid == vrid }
            XCTAssertGreaterThanOrEqual(own.count, 8, "VRID \(vrid): 3 s at 0.3 s")
            XCTAssertTrue(own.allSatisfy { $0.vrrp?.priority == priority && $0.vrrp?.addrs == [vip] }, "VRID \(vrid)")
            let spacing = zip(own.dropFirst(), own).map { $0.ts - $1.ts }.max() ?? 0
            XCTAssertLessThan(spacing, 0.35, "VRID \(vrid): no advert missed")
            XCTAssertFalse(lab.announcements(of: [vip], from: node.mac).isEmpty, "\(vip) announced")
        }
        let log = lab.nodeLog(node).filter { $0.hasPrefix("{") }
        for instance in ["VI_1", "VI_2"] {
            XCTAssertTrue(log.contains { $0.contains("\"instance\":\"\(instance)\"") && $0.contains("\"event\":\"master\"") }, instance)
        }
    }

    /// The seed's port-check setup with its typos fixed and a check that works under /bin/sh (it starts
    /// bash): vrrpdump runs it, keepalived is the backup (99). The port-80 service stops → the node
    /// advertises 98 and keepalived takes the VIP; it starts again → 100 and the node takes it back.
    /// Its notify scripts write each state it entered to a file.
    func testPortCheckConfigMovesTheVIPAndBack() throws {
        let lab = try LabRun("node-track-script")
        try checkHandoverAndBack(lab, checkInterval: 1, advertInterval: 1, margin: 0.1)
        let node = try lab.router("r1")
        let snapshots = lab.actions.filter { $0.action == "addresses" }.map { Set($0.addresses?.map(\.address) ?? []) }
        XCTAssertEqual(snapshots.count, 2)
        XCTAssertFalse(snapshots.first?.contains("192.0.2.223/24") ?? true, "the VIP left the node while its service was down")
        XCTAssertTrue(snapshots.last?.contains("192.0.2.223/24") ?? false, "the VIP is back on the node")
        // Its notify scripts, run as keepalived runs them (script_user root): notify_master without
        // arguments, notify with INSTANCE NAME STATE PRIORITY, STOP at the end.
        let notified = ProcessOutcome.lines(try String(contentsOf: lab.directory.appendingPathComponent("notify-r1.txt"), encoding: .utf8))
        XCTAssertEqual(notified.filter { $0 == "master" }.count, 2, "\(notified)")
        for line in ["INSTANCE VI_1 BACKUP 100", "INSTANCE VI_1 MASTER 100", "INSTANCE VI_1 BACKUP 98", "INSTANCE VI_1 STOP 100"] {
            XCTAssertTrue(notified.contains(line), "\(line) in \(notified)")
        }
        try lab.checkLogsAndTimeline(node: node)
    }

    /// SIGHUP after the file was edited (VI_1 the same but moved, VI_2 removed, VI_3 added): VI_1 keeps
    /// advertising with no gap and no new term, VI_2 sends priority 0 and goes quiet, VI_3 listens and joins.
    func testReloadKeepsUnchangedInstancesMaster() throws {
        let lab = try LabRun("node-config-reload")
        let node = try lab.router("r1")
        let reload = try lab.action("reload")
        let adverts = lab.adverts(from: node.ip)
        let kept = adverts.filter { $0.vrrp?.vrid == 51 }
        XCTAssertTrue(kept.allSatisfy { $0.vrrp?.priority == 150 }, "VI_1 never resigned")
        XCTAssertGreaterThan(kept.filter { $0.ts > reload.ts }.count, 10)
        let spacing = zip(kept.dropFirst(), kept).map { $0.ts - $1.ts }.max() ?? 0
        XCTAssertLessThan(spacing, 0.35, "VI_1 advertised every 0.3 s through the reload")
        let removed = adverts.filter { $0.vrrp?.vrid == 52 }
        let resign = try XCTUnwrap(removed.first { $0.vrrp?.priority == 0 }, "VI_2 never sent priority 0").ts
        XCTAssertLessThan(resign - reload.ts, 0.1)
        XCTAssertTrue(removed.filter { $0.ts > resign }.isEmpty, "VI_2 still advertises")
        let added = try XCTUnwrap(adverts.first { $0.vrrp?.vrid == 53 }, "VI_3 never advertised")
        XCTAssertGreaterThan(added.ts - reload.ts, 3, "VI_3 listened first")
        XCTAssertEqual(added.vrrp?.priority, 110)
        let masters = lab.nodeLog(node).filter { $0.contains("\"event\":\"master\"") && $0.contains("\"instance\":\"VI_1\"") }
        XCTAssertEqual(masters.count, 1, "one term for VI_1: \(masters)")
    }

    /// Two instances in one vrrp_sync_group, only VI_1 tracking trk0: trk0 down → both send priority 0
    /// together (VI_2 follows VI_1 into Fault); trk0 up → both back, master together (VI_2 follows
    /// VI_1's master-down at once instead of its own, later, timer).
    func testSyncGroupMembersFaultAndReturnTogether() throws {
        let lab = try LabRun("node-sync-group")
        let node = try lab.router("r1")
        let down = try lab.action("link-down"), up = try lab.action("link-up", after: down.ts)
        let adverts = lab.adverts(from: node.ip)
        var back: [Double] = []
        for vrid in [51, 52] {
            let own = adverts.filter { $0.vrrp?.vrid == vrid }
            let resign = try XCTUnwrap(own.first { $0.ts > down.ts - 0.01 && $0.vrrp?.priority == 0 }, "VRID \(vrid): no priority 0").ts
            XCTAssertLessThan(resign - down.ts, 0.1, "VRID \(vrid) resigned with the link")
            XCTAssertTrue(own.filter { $0.ts > resign && $0.ts < up.ts }.isEmpty, "VRID \(vrid) silent while in fault")
            back.append(try XCTUnwrap(own.first { $0.ts > up.ts && ($0.vrrp?.priority ?? 0) > 0 }, "VRID \(vrid) never came back").ts)
        }
        XCTAssertLessThan(abs(back[0] - back[1]), 0.01, "master together")
        XCTAssertLessThanOrEqual(back[0] - up.ts, node.masterDownInterval + 0.1)
        XCTAssertTrue(lab.nodeLog(node).contains { $0.contains("\"instance\":\"VI_2\"") && $0.contains("fault: sync group G: VI_1 in fault") })
    }

    /// The same file run by keepalived (`sync-group-wait`) and by vrrpdump (`node-sync-group-wait`) in A's
    /// place: VI_1 (VRID 51) and VI_2 (VRID 52) in vrrp_sync_group G against B, master of VRID 51 only.
    /// Both A's wait, sending nothing, while B is master (VI_2 hears nobody but waits for VI_1); B
    /// resigns: both instances master together; B returns: both back to backup and VRID 52 stays
    /// without a master. The notify scripts (the group's own with `GROUP G STATE 0`, the instances')
    /// write the same lines, and chk_shared, tracked by both instances, runs once a second.
    func testSyncGroupWaitsAndNotifiesAsKeepalivedDoes() throws {
        let labs = try LabRun.all(["sync-group-wait", "node-sync-group-wait"])
        var written: [[String]] = []
        for lab in labs {
            let name = lab.name
            let a = try lab.router("r1"), b = try lab.router("r2")
            let stop = try lab.action("stop", router: "r2")
            let restart = try lab.action("start", router: "r2", after: stop.ts)
            let adverts = lab.adverts(from: a.ip).filter { ($0.vrrp?.priority ?? 0) > 0 }
            XCTAssertTrue(adverts.filter { $0.ts < stop.ts }.isEmpty, "\(name): A advertised while B was master of VRID 51")
            let took = try ([51, 52] as [Int]).map { vrid in
                try XCTUnwrap(adverts.first { $0.vrrp?.vrid == vrid && $0.ts > stop.ts }, "\(name): VRID \(vrid) never master").ts
            }
            XCTAssertLessThan(abs(took[0] - took[1]), 0.05, "\(name): both instances master together")
            XCTAssertLessThan(took[0] - stop.ts, a.masterDownInterval, "\(name): master after B's priority 0")
            let back = try XCTUnwrap(lab.adverts(from: b.ip).first { $0.ts > restart.ts && ($0.vrrp?.priority ?? 0) > 0 },
                                     "\(name): B never came back").ts
            XCTAssertTrue(adverts.filter { $0.ts > back + 0.1 }.isEmpty, "\(name): A still advertises after B's return")

            let notified = ProcessOutcome.lines(try String(contentsOf: lab.directory.appendingPathComponent("notify-r1.txt"), encoding: .utf8))
            let group = notified.filter { $0.hasPrefix("group ") }
            XCTAssertEqual(group, ["BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER", "BACKUP", "STOP"].map { "group 3 GROUP G \($0) 0" },
                           "\(name): \(notified)")
            // Each script's lines in order; the scripts themselves start side by side, so not across them.
            written.append(["group-", "group ", "instance 3 INSTANCE VI_1 ", "instance 3 INSTANCE VI_2 "].flatMap { prefix in
                notified.filter { $0.hasPrefix(prefix) }
            })

            let log = try String(contentsOf: lab.directory.appendingPathComponent("logs/r1.log"), encoding: .utf8)
            let ended = try XCTUnwrap(log.components(separatedBy: "capture stopped at ").dropFirst().first?.split(separator: ";").first
                .flatMap { Double($0) }, "\(name): no end of capture in the log")
            let runs = ProcessOutcome.lines(try String(contentsOf: lab.directory.appendingPathComponent("runs-r1.txt"), encoding: .utf8)).count
            let seconds = ended - (try lab.action("start", router: "r1")).ts
            XCTAssertLessThanOrEqual(Double(runs), seconds + 3, "\(name): chk_shared ran \(runs) times in \(seconds) s: once a second for both")
            XCTAssertGreaterThanOrEqual(Double(runs), seconds - 2, "\(name): chk_shared ran \(runs) times in \(seconds) s")
            print("MEASURE \(name): chk_shared ran \(runs) times in \(String(format: "%.1f", seconds)) s (+ teardown)")
        }
        XCTAssertEqual(written.first, written.last, "vrrpdump's notify lines are keepalived's")
    }

    /// keepalived and vrrpdump run the same file: VI_1 (100) tracks trk0 with weight -20 and trk1 with
    /// weight 10. Both advertise 110 with both up, 100 with trk1 down, 80 with trk0 down too, then 100
    /// and 110 as they come back, each change within an advert interval of the link's, never a fault.
    func testTrackedInterfaceWeightsMoveThePriorityAsKeepalivedDoes() throws {
        for lab in try LabRun.all(["track-interface-weight", "node-track-interface-weight"]) {
            let name = lab.name
            let router = try lab.router("r1")
            let adverts = lab.adverts(from: router.ip)
            let priorities = adverts.compactMap { $0.vrrp?.priority }
            let runs = priorities.enumerated().filter { $0.offset == 0 || priorities[$0.offset - 1] != $0.element }.map(\.element)
            XCTAssertEqual(runs, [110, 100, 80, 100, 110], "\(name): \(priorities)")
            let changes = lab.actions.filter { $0.action.hasPrefix("link-") }.dropFirst(2)
            XCTAssertEqual(changes.count, 4, name)
            for (change, expected) in zip(changes, [100, 80, 100, 110]) {
                let first = try XCTUnwrap(adverts.first { $0.ts > change.ts - 0.01 && $0.vrrp?.priority == expected },
                                          "\(name): never \(expected) after \(change.action)").ts
                XCTAssertLessThan(first - change.ts, 0.3 + 0.1, "\(name): \(expected) \(first - change.ts) s late")
            }
        }
    }

    /// keepalived and vrrpdump run one file with `virtual_ipaddress_excluded` 192.0.2.230 and
    /// 198.51.100.230 besides the VIP 192.0.2.223: master, all three are on eth0 and each gets the
    /// same gratuitous ARPs, in the same order, but the adverts name only the VIP; stopped, all three
    /// are gone.
    func testExcludedAddressesAreHeldAndAnnouncedButNotAdvertised() throws {
        var announced: [[String]] = []
        for lab in try LabRun.all(["excluded-addresses", "node-excluded-addresses"]) {
            let name = lab.name
            let router = try lab.router("r1")
            XCTAssertTrue(lab.adverts(from: router.ip).allSatisfy { $0.vrrp?.addrs == ["192.0.2.223"] }, name)
            let held = ["192.0.2.223/24", "192.0.2.230/24", "198.51.100.230/24"]
            let snapshots = lab.actions.filter { $0.action == "addresses" }.map { Set($0.addresses?.map(\.address) ?? []) }
            XCTAssertEqual(snapshots.count, 2, name)
            XCTAssertTrue(snapshots.first?.isSuperset(of: held) ?? false, "\(name): \(snapshots)")
            XCTAssertTrue(snapshots.last?.isDisjoint(with: held) ?? false, "\(name): \(snapshots)")
            let garps = lab.announcements(of: held, from: router.mac).compactMap { $0.arp?.senderIp }
            XCTAssertEqual(garps.count, 15, "\(name): five bursts of three: \(garps)")
            announced.append(garps)
        }
        XCTAssertEqual(announced.first, announced.last, "vrrpdump announces as keepalived does")
    }

    /// keepalived's `virtual_ipaddress { 192.0.2.223/24; 198.51.100.9/24 dev eth1 }`: while the node is
    /// master 198.51.100.9 is on its eth1 (labelled `eth1:vrrpdump`), not on eth0, and every advert
    /// names both addresses, as keepalived (the backup, with both) expects: its log has no complaint
    /// about them. Stopped, the node leaves neither behind.
    func testAnAddressWithItsOwnDeviceGoesThereAndIsStillAdvertised() throws {
        let lab = try LabRun("node-address-device")
        let node = try lab.router("r1")
        let adverts = lab.adverts(from: node.ip)
        XCTAssertFalse(adverts.isEmpty)
        XCTAssertTrue(adverts.allSatisfy { $0.vrrp?.addrs == ["192.0.2.223", "198.51.100.9"] }, "\(adverts.map { $0.vrrp?.addrs ?? [] })")
        func snapshots(_ interface: String) -> [[LabRun.Action.Address]] {
            lab.actions.filter { $0.action == "addresses" && $0.interface == interface }.map { $0.addresses ?? [] }
        }
        // Snapshots: master, in Fault (eth1 down), master again (eth1 up), stopped.
        let eth0 = snapshots("eth0").map { Set($0.map(\.address)) }
        let eth1 = snapshots("eth1")
        XCTAssertEqual(eth0.count, 4)
        XCTAssertEqual(eth1.count, 4)
        for master in [0, 2] where master < min(eth0.count, eth1.count) {
            XCTAssertTrue(eth0[master].contains("192.0.2.223/24"), "\(master): \(eth0)")
            XCTAssertFalse(eth0[master].contains("198.51.100.9/24"), "\(master): \(eth0)")
            let held = eth1[master].first { $0.address == "198.51.100.9/24" }
            XCTAssertEqual(held?.label, "eth1:vrrpdump", "\(master): \(eth1)")
        }
        for away in [1, 3] where away < min(eth0.count, eth1.count) {
            XCTAssertFalse(eth0[away].contains("192.0.2.223/24"), "\(away): \(eth0)")
            XCTAssertFalse(eth1[away].contains { $0.address == "198.51.100.9/24" }, "\(away): \(eth1)")
        }
        // keepalived 2.2.7 follows an address's own interface (seen in the lab): eth1 down is a Fault.
        XCTAssertTrue(lab.nodeLog(node).contains { $0.contains("\"event\":\"fault\"") }, "\(lab.nodeLog(node).suffix(5))")
        let peerLog = try String(contentsOf: lab.directory.appendingPathComponent("logs/r2.log"), encoding: .utf8)
        XCTAssertFalse(peerLog.contains("not present in MASTER advert") || peerLog.contains("invalid ip number count"), peerLog)
        try lab.checkLogsAndTimeline(node: node)
    }
}
