import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// Routers that send both VRRPv2 and VRRPv3 adverts on one VRID (RFC 5798 §8.4's migration): their
/// settings are kept per version, so alternating is no settings change and they are compared with the
/// other routers version by version.
final class TimelineMixedVersionTests: XCTestCase {
    let r1: UInt8 = 111
    let r2: UInt8 = 199

    private func v2(_ host: UInt8, _ priority: UInt8, auth: String? = "1111") -> Frame {
        TimelineFrames.advert(host: host, priority: priority, auth: auth)
    }

    private func v3(_ host: UInt8, _ priority: UInt8) -> Frame {
        TimelineFrames.advert(host: host, priority: priority, version: 3, interval: 100, auth: nil)
    }

    /// Adverts of `host` every second from `start` through `end`, each followed 10 ms later by `second`.
    private func pairs(_ script: inout TimelineScript, host: UInt8, priority: UInt8, from start: Int, through end: Int,
                       first: (UInt8, UInt8) -> Frame, second: ((UInt8, UInt8) -> Frame)?) {
        for time in start...end {
            script.add(first(host, priority), at: Double(time))
            if let second { script.add(second(host, priority), at: Double(time) + 0.01) }
        }
    }

    private func mismatches(_ run: TimelineRun) -> [Mismatch] {
        run.events.compactMap { if case .mismatch(let m) = $0.detail { m } else { nil } }
    }

    func testRoutersSendingBothVersionsAgree() {
        // Today's failure: every other advert was a settings change, and the two routers were found to
        // differ in version and auth (one's v2 advert compared with the other's v3).
        var script = TimelineScript()
        pairs(&script, host: r1, priority: 100, from: 0, through: 10, first: { self.v2($0, $1) }, second: { self.v3($0, $1) })
        pairs(&script, host: r2, priority: 200, from: 11, through: 20, first: { self.v3($0, $1) }, second: { self.v2($0, $1) })
        let run = script.run()
        XCTAssertEqual(mismatches(run).map(\.what), [], "\(run.events)")
        XCTAssertEqual(run.masters.map(\.router), [.host(r1), .host(r2)])
        let routers = run.summaries[0].routers
        XCTAssertEqual(routers.map(\.adverts), [22, 20])
        XCTAssertEqual(routers.map(\.lateAdverts), [0, 0])
        XCTAssertEqual(routers.map(\.version), [3, 2], "as last advertised")
    }

    func testBothVersionsAgainstOneIsComparedOnTheSharedVersion() {
        var script = TimelineScript()
        pairs(&script, host: r1, priority: 100, from: 0, through: 10, first: { self.v2($0, $1) }, second: { self.v3($0, $1) })
        pairs(&script, host: r2, priority: 200, from: 11, through: 20, first: { self.v2($0, $1, auth: "secret") }, second: nil)
        let found = mismatches(script.run())
        XCTAssertEqual(found.map(\.what), [.auth])
        XCTAssertEqual(found.first?.detail, "different passwords (192.0.2.199 vs 192.0.2.111)")
    }

    func testARouterThatMovedToVersion3DiffersOnceItsVersion2Lapses() {
        // r1 sends both until 5 s, then only v3 (keepalived reconfigured); r2 stays on v2. While r1
        // still sends v2 they share it; once its v2 adverts stopped for their silence timeout
        // (3 × 1 s + 1 s skew + allowance), the versions differ.
        var script = TimelineScript()
        pairs(&script, host: r2, priority: 100, from: 0, through: 30, first: { self.v2($0, $1) }, second: nil)
        pairs(&script, host: r1, priority: 200, from: 1, through: 5, first: { self.v2($0, $1) }, second: { self.v3($0, $1) })
        pairs(&script, host: r1, priority: 200, from: 6, through: 30, first: { self.v3($0, $1) }, second: nil)
        let run = script.run()
        let versions = run.events.filter { if case .mismatch(let m) = $0.detail { m.what == .version } else { false } }
        XCTAssertEqual(versions.count, 1, "\(run.events)")
        XCTAssertEqual(versions.first.map { $0.ts - TimelineFrames.ns(5) }, 5_000_000_000,
                       "at the first v3 advert past the v2 silence timeout (5 s after the last v2)")
        if case .mismatch(let m)? = versions.first?.detail {
            XCTAssertEqual(m.detail, "VRRPv3 vs VRRPv2 (192.0.2.111 vs 192.0.2.199)")
        }
    }

    func testAVersionSwitchWithoutOverlapIsAMismatchAtOnce() {
        var script = TimelineScript()
        pairs(&script, host: r2, priority: 100, from: 0, through: 10, first: { self.v2($0, $1) }, second: nil)
        pairs(&script, host: r1, priority: 200, from: 1, through: 10, first: { self.v3($0, $1) }, second: nil)
        let found = mismatches(script.run())
        XCTAssertEqual(found.map(\.what), [.version, .auth])
    }
}
