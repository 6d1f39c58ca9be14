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

    /// One member hears a better master and goes back to backup: the other follows; one becomes master
    /// by its timer: the other follows at once, before its own timer.
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
        // The better master goes quiet: the first (skew of 150) times out before the second (100).
        pair.advance(3.5)
        XCTAssertEqual(pair.states, [.master, .master])
        let causes = pair.second.output.events.compactMap { event -> MasterCause? in
            if case .master(let change) = event.detail { change.cause } else { nil }
        }
        XCTAssertEqual(causes.last, .syncGroup)
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
