import Codec
import ElectionModel
@testable import Engine
import XCTest

/// keepalived's `virtual_ipaddress_excluded`: a master adds and announces them after its virtual
/// addresses and removes them when it leaves master, but never names them in its adverts.
final class ExcludedAddressTests: XCTestCase {
    private let excluded = [VirtualAddress("198.51.100.230/24")!, VirtualAddress("2001:db8::230/64")!]

    private func config(priority: UInt8 = 100) -> RouterConfig {
        var config = Fixture.config(priority: priority)
        config.excludedAddresses = excluded
        return config
    }

    func testAMasterAddsAndAnnouncesThemAfterItsVirtualAddresses() {
        var (router, _) = Fixture.router(config(), in: .backup)
        let actions = router.handle(.timer(.masterDown), now: router.deadline(.masterDown) ?? 0)
        XCTAssertTrue(actions.contains(.addAddresses([Fixture.vip] + excluded)))
        XCTAssertTrue(actions.contains(.announce([Fixture.vip.address] + excluded.map(\.address))))
        let destination = IPAddress.v4(.vrrpMulticast)
        XCTAssertEqual(AdvertEncoder(config: config()).bytes(priority: 100, destination: destination),
                       AdvertEncoder(config: Fixture.config()).bytes(priority: 100, destination: destination),
                       "the advert names only the virtual address")
    }

    func testLeavingMasterRemovesThemAndAnOwnerAddsOnlyThem() {
        var (router, now) = Fixture.router(config(), in: .master)
        let preempted = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 200), now: now + 1)
        XCTAssertTrue(preempted.contains(.removeAddresses([Fixture.vip] + excluded)))
        (router, now) = Fixture.router(config(), in: .master)
        XCTAssertTrue(router.handle(.shutdown, now: now + 1).contains(.removeAddresses([Fixture.vip] + excluded)))
        (router, now) = Fixture.router(config(), in: .master)
        XCTAssertTrue(router.handle(.addressRemoved(excluded[0].address), now: now + 1).contains(.addAddresses([excluded[0]])))

        var owner = VRRPRouter(config: config(priority: 255))
        XCTAssertTrue(owner.handle(.startup, now: 0).contains(.addAddresses(excluded)), "the owner's own addresses are already there")
        XCTAssertTrue(owner.handle(.shutdown, now: 1).contains(.removeAddresses(excluded)))
    }

    func testListeningComparesOnlyTheAdvertisedAddresses() {
        var listen = ListenPhase(config: config(), started: 0, ownAddresses: [])
        listen.heard(Fixture.received(from: Fixture.higherAddress, priority: 100), sourceMAC: nil)
        XCTAssertEqual(listen.decision(now: listen.duration, force: false), .join)
    }
}
