import ElectionModel
import Engine
@testable import EngineHost
import XCTest

/// keepalived's sync group over two routers on fakes: Fault, master and backup move together; a
/// member that cannot follow is reported.
final class SyncGroupRuntimeTests: XCTestCase {
    func testAFaultTakesTheOtherMemberAlongAndBack() throws {
        let pair = try FakePair(syncGroup: true)
        pair.advance(4)
        XCTAssertEqual(pair.states, [.master, .master])
        pair.first.runtime.hostEvent(.link(index: 2, up: false), pair.first.clock.time)
        pair.advance(0.01)
        XCTAssertEqual(pair.states, [.fault, .fault])
        XCTAssertEqual(pair.second.transport.sentPriorities.last, 0, "the follower resigned too")
        XCTAssertTrue(pair.second.output.notes.contains("fault: sync group G: VI_1 in fault"), "\(pair.second.output.notes)")
        pair.first.runtime.hostEvent(.link(index: 2, up: true), pair.first.clock.time)
        pair.advance(0.01)
        XCTAssertEqual(pair.states, [.backup, .backup])
        pair.advance(4)
        XCTAssertEqual(pair.states, [.master, .master])
    }

    /// One member hears a better master and goes back to backup: the other follows. When the better
    /// master goes quiet, the first member to time out waits for the other (keepalived's
    /// vrrp_sync_can_goto_master); the other's timer runs out and both become master together.
    func testMasterAndBackupMoveTogether() throws {
        let pair = try FakePair(firstPriority: 150, secondPriority: 100, syncGroup: true)
        pair.advance(4)
        XCTAssertEqual(pair.states, [.master, .master])
        pair.second.transport.inbox = [pair.second.advert(priority: 200)]
        pair.advance(0.01)
        XCTAssertEqual(pair.states, [.backup, .backup])
        XCTAssertTrue(pair.first.output.events.contains { event in
            if case .backup(let change) = event.detail { change.cause == .syncGroup } else { false }
        })
        // The better master goes quiet: the first (skew of 150) times out before the second (100) and waits.
        pair.advance(3.5)
        XCTAssertEqual(pair.states, [.backup, .backup])
        XCTAssertEqual([pair.first.runtime.wantsMaster, pair.second.runtime.wantsMaster], [true, false])
        pair.advance(0.2)
        XCTAssertEqual(pair.states, [.master, .master])
        XCTAssertEqual(masterCauses(pair.second).last, .masterDown)
        XCTAssertEqual(masterCauses(pair.first).last, .syncGroup)
    }

    /// keepalived 2.2.7 (checked in the lab, `sync-group-wait`): a member whose master-down timer runs out
    /// waits, sending nothing, while another member still hears a better master; when that master
    /// resigns, both become master together.
    func testAMemberWaitsWhileAnotherHearsABetterMaster() throws {
        let pair = try FakePair(firstPriority: 100, secondPriority: 100, syncGroup: true)
        for _ in 0..<10 {
            pair.first.transport.inbox = [pair.first.advert(priority: 200)]
            pair.advance(1)
        }
        XCTAssertEqual(pair.states, [.backup, .backup])
        XCTAssertTrue(pair.second.transport.sent.isEmpty, "the waiting member sent nothing")
        XCTAssertEqual(pair.second.output.notes.filter { $0.hasPrefix("sync group") }, ["sync group G: waiting for VI_1 before going master"])
        XCTAssertEqual([pair.first.runtime.wantsMaster, pair.second.runtime.wantsMaster], [false, true])
        XCTAssertNil(pair.second.runtime.nextDeadline(), "its held timer does not wake the loop")
        pair.first.transport.inbox = [pair.first.advert(priority: 0)]
        pair.advance(1)
        XCTAssertEqual(pair.states, [.master, .master])
        XCTAssertEqual(masterCauses(pair.first).last, .resigned)
        XCTAssertEqual(masterCauses(pair.second).last, .syncGroup)
    }

    /// The member it waits for stops (SIGHUP removed it, say): its timer is due at once and it goes master.
    func testAWaitingMemberGoesOnWhenTheOtherStops() throws {
        let pair = try FakePair(firstPriority: 100, secondPriority: 100, syncGroup: true)
        for _ in 0..<5 {
            pair.first.transport.inbox = [pair.first.advert(priority: 200)]
            pair.advance(1)
        }
        XCTAssertTrue(pair.second.runtime.wantsMaster)
        XCTAssertNil(pair.second.runtime.nextDeadline())
        pair.first.runtime.stop()
        let due = try XCTUnwrap(pair.second.runtime.nextDeadline(), "the waiting timer wakes the loop again")
        XCTAssertLessThanOrEqual(due, pair.second.clock.time)
        pair.advance(0.01)
        XCTAssertEqual(pair.second.runtime.router.state, .master)
    }

    /// The group's own notify scripts run on the group's transitions, `notify` with `GROUP G STATE 0`
    /// as keepalived 2.2.7 runs them (lab: `sync-group-wait`): backup and master at start, fault and
    /// back, STOP when the members stopped.
    func testTheGroupsNotifyScriptsRunOnItsTransitions() throws {
        let launcher = RecordingLauncher()
        let notifier = Notifier(group: "G", scripts: .init(master: .shell("group-master"), stop: .shell("group-stop"),
                                                           notify: .shell("group")), user: nil, launcher: launcher)
        let pair = try FakePair(syncGroup: true, groupNotifier: notifier)
        pair.advance(4)
        pair.first.runtime.hostEvent(.link(index: 2, up: false), pair.first.clock.time)
        pair.advance(0.01)
        pair.first.runtime.hostEvent(.link(index: 2, up: true), pair.first.clock.time)
        pair.advance(4)
        XCTAssertEqual(pair.states, [.master, .master])
        pair.first.runtime.stop()
        pair.second.runtime.stop()
        pair.host.syncGroups.forEach { $0.settle(now: pair.first.clock.time) }
        XCTAssertEqual(launcher.launched.map(\.program.description),
                       ["group", "group-master", "group", "group", "group", "group-master", "group", "group-stop", "group"])
        XCTAssertEqual(launcher.launched.filter { $0.program.description == "group" }.map(\.extra),
                       ["BACKUP", "MASTER", "FAULT", "BACKUP", "MASTER", "STOP"].map { ["GROUP", "G", $0, "0"] })
    }

    private func masterCauses(_ node: FakeNode) -> [MasterCause] {
        node.output.events.compactMap { event -> MasterCause? in
            if case .master(let change) = event.detail { change.cause } else { nil }
        }
    }

    /// An address owner never leaves master: the group is split, reported once.
    func testAMemberThatCannotFollowIsReported() throws {
        let pair = try FakePair(firstPriority: 150, secondPriority: 255, syncGroup: true)
        pair.advance(4)
        pair.first.transport.inbox = [pair.first.advert(priority: 200)]
        pair.advance(1)
        XCTAssertEqual(pair.states, [.backup, .master])
        let splits = pair.first.output.events.filter { $0.kind == .syncGroupSplit }
        XCTAssertEqual(splits.count, 1)
        XCTAssertEqual(splits.first?.detail, .syncGroupSplit(router: FakeNode.me, group: "G", members: ["VI_1 backup", "VI_2 master"]))
    }
}
