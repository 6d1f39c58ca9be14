import Codec
import ElectionModel
import XCTest
@testable import Engine

final class ListenPhaseTests: XCTestCase {
    let routerMAC = MACAddress("02:00:00:00:00:14")!

    func advert(from source: IPAddress, priority: UInt8 = 100, addresses: [IPAddress] = [Fixture.vip.address],
                version: UInt8 = 3, password: String? = nil) -> ReceivedAdvert {
        Fixture.received(from: source, priority: priority, version: version, password: password, addresses: addresses)
    }

    func testListensThreeMasterDownIntervalsThenJoins() {
        var phase = ListenPhase(config: Fixture.config(priority: 120), started: 10, ownAddresses: [Fixture.me])
        XCTAssertEqual(phase.duration, 3 * 3_531_250_000)
        XCTAssertEqual(phase.decision(now: 10, force: false), .listen(until: 10 + 3 * 3_531_250_000))
        phase.heard(advert(from: Fixture.higherAddress), sourceMAC: routerMAC)
        phase.heardAnswer(for: Fixture.vip.address, from: routerMAC)
        XCTAssertEqual(phase.decision(now: 11 * Fixture.second, force: false), .join)
    }

    /// FRR's master answers for the VIP from its macvlan (the virtual MAC) and from its parent interface
    /// (Linux answers ARP on every interface): the second MAC is no stranger while the first answers.
    func testAnotherMACAnsweringBesideTheGroupIsNoStranger() {
        let parent = MACAddress("02:00:00:00:00:11")!
        var phase = ListenPhase(config: Fixture.config(), started: 0, ownAddresses: [Fixture.me])
        phase.heardAnswer(for: Fixture.vip.address, from: parent)
        XCTAssertEqual(phase.reasons, [.foreignAnswer(address: Fixture.vip.address, mac: parent)])
        phase.heardAnswer(for: Fixture.vip.address, from: .virtualRouter(vrid: 51, ipv6: false))
        XCTAssertEqual(phase.reasons, [])
    }

    func testRefusesWithEveryReason() {
        let stranger = MACAddress("02:00:00:00:00:99")!
        var config = Fixture.config(version: 2, priority: 255)
        config.authentication = .simple("secret")
        var phase = ListenPhase(config: config, started: 0, ownAddresses: [Fixture.me, IPAddress("192.0.2.30")!])
        phase.heard(advert(from: Fixture.higherAddress, addresses: [IPAddress("192.0.2.200")!], version: 2,
                           password: "secret"), sourceMAC: routerMAC)
        phase.heard(advert(from: Fixture.lowerAddress, priority: 255, version: 2, password: "other"), sourceMAC: nil)
        phase.heard(advert(from: IPAddress("192.0.2.30")!, version: 2, password: "secret"), sourceMAC: nil)
        phase.heardAnswer(for: Fixture.vip.address, from: stranger)
        phase.heardAnswer(for: IPAddress("192.0.2.250")!, from: stranger)  // not ours: ignored
        let expected: [JoinRefusal] = [
            .otherAddresses(router: Fixture.higherAddress, addresses: [IPAddress("192.0.2.200")!]),
            .otherAuth(router: Fixture.lowerAddress),
            .anotherOwner(router: Fixture.lowerAddress),
            .sameHost(address: IPAddress("192.0.2.30")!),
            .foreignAnswer(address: Fixture.vip.address, mac: stranger),
        ]
        let end = phase.started + phase.duration
        XCTAssertEqual(phase.decision(now: end, force: false), .refuse(expected))
        XCTAssertEqual(phase.decision(now: end, force: true), .join)
        XCTAssertTrue(expected[3].description.contains("already runs"))
    }
}
