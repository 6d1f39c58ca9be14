import ElectionModel
@testable import EngineHost
import XCTest

/// Several routers in one `NodeHost`: one monitor's events reach every one of them.
final class NodeHostTests: XCTestCase {
    func testHostEventsReachEveryRouter() throws {
        let first = FakeNode(priority: 150), second = FakeNode(priority: 150)
        let host = NodeHost(runtimes: [first.runtime, second.runtime], monitor: first.monitor, signals: nil, clock: first.clock)
        try host.start()
        func advance(_ seconds: Double) {
            let end = first.clock.time + Int64(seconds * 1e9)
            while first.clock.time < end {
                first.clock.time += 10 * VRRPTimers.millisecond
                second.clock.time = first.clock.time
                host.process(now: first.clock.time)
            }
        }
        advance(4)
        XCTAssertEqual([first.runtime.router.state, second.runtime.router.state], [.master, .master])
        first.monitor.events = [.link(index: 2, up: false)]
        advance(0.01)
        XCTAssertEqual([first.runtime.router.state, second.runtime.router.state], [.fault, .fault])
        first.runtime.stop(status: 1)
        XCTAssertFalse(host.isStopped, "the other router still runs")
        second.runtime.stop()
        XCTAssertTrue(host.isStopped)
        XCTAssertEqual(host.exitStatus, 1)
    }
}
