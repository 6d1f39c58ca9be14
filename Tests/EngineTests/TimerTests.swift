import Codec
import ElectionModel
import XCTest
@testable import Engine

/// The RFC timer values the machine arms, computed by hand here rather than through `VRRPTimers`.
final class TimerTests: XCTestCase {
    func testMasterDownIntervalAtPriority120IsAbout3Point53Seconds() {
        for version: UInt8 in [2, 3] {
            var router = VRRPRouter(config: Fixture.config(version: version, priority: 120))
            let actions = router.handle(.startup, now: 0)
            // 3 × 1 s + (256 − 120) / 256 s = 3.53125 s
            XCTAssertEqual(actions.armed(.masterDown), 3_531_250_000, "v\(version)")
        }
    }

    func testVersion3SkewScalesWithTheLearnedInterval() {
        var (router, _) = Fixture.router(Fixture.config(version: 3, priority: 120), in: .backup)
        let actions = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150, interval: 10), now: 0)
        // Master_Adver_Interval 0.1 s: 3 × 0.1 s + 136/256 × 0.1 s = 353.125 ms
        XCTAssertEqual(actions.armed(.masterDown), 353_125_000)
        let resign = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 0, interval: 10), now: 1_000)
        XCTAssertEqual(resign.armed(.masterDown), 1_000 + 53_125_000)
    }

    func testVersion2SkewIgnoresTheInterval() {
        var config = Fixture.config(version: 2, priority: 120)
        config.advertInterval = 300
        var (router, _) = Fixture.router(config, in: .backup)
        let resign = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 0, version: 2, interval: 300), now: 0)
        XCTAssertEqual(resign.armed(.masterDown), 531_250_000)
        let advert = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150, version: 2, interval: 300), now: 0)
        XCTAssertEqual(advert.armed(.masterDown), 9_531_250_000)
    }

    func testResignedMasterIsReplacedAfterSkewTime() {
        var (router, _) = Fixture.router(Fixture.config(priority: 120), in: .backup)
        _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 0), now: 5 * Fixture.second)
        let due = 5 * Fixture.second + 531_250_000
        let actions = router.handle(.timer(.masterDown), now: due)
        guard case .master(let change) = actions.reports.first?.detail else { return XCTFail("not master") }
        XCTAssertEqual(change.cause, .resigned)
        XCTAssertEqual(change.previous, Fixture.higherAddress)
        XCTAssertEqual(change.gap, 531_250_000)
    }

    func testPreemptingBackupTakesOverOneMasterDownIntervalAfterTheLastAcceptedAdvert() {
        var (router, _) = Fixture.router(Fixture.config(priority: 120), in: .backup)
        var now: Int64 = 0
        // The lower master keeps advertising; every advert is discarded, so the timer armed at startup runs out.
        while router.state == .backup {
            now += Fixture.second
            if let due = router.deadline(.masterDown), due <= now {
                _ = router.handle(.timer(.masterDown), now: due)
                now = due
                break
            }
            _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 100), now: now)
        }
        XCTAssertEqual(router.state, .master)
        XCTAssertEqual(now, 3_531_250_000)
        XCTAssertEqual(router.counters.lowerPriorityDiscarded, 3)
    }

    func testPreemptDelayWaitsBeforePreemptingALowerMaster() {
        var config = Fixture.config(priority: 120)
        config.preemptDelay = 5 * Fixture.second
        var (router, _) = Fixture.router(config, in: .backup)
        var took: Int64?
        for tick in 1...10 {
            let now = Int64(tick) * Fixture.second
            if let due = router.deadline(.preemptDelay), due <= now {
                _ = router.handle(.timer(.preemptDelay), now: due)
                took = due
                break
            }
            _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 100), now: now)
        }
        XCTAssertEqual(router.state, .master)
        XCTAssertEqual(took, 6 * Fixture.second)  // first lower advert at 1 s, delay 5 s
    }

    func testAnnouncementBurstsFollowKeepalivedsDefaults() {
        var (router, now) = Fixture.router(Fixture.config(), in: .backup)
        now = router.deadline(.masterDown) ?? 0
        let first = router.handle(.timer(.masterDown), now: now)
        XCTAssertEqual(first.announces, 5)
        XCTAssertEqual(first.armed(.announce), now + 5 * Fixture.second)
        let second = router.handle(.timer(.announce), now: now + 5 * Fixture.second)
        XCTAssertEqual(second.announces, 5)
        XCTAssertNil(second.armed(.announce))
        let flap = router.handle(.linkFlapped, now: now + 6 * Fixture.second)
        XCTAssertEqual(flap.announces, 5)
    }
}
