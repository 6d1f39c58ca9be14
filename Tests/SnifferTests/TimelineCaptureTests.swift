import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// What the capture itself gets wrong: duplicates from `-i any`, gaps, kernel drops, clock steps.
final class TimelineCaptureTests: XCTestCase {
    let r1: UInt8 = 111
    let r2: UInt8 = 199

    func testCopiesOnSeveralInterfacesAreOnePacket() {
        var script = TimelineScript()
        var time = 0.0
        while time <= 10 {
            script.add(TimelineFrames.advert(host: r1, priority: 100), at: time, interface: "veth1")
            script.add(TimelineFrames.advert(host: r1, priority: 100), at: time + 0.00002, interface: "br0")
            script.add(TimelineFrames.advert(host: r1, priority: 100), at: time + 0.00004, interface: "veth2")
            time += 1
        }
        for index in 0..<5 {
            let at = 0.001 + Double(index) * 0.00001
            script.add(TimelineFrames.garp(host: r1), at: at, interface: "veth1")
            script.add(TimelineFrames.garp(host: r1), at: at + 0.000005, interface: "br0")
        }
        let run = script.run()
        XCTAssertEqual(run.summaries.count, 1, "one virtual router, not one per interface")
        XCTAssertEqual(run.summaries.first?.vr.interface, "veth1")
        XCTAssertEqual(run.summaries.first?.routers.first?.adverts, 11)
        XCTAssertEqual(run.masters.first?.burstSize, 5, "the burst is 5, not 10")
        XCTAssertEqual(run.events.map(\.kind), [.master], "\(run.events)")
    }

    func testVLANDeviceAndParentCopiesAreOnePacket() {
        var script = TimelineScript()
        var time = 0.0
        while time <= 5 {
            script.add(TimelineFrames.advert(host: r1, priority: 100, vlan: 10), at: time, interface: "eth0")
            script.add(TimelineFrames.advert(host: r1, priority: 100), at: time + 0.0001, interface: "eth0.10")
            time += 1
        }
        script.add(TimelineFrames.advert(host: r1, priority: 100), at: 6, interface: "eth0.10")  // its copy was lost
        let run = script.run()
        XCTAssertEqual(run.summaries.map(\.vr.vlan), [10])
        XCTAssertEqual(run.summaries.first?.routers.first?.adverts, 7)
    }

    func testSameVRIDOnTwoVLANsIsTwoVirtualRouters() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5, frame: { TimelineFrames.advert(host: $0, priority: $1, vlan: 10) })
        script.adverts(host: r2, priority: 99, from: 0.5, through: 5, frame: { TimelineFrames.advert(host: $0, priority: $1, vlan: 20) })
        let run = script.run()
        XCTAssertEqual(run.summaries.map(\.vr.vlan), [10, 20])
        XCTAssertTrue(run.of(.splitBrain).isEmpty)
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .initial])
    }

    func testStretchWithoutAnyPacketIsACaptureGapNotAFailure() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.adverts(host: r1, priority: 100, from: 65, through: 70)
        let run = script.run()
        let gaps = run.of(.captureGap)
        XCTAssertEqual(gaps.count, 1)
        XCTAssertEqual(gaps.first?.ts, TimelineFrames.ns(5))
        XCTAssertNil(gaps.first?.vr)
        XCTAssertEqual(gaps.first?.detail, .captureGap(.noPackets(duration: 60_000_000_000)))
        XCTAssertEqual(run.events.map(\.kind), [.master, .captureGap], "\(run.events)")
        XCTAssertEqual(run.summaries[0].routers[0].maxSpacing, 1_000_000_000, "no spacing across the gap")
    }

    func testFailoverAcrossACaptureGapHasNoGap() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.adverts(host: r2, priority: 99, from: 60, through: 65)
        let run = script.run()
        XCTAssertEqual(run.of(.captureGap).count, 1)
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .masterDown])
        XCTAssertNil(run.masters.last?.gap, "the capture missed the failover")
        XCTAssertTrue(run.of(.silence).isEmpty)
    }

    func testKernelDropsAreACaptureGapAndSuspendTiming() {
        var script = TimelineScript()
        for time in [0, 1, 2, 3, 5.5, 6.5] { script.add(TimelineFrames.advert(host: r1, priority: 100), at: time) }
        script.drops(3, at: 4)
        let run = script.run()
        XCTAssertEqual(run.of(.captureGap).map(\.detail), [.captureGap(.kernelDrops(count: 3))])
        XCTAssertTrue(run.of(.lateAdvert).isEmpty, "the spacing 3 → 5.5 spans the drops")
    }

    func testClockStepBackwardsIsReportedAndDurationsStayPositive() {
        var analyzer = ElectionAnalyzer()
        var events: [TimelineEvent] = []
        func advertise(_ host: UInt8, _ priority: UInt8, at time: Double) {
            events += analyzer.observe(TimelineFrames.advert(host: host, priority: priority), at: TimelineFrames.ns(time),
                                       interface: nil)
        }
        for time in stride(from: 3600.0, through: 3610, by: 1) {
            advertise(r1, 100, at: time)
            if time >= 3605 { advertise(r2, 99, at: time + 0.5) }
        }
        for time in stride(from: 0.0, through: 10, by: 1) {  // the clock stepped back an hour
            advertise(r1, 100, at: time)
            if time <= 5 { advertise(r2, 99, at: time + 0.5) }
        }
        events += analyzer.finish()
        let steps = events.filter { $0.kind == .captureGap }
        XCTAssertEqual(steps.map(\.detail), [.captureGap(.clockStep(backwards: 3_610_500_000_000))])
        XCTAssertEqual(steps.first?.ts, TimelineFrames.ns(3610.5))
        XCTAssertTrue(events.filter { $0.kind == .lateAdvert }.isEmpty)
        XCTAssertEqual(events.map(\.kind), [.master, .master, .splitBrain, .captureGap, .splitBrainEnd], "\(events)")
        for event in events {
            if case .splitBrainEnd(_, _, let duration, _) = event.detail {
                XCTAssertEqual(duration, 10_500_000_000, "3605.5 to 3610.5, then 1 s to r2's last advert at 5.5 (3616)")
            }
        }
        XCTAssertEqual(events.map(\.ts), events.map(\.ts).sorted(), "time never runs backwards")
        for router in analyzer.summaries().flatMap(\.routers) {
            XCTAssertGreaterThanOrEqual(router.masterTime, 0)
            XCTAssertLessThan(router.masterTime, 30_000_000_000)
        }
    }

    func testSmallReorderingIsNotAClockStep() {
        var script = TimelineScript()
        script.add(TimelineFrames.advert(host: r1, priority: 100), at: 0)
        script.add(TimelineFrames.advert(host: r1, priority: 100), at: 1.003)
        script.add(TimelineFrames.garp(host: r1), at: 1.001)
        script.add(TimelineFrames.advert(host: r1, priority: 100), at: 2)
        let run = script.run(sorted: false)
        XCTAssertTrue(run.of(.captureGap).isEmpty)
    }
}
