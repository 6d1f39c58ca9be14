import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// The stories issue 8 found told wrong, each as the analyser must now tell it.
final class TimelineStoryTests: XCTestCase {
    let r1: UInt8 = 111
    let r2: UInt8 = 199
    let r3: UInt8 = 201
    let vrid: UInt8 = 51
    var virtualMAC: MACAddress { .virtualRouter(vrid: vrid, ipv6: false) }

    /// Cisco style: adverts and ARP replies from the shared virtual MAC.
    func advertFromVirtualMAC(host: UInt8, priority: UInt8, interval: UInt16 = 10) -> Frame {
        var frame = TimelineFrames.advert(host: host, priority: priority, vrid: vrid, interval: interval, auth: nil)
        if case .ethernet(var header) = frame.link {
            header.source = virtualMAC
            frame.link = .ethernet(header)
        }
        return frame
    }

    // 1. An announcement belongs to the master change it is nearest to, also when it comes first.
    func testAnnouncementBeforeTheFirstAdvertBelongsToTheNewMaster() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 95, from: 0, through: 20, every: 10,
                       frame: { self.advertFromVirtualMAC(host: $0, priority: $1) })
        for repeat_ in 0..<3 {
            script.add(TimelineFrames.garp(mac: virtualMAC), at: 22.216 + Double(repeat_))
            script.add(TimelineFrames.garp(mac: virtualMAC), at: 22.216_001 + Double(repeat_))
        }
        script.adverts(host: r2, priority: 105, from: 22.217, through: 52.217, every: 10,
                       frame: { self.advertFromVirtualMAC(host: $0, priority: $1) })
        let run = script.run(timeOrdered: true)
        XCTAssertEqual(run.masters.map(\.router), [.host(r1), .host(r2)])
        XCTAssertNil(run.masters[0].announcementDelay, "r1 sent none: never another router's takeover burst")
        XCTAssertEqual(run.masters[1].cause, .preempted)
        XCTAssertEqual(run.masters[1].announcementDelay, -1_000_000, "1 ms before its first advert")
        XCTAssertEqual(run.masters[1].burstSize, 2)
        let table = run.summaries[0].routers.first { $0.address == .host(r2) }
        XCTAssertEqual(table?.announcementBursts, [2, 2, 2])
        XCTAssertEqual(table?.takeoverBursts, 3, "the repeats 1 s and 2 s later belong to the takeover")
        XCTAssertEqual(table?.announcementBursts.first, run.masters[1].burstSize, "event and table agree")
        XCTAssertEqual(run.summaries[0].routers.first { $0.address == .host(r1) }?.announcementBursts, [])
    }

    func testAnnouncementLongBeforeAnAdvertIsNotCreditedToIt() {
        var script = TimelineScript()
        script.add(TimelineFrames.garp(mac: virtualMAC), at: 0)
        script.adverts(host: r1, priority: 95, from: 0.2, through: 5.2, every: 1,
                       frame: { self.advertFromVirtualMAC(host: $0, priority: $1, interval: 1) })
        let run = script.run()
        XCTAssertNil(run.masters.first?.announcementDelay, "200 ms is beyond the 50 ms announcement lead")
    }

    // 2. A group without a master that gets one has recovered: the outage, no failover gap.
    func testNewMasterAfterSilenceIsRecoveredNotAFailover() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.add(TimelineFrames.advert(host: r1, priority: 0), at: 5.5)
        script.ticks(from: 0, through: 67)
        script.adverts(host: r2, priority: 90, from: 67.446, through: 75.446)
        let run = script.run()
        XCTAssertEqual(run.of(.silence).count, 1)
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .recovered])
        XCTAssertEqual(run.masters[1].previous, .host(r1))
        XCTAssertEqual(run.masters[1].outage, 61_946_000_000)
        XCTAssertNil(run.masters[1].gap)
        XCTAssertEqual(run.summaries[0].failovers, 0)
        XCTAssertNil(run.summaries[0].gapMedian)
    }

    // 3. Equal-priority backups timing out together: one master change, tie-break, contenders named.
    func testEqualBackupsTakingOverTogetherAreOneTieBreak() {
        for (first, second) in [(r2, r3), (r3, r2)] {
            var script = TimelineScript()
            script.adverts(host: r1, priority: 100, from: 0, through: 10)
            script.add(TimelineFrames.advert(host: first, priority: 50), at: 13.8)
            script.add(TimelineFrames.advert(host: second, priority: 50), at: 13.800_049)
            // The lower address yields after hearing the higher one.
            let loser = min(first, second), winner = max(first, second)
            script.add(TimelineFrames.advert(host: loser, priority: 50), at: 14.8)
            script.adverts(host: winner, priority: 50, from: 14.8, through: 25)
            let run = script.run()
            let label = "\(first) then \(second)"
            XCTAssertEqual(run.masters.map(\.router), [.host(r1), .host(winner)], label)
            XCTAssertEqual(run.masters.last?.cause, .tieBreak, label)
            XCTAssertEqual(run.masters.last?.previous, .host(r1), label)
            XCTAssertEqual(Set(run.masters.last?.contenders ?? []), [.host(r2), .host(r3)], label)
            let gap = Double(run.masters.last?.gap ?? 0) / 1e9
            XCTAssertEqual(gap, winner == first ? 3.8 : 3.800_049, accuracy: 1e-6, "from r1's last advert: \(label)")
            XCTAssertEqual(run.summaries[0].failovers, 1, label)
            XCTAssertTrue(run.of(.splitBrain).isEmpty, label)
        }
    }

    // 4. A backup that stops hearing a live master which outranks it: the onset of a split brain.
    func testClaimAgainstALiveMasterIsSplitBrainOnsetWithoutFailoverGap() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 30)
        script.adverts(host: r2, priority: 90, from: 10.612, through: 30)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .splitBrain])
        XCTAssertNil(run.masters[1].gap)
        XCTAssertEqual(run.summaries[0].failovers, 0)
        XCTAssertEqual(run.of(.splitBrain).count, 1)
    }

    // 5. After a split brain heals, hosts still point to the router that yielded unless the other re-announces.
    func testStaleARPAfterSplitBrainHealsWhereTheAnnouncedMACsDiffer() {
        func run(reannounce: Bool) -> TimelineRun {
            var script = TimelineScript()
            script.adverts(host: r1, priority: 100, from: 0, through: 30)
            script.garpBurst(host: r1, at: 0.001)
            script.adverts(host: r2, priority: 90, from: 10, through: 20)
            script.garpBurst(host: r2, at: 10.001)
            if reannounce { script.garpBurst(host: r1, at: 21.5) }
            return script.run(timeOrdered: true)
        }
        let stale = run(reannounce: false)
        XCTAssertEqual(stale.of(.splitBrain).count, 1)
        XCTAssertEqual(stale.of(.splitBrainEnd).count, 1)
        let findings = stale.of(.staleARP)
        XCTAssertEqual(findings.count, 1, "\(stale.events)")
        guard case .staleARP(let finding)? = findings.first?.detail else { return XCTFail() }
        XCTAssertEqual(finding.mac, TimelineFrames.mac(r2))
        XCTAssertEqual(finding.router, .host(r2))
        XCTAssertEqual(finding.master, .host(r1))
        XCTAssertEqual(findings.first?.ts, TimelineFrames.ns(23), "overlap end (r2's last advert) + 3 s announcement window")
        XCTAssertTrue(run(reannounce: true).of(.staleARP).isEmpty, "r1 re-announced within its window")
    }

    func testNoStaleARPWithASharedVirtualMAC() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 30, every: 1,
                       frame: { self.advertFromVirtualMAC(host: $0, priority: $1, interval: 1) })
        script.adverts(host: r2, priority: 90, from: 10, through: 20, every: 1,
                       frame: { self.advertFromVirtualMAC(host: $0, priority: $1, interval: 1) })
        script.add(TimelineFrames.garp(mac: virtualMAC), at: 10.001)
        let run = script.run(timeOrdered: true)
        XCTAssertEqual(run.of(.splitBrain).count, 1)
        XCTAssertTrue(run.of(.staleARP).isEmpty)
    }

    // 6. Only routers within their liveness window at the end are advertising at the end.
    func testSilentPreemptedMasterIsNotAdvertisingAtTheEnd() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 10, every: 10,
                       frame: { TimelineFrames.advert(host: $0, priority: $1, interval: 10) })
        script.adverts(host: r2, priority: 200, from: 15, through: 35, every: 1)
        let run = script.run(timeOrdered: true)
        XCTAssertEqual(run.masters.last?.cause, .preempted)
        XCTAssertEqual(run.summaries[0].advertising, [.host(r2)], "r1's last advert was 25 s before the end, interval 10 s")
    }

    // 7. A master's drop and a router's own rise both count as priority changes that caused an election.
    func testPriorityRiseThatPreemptsCountsAsCausingAnElection() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.add(TimelineFrames.advert(host: r1, priority: 98), at: 6)
        script.adverts(host: r2, priority: 99, from: 6.6, through: 15)
        script.adverts(host: r1, priority: 100, from: 15.5, through: 25)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .preempted, .preempted])
        XCTAssertTrue(run.masters[1].followsPriorityDrop)
        XCTAssertTrue(run.masters[2].followsPriorityRise)
        XCTAssertEqual(run.summaries[0].priorityChanges, 2)
        XCTAssertEqual(run.summaries[0].electionsAfterPriorityChange, 2)
    }

    // 8. A file replay prints events in time order, however late each was decided.
    func testTimeOrderedEventsAreSortedAndNoneIsLost() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 20, every: 10,
                       frame: { TimelineFrames.advert(host: $0, priority: $1, interval: 10) })
        script.add(TimelineFrames.advert(host: r1, priority: 0, interval: 10), at: 20.5)
        script.ticks(from: 0, through: 90, every: 1)
        script.adverts(host: r2, priority: 90, from: 92, through: 100)
        let decided = script.run()
        let ordered = script.run(timeOrdered: true)
        XCTAssertNotEqual(decided.events.map(\.ts), decided.events.map(\.ts).sorted(), "the initial master waits 30 s")
        XCTAssertEqual(ordered.events.map(\.ts), ordered.events.map(\.ts).sorted())
        XCTAssertEqual(Set(ordered.events), Set(decided.events))
        XCTAssertEqual(ordered.events.count, decided.events.count)
    }

    // 9. The median of two gaps is their mean.
    func testMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        XCTAssertEqual(VirtualRouterTracker.median(ofSorted: [600, 614]), 607)
        XCTAssertEqual(VirtualRouterTracker.median(ofSorted: [1, 2, 10]), 2)
        XCTAssertNil(VirtualRouterTracker.median(ofSorted: []))
    }
}
