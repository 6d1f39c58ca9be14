import Codec
import ElectionModel
import XCTest
@testable import Engine

/// Tie-break, priority arithmetic, flap damping, peer-ignores-us and address restoring.
final class MasterBehaviourTests: XCTestCase {
    func testTieBreakComparesPrimaryAddressesAsUnsignedIntegers() {
        // 192.0.2.10 vs 192.0.2.9: numerically larger, though "10" < "9" as text.
        var (router, now) = Fixture.router(Fixture.config(), in: .master)
        _ = router.handle(Fixture.advert(from: IPAddress("192.0.2.9")!, priority: 100), now: now + 1)
        XCTAssertEqual(router.state, .master)
        now += 2
        _ = router.handle(Fixture.advert(from: IPAddress("192.0.2.11")!, priority: 100), now: now)
        XCTAssertEqual(router.state, .backup)
    }

    func testPrioritySaturates() {
        XCTAssertEqual(RouterConfig.effectivePriority(base: 100, weight: -200), 1)
        XCTAssertEqual(RouterConfig.effectivePriority(base: 250, weight: 20), 254)
        XCTAssertEqual(RouterConfig.effectivePriority(base: 255, weight: -50), 255)
        var (router, now) = Fixture.router(Fixture.config(), in: .master)
        now += 1
        let lowered = router.handle(.effectivePriority(0), now: now)
        XCTAssertEqual(router.priority, 1)
        XCTAssertEqual(lowered.sent, [1], "a master advertises a new priority at once")
        XCTAssertEqual(lowered.reports.map(\.kind), [.priority])
        var owner = VRRPRouter(config: Fixture.config(priority: 255))
        _ = owner.handle(.effectivePriority(90), now: 0)
        XCTAssertEqual(owner.priority, 255)
    }

    func testFlapDampingHoldsTheRouterInBackup() {
        var config = Fixture.config()
        config.flapLimit = 3
        var (router, now) = Fixture.router(config, in: .master)  // changes: backup at 0, master at MDI
        now += 1
        _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150), now: now)  // 3rd change
        let due = router.deadline(.masterDown) ?? 0
        let held = router.handle(.timer(.masterDown), now: due)
        XCTAssertEqual(router.state, .backup)
        XCTAssertEqual(held.reports.map(\.kind), [.flapHold])
        XCTAssertEqual(held.armed(.masterDown), 60 * Fixture.second + 1, "retries when the first change leaves the window")
        XCTAssertEqual(router.counters.flapHolds, 1)
        let retry = router.handle(.timer(.masterDown), now: 60 * Fixture.second + 1)
        XCTAssertEqual(router.state, .master)
        XCTAssertEqual(retry.reports.map(\.kind), [.master])
    }

    func testLowerPeerThatKeepsAdvertisingIsReportedOnce() {
        var (router, now) = Fixture.router(Fixture.config(), in: .master)
        var kinds: [TimelineEvent.Kind] = []
        for _ in 0..<8 {
            now += Fixture.second
            kinds += router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 50), now: now).reports.map(\.kind)
        }
        XCTAssertEqual(kinds, [.peerIgnoresUs])
        XCTAssertEqual(router.state, .master)
    }

    /// Taking over: the advert first, then the whole announcement burst, and only then the addresses,
    /// so that no netlink round trip delays a frame the segment waits for.
    func testTakeoverSendsAdvertThenAnnouncementsThenAddsAddresses() {
        var (router, _) = Fixture.router(Fixture.config(), in: .backup)
        let due = router.deadline(.masterDown) ?? 0
        let effects = router.handle(.timer(.masterDown), now: due).filter {
            switch $0 {
            case .sendAdvert, .announce, .addAddresses: true
            default: false
            }
        }
        let burst = Array(repeating: RouterAction.announce([Fixture.vip.address]), count: 5)
        XCTAssertEqual(effects, [.sendAdvert(priority: 100)] + burst + [.addAddresses([Fixture.vip])])
    }

    func testRemovedAddressIsPutBack() {
        var (router, now) = Fixture.router(Fixture.config(), in: .master)
        now += 1
        let actions = router.handle(.addressRemoved(Fixture.vip.address), now: now)
        XCTAssertTrue(actions.contains(.addAddresses([Fixture.vip])))
        XCTAssertTrue(actions.contains(.announce([Fixture.vip.address])))
        XCTAssertEqual(actions.reports.map(\.kind), [.addressRestored])
        XCTAssertEqual(router.handle(.addressRemoved(IPAddress("192.0.2.99")!), now: now), [])
    }

    func testOwnerNeverAddsOrRemovesItsAddresses() {
        var owner = VRRPRouter(config: Fixture.config(priority: 255))
        let start = owner.handle(.startup, now: 0)
        XCTAssertFalse(start.addsAddresses)
        let stop = owner.handle(.shutdown, now: 1)
        XCTAssertEqual(stop.sent, [0])
        XCTAssertFalse(stop.removesAddresses)
    }
}
