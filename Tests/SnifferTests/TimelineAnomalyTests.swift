import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// Split brain, silence, late adverts, misconfiguration, collisions and address conflicts.
final class TimelineAnomalyTests: XCTestCase {
    let r1: UInt8 = 111
    let r2: UInt8 = 199

    func testSplitBrainHasStartRoutersEndAndDuration() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 30)
        script.adverts(host: r2, priority: 99, from: 10, through: 20)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .splitBrain], "r1 kept advertising: no failover")
        XCTAssertNil(run.masters[1].gap)
        XCTAssertEqual(run.summaries[0].failovers, 0)
        XCTAssertEqual(run.masters[1].router, .host(r2))
        XCTAssertEqual(run.of(.master)[1].ts, TimelineFrames.ns(10))
        let start = run.of(.splitBrain)
        XCTAssertEqual(start.count, 1)
        XCTAssertEqual(start.first?.ts, TimelineFrames.ns(10))
        XCTAssertEqual(start.first?.routers, [.host(r1), .host(r2)])
        let end = run.of(.splitBrainEnd)
        XCTAssertEqual(end.count, 1)
        XCTAssertEqual(end.first?.ts, TimelineFrames.ns(20))
        guard case .splitBrainEnd(_, let started, let duration, _)? = end.first?.detail else { return XCTFail() }
        XCTAssertEqual(started, TimelineFrames.ns(10))
        XCTAssertEqual(duration, 10_000_000_000)
        XCTAssertEqual(run.summaries[0].master, .host(r1), "r1 reigned throughout")
        XCTAssertEqual(run.summaries[0].anomalies[.splitBrain], 1)
    }

    func testOngoingSplitBrainHasNoEnd() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 20)
        script.adverts(host: r2, priority: 99, from: 7.2, through: 21, every: 2, frame: { host, priority in
            TimelineFrames.advert(host: host, priority: priority, interval: 2)
        })
        let run = script.run()
        XCTAssertEqual(run.of(.splitBrain).count, 1)
        XCTAssertTrue(run.of(.splitBrainEnd).isEmpty)
        XCTAssertEqual(run.summaries[0].splitBrainOngoing, true)
        XCTAssertEqual(Set(run.summaries[0].advertising), [.host(r1), .host(r2)])
    }

    func testMasterWhoseAdvertsAreSuppressedShowsByItsRepeatedAnnouncements() {
        // keepalived restarts a master's advert timer on every advert of its VRID, even one it drops for an
        // interval mismatch: r2 advertises once, then only its repeated gratuitous ARP burst shows it stayed master
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 15)
        script.add(TimelineFrames.advert(host: r2, priority: 99, interval: 2), at: 7.6)
        script.garpBurst(host: r2, at: 7.601)
        script.garpBurst(host: r2, at: 12.62)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .splitBrain])
        XCTAssertEqual(run.of(.master).last?.ts, TimelineFrames.ns(7.6))
        XCTAssertEqual(run.of(.splitBrain).map(\.ts), [TimelineFrames.ns(7.6)])
        XCTAssertTrue(run.of(.conflict).isEmpty && run.of(.staleARP).isEmpty, "\(run.events)")
        XCTAssertEqual(run.of(.mismatch).count, 1)
    }

    func testRouterThatYieldsAndNeverAnnouncesAgainIsNoMaster() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 15)
        script.add(TimelineFrames.advert(host: r2, priority: 99), at: 7.6)
        script.garpBurst(host: r2, at: 7.601)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.router), [.host(r1)])
        XCTAssertTrue(run.of(.splitBrain).isEmpty)
    }

    func testSilenceIsReportedByTheLiveTimerWhenNobodyTakesOver() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.ticks(from: 0, through: 15)
        let run = script.run()
        let silence = run.of(.silence)
        XCTAssertEqual(silence.count, 1, "\(run.events)")
        XCTAssertEqual(silence.first?.router, .host(r1))
        XCTAssertEqual(silence.first?.ts, TimelineFrames.ns(5 + 4.05), "3 intervals + 1 s (v2 skew) + 50 ms")
        XCTAssertTrue(run.of(.captureGap).isEmpty)
        XCTAssertNil(run.summaries[0].master)
    }

    func testSilenceInAReplayNeedsOtherTraffic() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5)
        script.adverts(host: 7, priority: 100, from: 0.5, through: 15, frame: { host, priority in
            TimelineFrames.advert(host: host, priority: priority, vrid: 7, addresses: [IPv4Address(192, 0, 2, 7)])
        })
        let run = script.run()
        XCTAssertEqual(run.of(.silence).map(\.router), [.host(r1)])
        XCTAssertTrue(run.of(.captureGap).isEmpty)
    }

    func testResignationWithoutBackupIsSilence() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 3)
        script.add(TimelineFrames.advert(host: r1, priority: 0), at: 3.5)
        script.ticks(from: 0, through: 12)
        let run = script.run()
        XCTAssertEqual(run.events.map(\.kind), [.master, .resign, .silence])
        guard case .silence(_, let last, let resigned)? = run.of(.silence).first?.detail else { return XCTFail() }
        XCTAssertTrue(resigned)
        XCTAssertEqual(last, TimelineFrames.ns(3.5))
    }

    func testReturnAfterSilenceIsRecoveredWithTheOutage() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 3)
        script.ticks(from: 0, through: 20)
        script.adverts(host: r1, priority: 100, from: 20, through: 25)
        let run = script.run()
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .recovered])
        XCTAssertEqual(run.masters[1].previous, .host(r1))
        XCTAssertEqual(run.masters[1].outage, 17_000_000_000)
        XCTAssertNil(run.masters[1].gap, "no failover gap")
        XCTAssertEqual(run.summaries[0].failovers, 0)
    }

    func testLateAdvertsAndJitter() {
        var script = TimelineScript()
        for time in [0, 1, 2, 3, 4.7, 5.7, 6.7] { script.add(TimelineFrames.advert(host: r1, priority: 100), at: time) }
        let run = script.run()
        let late = run.of(.lateAdvert)
        XCTAssertEqual(late.map(\.ts), [TimelineFrames.ns(4.7)])
        guard case .lateAdvert(_, let spacing, let interval)? = late.first?.detail else { return XCTFail() }
        XCTAssertEqual(spacing, 1_700_000_000)
        XCTAssertEqual(interval, 1_000_000_000)
        let router = run.summaries[0].routers[0]
        XCTAssertEqual(router.lateAdverts, 1)
        XCTAssertEqual(router.maxSpacing, 1_700_000_000)
        XCTAssertEqual(router.adverts, 7)
        XCTAssertGreaterThan(router.jitter ?? 0, 0)
    }

    func testMismatchesAreReportedOncePerPairAndKind() {
        func check(_ second: (UInt8, UInt8) -> Frame, first: (UInt8, UInt8) -> Frame = { host, priority in
            TimelineFrames.advert(host: host, priority: priority)
        }, expect kinds: [MismatchKind], file: StaticString = #filePath, line: UInt = #line) {
            var script = TimelineScript()
            script.adverts(host: r1, priority: 100, from: 0, through: 20, frame: first)
            script.adverts(host: r2, priority: 99, from: 5, through: 20, every: 2, frame: second)
            let run = script.run()
            let found = run.events.compactMap { if case .mismatch(let m) = $0.detail { m } else { nil } }
            XCTAssertEqual(found.map(\.what), kinds, file: file, line: line)
            XCTAssertEqual(found.first?.routers, [.host(r2), .host(r1)], file: file, line: line)
            XCTAssertFalse(found.contains { $0.detail.contains("1111") || $0.detail.contains("secret") },
                           "never a password", file: file, line: line)
        }
        check({ TimelineFrames.advert(host: $0, priority: $1, interval: 2) }, expect: [.interval])
        check({ TimelineFrames.advert(host: $0, priority: $1, auth: "secret") }, expect: [.auth])
        check({ TimelineFrames.advert(host: $0, priority: $1, auth: nil) }, expect: [.auth])
        check({ TimelineFrames.advert(host: $0, priority: $1, version: 3, interval: 100, auth: nil) },
              expect: [.version, .auth])
        check({ TimelineFrames.advert(host: $0, priority: $1, addresses: [TimelineFrames.vip, IPv4Address(192, 0, 2, 224)]) },
              expect: [.addresses])
        let v3 = { (form: ChecksumForm) in { (host: UInt8, priority: UInt8) in
            TimelineFrames.advert(host: host, priority: priority, version: 3, interval: 100, auth: nil, checksum: .valid(form))
        } }
        check(v3(.plain), first: v3(.pseudoHeader), expect: [.checksumForm])
        check({ host, _ in TimelineFrames.advert(host: host, priority: 255) },
              first: { host, _ in TimelineFrames.advert(host: host, priority: 255) },
              expect: [.owner])
    }

    func testVRIDCollisionMakesTwoGroupsAndNoSplitBrain() {
        let other = IPv4Address(192, 0, 2, 229)
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 9)
        script.adverts(host: 150, priority: 150, from: 0.5, through: 20, frame: { host, priority in
            TimelineFrames.advert(host: host, priority: priority, addresses: [other], auth: "aaa")
        })
        script.add(TimelineFrames.advert(host: r1, priority: 0), at: 9.2)
        script.adverts(host: r2, priority: 99, from: 9.8, through: 20)
        let run = script.run()
        let collisions = run.of(.collision)
        XCTAssertEqual(collisions.count, 1)
        XCTAssertEqual(collisions.first?.vr?.group, 1)
        guard case .collision(let collision)? = collisions.first?.detail else { return XCTFail() }
        XCTAssertEqual(collision.routers, [.host(150), .host(r1)])
        XCTAssertTrue(collision.authDiffers)
        XCTAssertEqual(run.masters.map(\.cause), [.initial, .initial, .resigned])
        XCTAssertEqual(run.masters.map(\.router), [.host(r1), .host(150), .host(r2)])
        XCTAssertTrue(run.of(.splitBrain).isEmpty && run.of(.mismatch).isEmpty, "\(run.events)")
        XCTAssertEqual(run.summaries.map(\.vr.group), [0, 1])
        XCTAssertEqual(run.summaries.map(\.master), [.host(r2), .host(150)])
        XCTAssertEqual(run.summaries.map { $0.anomalies[.collision] }, [1, 1])
    }

    func testAnnouncementFromAnotherMACIsAConflict() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 10)
        script.garpBurst(host: r1, at: 0.001)
        script.add(TimelineFrames.garp(mac: TimelineFrames.mac(0x66)), at: 5)
        script.add(TimelineFrames.garp(mac: TimelineFrames.mac(0x66)), at: 5.1)
        script.add(TimelineFrames.garp(mac: .virtualRouter(vrid: 51, ipv6: false)), at: 6)  // the virtual MAC is fine
        let run = script.run()
        let conflicts = run.of(.conflict)
        XCTAssertEqual(conflicts.count, 1)
        guard case .conflict(let finding)? = conflicts.first?.detail else { return XCTFail() }
        XCTAssertEqual(finding.mac, TimelineFrames.mac(0x66))
        XCTAssertEqual(finding.address, .v4(TimelineFrames.vip))
        XCTAssertNil(finding.router)
        XCTAssertEqual(finding.master, .host(r1))
    }

    func testNewMasterThatNeverAnnouncesLeavesStaleARP() {
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 9)
        script.garpBurst(host: r1, at: 0.001)
        script.adverts(host: r2, priority: 99, from: 12.613, through: 20)
        let run = script.run()
        let stale = run.of(.staleARP)
        XCTAssertEqual(stale.count, 1, "\(run.events)")
        guard case .staleARP(let finding)? = stale.first?.detail else { return XCTFail() }
        XCTAssertEqual(finding.router, .host(r1))
        XCTAssertEqual(finding.master, .host(r2))
        XCTAssertEqual(finding.mac, TimelineFrames.mac(r1))
        XCTAssertNil(run.masters[1].announcementDelay)
    }

    func testIPv6MasterAnnouncesWithUnsolicitedNA() {
        let vips = [IPv6Address("fe80::223"), IPv6Address("2001:db8::223")].compactMap { $0 }
        var script = TimelineScript()
        script.adverts(host: r1, priority: 100, from: 0, through: 5, frame: { host, priority in
            TimelineFrames.advertIPv6(host: host, priority: priority, addresses: vips)
        })
        for repeatIndex in 0..<5 {
            for vip in vips {
                script.add(TimelineFrames.unsolicitedNA(host: r1, target: vip), at: 0.002 + Double(repeatIndex) * 0.0001)
            }
        }
        let run = script.run()
        XCTAssertEqual(run.masters.first?.announcementDelay, 2_000_000)
        XCTAssertEqual(run.masters.first?.burstSize, 5)
        XCTAssertEqual(run.of(.master).first?.vr?.family, .ipv6)
        XCTAssertEqual(run.summaries.first?.routers.first?.address, .v6(TimelineFrames.linkLocal(r1)))
    }
}
