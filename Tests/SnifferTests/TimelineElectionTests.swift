import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// Master changes and their causes, failover timing, priority changes (RFC 3768/5798 §6.4).
final class TimelineElectionTests: XCTestCase {
    let r1: UInt8 = 111
    let r2: UInt8 = 199
    let second = 1_000_000_000.0

    func testFirstMasterIsInitialWithItsAnnouncementBurst() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 10)
        script.garpBurst(host: r1, at: 0.0004)
        let run = script.run()
        XCTAssertEqual(run.masters.count, 1)
        let master = run.masters[0]
        XCTAssertEqual(master.router, .host(r1))
        XCTAssertEqual(master.cause, .initial)
        XCTAssertEqual(master.priority, 100)
        XCTAssertNil(master.previous)
        XCTAssertNil(master.gap)
        XCTAssertEqual(master.announcementDelay, 400_000)
        XCTAssertEqual(master.burstSize, 5)
        XCTAssertEqual(run.of(.master).first?.ts, TimelineFrames.ns(0))
        XCTAssertEqual(run.events.count, 1, "\(run.events)")
        XCTAssertEqual(run.summaries.first?.master, .host(r1))
        XCTAssertEqual(run.summaries.first?.backupsHeard, false)
    }

    func testMasterWithoutAnnouncementHasNullDelayAfterTheWait() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.garpBurst(host: r1, at: 4)  // too late: the wait is max(1 s, 3 intervals) = 3 s
        let run = script.run()
        XCTAssertNil(run.masters.first?.announcementDelay)
        XCTAssertNil(run.masters.first?.burstSize)
    }

    func testResignationHandsOverWithinSkewTime() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 9)
        script.add(TimelineFrames.advert(host: r1, priority: 0), at: 9.2)
        let skew = Double(VRRPTimers.skew(priority: 99, interval: 1_000_000_000, version: 2)) / second
        script.adverts(host: r2, priority: 99, from: 9.2 + skew, through: 15)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .resigned])
        XCTAssertEqual(run.of(.resign).first?.router, .host(r1))
        XCTAssertEqual(run.of(.resign).first?.ts, TimelineFrames.ns(9.2))
        let handover = run.masters[1]
        XCTAssertEqual(handover.previous, .host(r1))
        let gap = try? XCTUnwrap(handover.gap)
        XCTAssertLessThanOrEqual(Double(gap ?? .max) / second, skew + 0.05)
        XCTAssertTrue(run.of(.silence).isEmpty)
        XCTAssertTrue(run.of(.splitBrain).isEmpty)
    }

    func testCrashFailoverIsMasterDownAfterTheMasterDownInterval() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 9)
        let mdi = Double(VRRPTimers.masterDownInterval(priority: 99, interval: 1_000_000_000, version: 2)) / second
        XCTAssertEqual(mdi, 3 + 157.0 / 256, accuracy: 1e-9)
        script.adverts(host: r2, priority: 99, from: 9 + mdi, through: 20)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .masterDown])
        let gap = Double(run.masters[1].gap ?? 0) / second
        XCTAssertGreaterThanOrEqual(gap, mdi - 1)
        XCTAssertLessThanOrEqual(gap, mdi + 0.05)
        XCTAssertEqual(run.events.map(\.kind), [.master, .master], "\(run.events)")
        let summary = run.summaries[0]
        XCTAssertEqual(summary.failovers, 1)
        XCTAssertEqual(summary.gapMedian, run.masters[1].gap)
        XCTAssertEqual(summary.master, .host(r2))
    }

    func testVersion3SkewScalesWithTheInterval() {
        let interval: Int64 = 100_000_000
        XCTAssertEqual(VRRPTimers.masterDownInterval(priority: 99, interval: interval, version: 3),
                       300_000_000 + 157 * interval / 256)
        var script = TimelineScript()
        let fast = { (host: UInt8, priority: UInt8) in
            TimelineFrames.advert(host: host, priority: priority, version: 3, interval: 10, auth: nil)
        }
        script.adverts(host: r1, priority: 100, from: 0, through: 4, every: 0.1, frame: fast)
        script.adverts(host: r2, priority: 99, from: 4 + 0.3613, through: 6, every: 0.1, frame: fast)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .masterDown])
        XCTAssertTrue(run.of(.lateAdvert).isEmpty && run.of(.captureGap).isEmpty, "\(run.events)")
    }

    func testPreemptionYieldsNoSplitBrain() {
        var script = TimelineScript()
        script.adverts(host: r2, priority: 99, from: 0, through: 10.5)  // one advert in flight after r1's first
        script.adverts(host: r1, priority: 100, from: 10.3, through: 20)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .preempted])
        XCTAssertEqual(run.masters[1].previous, .host(r2))
        XCTAssertEqual(run.masters[1].gap, 300_000_000)
        XCTAssertTrue(run.of(.splitBrain).isEmpty, "\(run.events)")
        XCTAssertEqual(run.summaries[0].advertising, [.host(r1)])
        XCTAssertEqual(run.summaries[0].backupsHeard, true)
    }

    func testEqualPriorityHigherAddressWinsByTieBreak() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.adverts(host: r2, priority: 100, from: 5.5, through: 10)  // 192.0.2.199 > 192.0.2.111
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .tieBreak])
        XCTAssertTrue(run.of(.splitBrain).isEmpty)
    }

    func testLowerRouterThatYieldsAtOnceIsNoMasterChange() {
        var script = TimelineScript()
        script.adverts(host: r2, priority: 100, from: 0, through: 10)
        script.add(TimelineFrames.advert(host: r1, priority: 100), at: 5.5)  // lower address: loses the tie
        script.add(TimelineFrames.advert(host: r1, priority: 90), at: 6.5)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.router), [.host(r2)])
        XCTAssertTrue(run.of(.splitBrain).isEmpty)
    }

    func testPriorityDropCausesPreemptionWithUnknownOutlook() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 8)
        script.adverts(host: r1, priority: 98, from: 9, through: 12)
        // r2 ignores the lower adverts; its timer runs from r1's last 100 advert (8 s)
        script.adverts(host: r2, priority: 99, from: 8 + 3.613, through: 20)
        let run = script.run()
        let change = run.events.compactMap { if case .priority(let c) = $0.detail { c } else { nil } }
        XCTAssertEqual(change.map(\.from), [100])
        XCTAssertEqual(change.map(\.to), [98])
        XCTAssertEqual(change.first?.outlook, .unknown, "no backup was ever heard")
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .preempted])
        XCTAssertTrue(run.masters[1].followsPriorityDrop)
        XCTAssertEqual(run.summaries[0].electionsAfterPriorityChange, 1)
        XCTAssertTrue(run.of(.splitBrain).isEmpty, "\(run.events)")
    }

    func testPriorityDropTooSmallToFailOver() {
        var script = TimelineScript()
        script.adverts(host: r2, priority: 99, from: 0, through: 3)  // r2 heard once, as master
        script.adverts(host: r1, priority: 100, from: 3.5, through: 10)
        script.adverts(host: r1, priority: 99, from: 11, through: 14)
        script.adverts(host: r1, priority: 98, from: 15, through: 16)
        let run = script.run()
        let outlooks = run.events.compactMap { if case .priority(let c) = $0.detail { c.outlook } else { nil } }
        XCTAssertEqual(outlooks, [.tooSmallToFailOver, .failoverExpected])
    }

    func testPriorityRiseOfARouterReturningAsMaster() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 98, from: 0, through: 5)
        script.adverts(host: r2, priority: 99, from: 5.6, through: 9)
        script.adverts(host: r1, priority: 100, from: 9.4, through: 12)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .preempted, .preempted])
        let rise = run.events.compactMap { if case .priority(let c) = $0.detail { c } else { nil } }
        XCTAssertEqual(rise.map { [$0.from, $0.to] }, [[98, 100]])
        XCTAssertNil(rise.first?.outlook)
    }

    func testThreeRoutersFailingInTurnWithABriefRace() {
        var script = TimelineScript()
        let r3: UInt8 = 150
        script.adverts(host: r1, priority: 100, from: 0, through: 9)
        script.adverts(host: r2, priority: 99, from: 12.613, through: 16)
        script.add(TimelineFrames.advert(host: r3, priority: 98), at: 12.617)  // its timer fired 4 ms later
        script.adverts(host: r3, priority: 98, from: 19.617, through: 25)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.router), [.host(r1), .host(r2), .host(r3)])
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .masterDown, .masterDown])
        XCTAssertEqual(run.masters[2].previous, .host(r2))
        XCTAssertTrue(run.of(.splitBrain).isEmpty, "\(run.events)")
    }
}
