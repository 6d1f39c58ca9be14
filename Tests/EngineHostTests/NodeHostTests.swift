import ElectionModel
@testable import EngineHost
import XCTest
#if canImport(Glibc)
import Glibc
#endif

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

    /// The flags' router has no file to reload: SIGHUP is said to change nothing and the node goes on
    /// (a daemon does not die of SIGHUP); SIGTERM still stops it. Real signals through the signalfd.
    func testSIGHUPWithoutAFileKeepsTheNodeRunning() throws {
        var saved = sigset_t()
        pthread_sigmask(SIG_SETMASK, nil, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        let node = FakeNode(priority: 150)
        let host = NodeHost(runtimes: [node.runtime], monitor: node.monitor, signals: try SignalSource(), clock: node.clock)
        try host.start()
        raise(SIGHUP)
        host.process(now: node.clock.time)
        XCTAssertFalse(host.isStopped)
        XCTAssertEqual(node.output.notes.filter { $0 == NodeHost.nothingToReload }.count, 1, "\(node.output.notes)")
        raise(SIGTERM)
        host.process(now: node.clock.time)
        XCTAssertTrue(host.isStopped)
    }
}
