import ElectionModel
import Engine
@testable import EngineHost
import XCTest

/// keepalived runs a vrrp_script on its own timer and gives its result to every instance tracking it:
/// one run per interval however many routers track the check, each applying its own weight.
final class TrackedCheckTests: XCTestCase {
    func testACheckTrackedByTwoRoutersRunsOnceForBoth() throws {
        let processes = FakeCheckProcesses()
        let check = CheckCommand(.init(name: "chk", program: .shell("check"), interval: VRRPTimers.second,
                                       timeout: VRRPTimers.second), processes: processes)
        let pair = try FakePair(checks: ([TrackedCheck(check, weight: -10)], [TrackedCheck(check, weight: -30)]))
        pair.advance(4)
        XCTAssertEqual(processes.started, 4, "one run a second for both routers")
        XCTAssertEqual(pair.states, [.master, .master])

        processes.result = false
        pair.advance(1)
        XCTAssertEqual(processes.started, 5)
        XCTAssertEqual([pair.first.runtime.router.priority, pair.second.runtime.router.priority], [140, 120], "each its own weight")
        XCTAssertTrue(pair.second.output.notes.contains("check 'chk' fails"), "\(pair.second.output.notes)")

        processes.result = true
        pair.advance(1)
        XCTAssertEqual(processes.started, 6)
        XCTAssertEqual([pair.first.runtime.router.priority, pair.second.runtime.router.priority], [150, 150])
    }

    /// A run in progress is killed only when no router tracks its check any more.
    func testARunIsKilledWhenItsLastRouterStops() throws {
        let processes = FakeCheckProcesses()
        processes.result = nil
        let check = CheckCommand(.init(name: "chk", program: .shell("check"), interval: 10 * VRRPTimers.second,
                                       timeout: 10 * VRRPTimers.second), processes: processes)
        let pair = try FakePair(checks: ([TrackedCheck(check, weight: -10)], [TrackedCheck(check, weight: 0)]))
        pair.advance(1)
        XCTAssertEqual(processes.started, 1)
        pair.first.runtime.stop()
        pair.advance(0.01)
        XCTAssertEqual(processes.killed, 0, "the second router still tracks it")
        pair.second.runtime.stop()
        pair.advance(0.01)
        XCTAssertEqual(processes.killed, 1)
    }
}
