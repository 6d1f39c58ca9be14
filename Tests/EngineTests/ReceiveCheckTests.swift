import Codec
import ElectionModel
import XCTest
@testable import Engine

/// Each receive check drops with its own counter; a master stays master whatever bad adverts say.
final class ReceiveCheckTests: XCTestCase {
    func testEachBadAdvertHasItsCounter() {
        let stranger = IPAddress("198.51.100.7")!
        let cases: [(DropReason, UInt8, RouterInput, (inout RouterConfig) -> Void)] = [
            (.hopLimit, 3, Fixture.advert(from: Fixture.higherAddress, priority: 255, hopLimit: 64), { _ in }),
            (.version, 3, Fixture.advert(from: Fixture.higherAddress, priority: 255, version: 2), { _ in }),
            (.checksum, 3, Fixture.advert(from: Fixture.higherAddress, priority: 255, checksum: .invalid(expected: 1)), { _ in }),
            (.vrid, 3, Fixture.advert(from: Fixture.higherAddress, priority: 255, vrid: 52), { _ in }),
            (.ownAdvert, 3, Fixture.advert(from: Fixture.me, priority: 255), { _ in }),
            (.unknownSource, 3, Fixture.advert(from: stranger, priority: 255), { $0.unicastPeers = [Fixture.higherAddress] }),
            (.auth, 2, Fixture.advert(from: Fixture.higherAddress, priority: 255, version: 2, password: "wrong"),
             { $0.authentication = .simple("secret") }),
            (.auth, 2, Fixture.advert(from: Fixture.higherAddress, priority: 255, version: 2), { $0.authentication = .simple("secret") }),
            (.interval, 2, Fixture.advert(from: Fixture.higherAddress, priority: 255, version: 2, interval: 300), { _ in }),
        ]
        for (reason, version, input, adjust) in cases {
            var config = Fixture.config(version: version)
            adjust(&config)
            var (router, now) = Fixture.router(config, in: .master)
            for _ in 0..<10 { XCTAssertEqual(router.handle(input, now: now), [], "\(reason)") }
            now += 1
            XCTAssertEqual(router.state, .master, "\(reason)")
            XCTAssertEqual(router.counters[reason], 10, "\(reason)")
            XCTAssertEqual(router.counters.dropped, 10, "\(reason)")
            XCTAssertEqual(router.counters.received, 10, "\(reason)")
        }
    }

    func testEveryVersion3ChecksumFormIsAccepted() {
        for form in [ChecksumForm.plain, .pseudoHeader, .pseudoHeaderMulticast] {
            var (router, now) = Fixture.router(Fixture.config(), in: .master)
            now += 1
            _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150, checksum: .valid(form)), now: now)
            XCTAssertEqual(router.state, .backup, form.rawValue)
        }
    }

    func testRightPasswordAndAddressMismatchAreAccepted() {
        var config = Fixture.config(version: 2)
        config.authentication = .simple("secret")
        var (router, _) = Fixture.router(config, in: .master)
        _ = router.handle(Fixture.advert(from: Fixture.higherAddress, priority: 150, version: 2, password: "secret",
                                         addresses: [IPAddress("192.0.2.200")!]), now: 1)
        XCTAssertEqual(router.state, .backup)
        XCTAssertEqual(router.counters.addressListMismatch, 1)
        XCTAssertEqual(router.counters.dropped, 0)
    }

    func testEncodedAdvertsPassTheChecksForTheirForm() throws {
        for (version, family, form, expected) in [
            (UInt8(2), AddressFamily.ipv4, ChecksumForm.pseudoHeader, ChecksumForm.plain),
            (3, .ipv4, .pseudoHeader, .pseudoHeader),
            (3, .ipv4, .plain, .plain),
            (3, .ipv6, .plain, .pseudoHeader),
        ] {
            let v6 = family == .ipv6
            var config = RouterConfig(vrid: 7, version: version, family: family, priority: 120, advertInterval: 100,
                                      virtualAddresses: [VirtualAddress(v6 ? "2001:db8::1/64" : "192.0.2.1/24")!],
                                      primaryAddress: IPAddress(v6 ? "fe80::1" : "192.0.2.10")!, v3ChecksumForm: form)
            if version == 2 { config.authentication = .simple("pw") }
            XCTAssertNoThrow(try config.validate())
            let encoder = AdvertEncoder(config: config)
            let destination = try XCTUnwrap(encoder.destinations.first)
            let bytes = encoder.bytes(priority: 120, destination: destination)
            let context = IPContext(source: config.primaryAddress, destination: destination, isTruncated: false)
            let packet = try bytes.withUnsafeBytes { try VRRPPacket.decode($0, context: context) }
            XCTAssertEqual(packet.checksumCheck, .valid(expected), "v\(version) \(family) \(form)")
            XCTAssertEqual(packet.intervalCentiseconds, 100)
            if version == 2 { XCTAssertEqual(packet.authText, "pw") }
            var peer = config
            peer.primaryAddress = IPAddress(v6 ? "fe80::2" : "192.0.2.11")!
            let received = ReceivedAdvert(packet: packet, source: config.primaryAddress, destination: destination)
            XCTAssertNil(ReceiveCheck.dropReason(received, config: peer))
        }
    }

    func testConfigValidationNamesTheProblem() {
        var config = Fixture.config(version: 3)
        config.authentication = .simple("pw")
        XCTAssertThrowsError(try config.validate()) { XCTAssertEqual($0 as? ConfigError, .version3Authentication) }
        config = Fixture.config(version: 2)
        config.advertInterval = 50
        XCTAssertThrowsError(try config.validate()) { XCTAssertEqual($0 as? ConfigError, .interval(50, version: 2)) }
    }
}
