import ElectionModel
@testable import EngineHost
import XCTest

/// Several routers in one `NodeHost`: one monitor's events reach every one of them.
final class NodeHostTests: XCTestCase {
    func testHostEventsReachEveryRouter() throws {
        let pair = try FakePair()
        pair.advance(4)
        XCTAssertEqual(pair.states, [.master, .master])
        pair.first.monitor.events = [.link(index: 2, up: false)]
        pair.advance(0.01)
        XCTAssertEqual(pair.states, [.fault, .fault])
        pair.first.runtime.stop(status: 1)
        XCTAssertFalse(pair.host.isStopped, "the other router still runs")
        pair.second.runtime.stop()
        XCTAssertTrue(pair.host.isStopped)
        XCTAssertEqual(pair.host.exitStatus, 1)
    }
}
