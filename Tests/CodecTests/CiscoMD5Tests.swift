import XCTest
@testable import Codec

/// Cisco IOS `vrrp authentication md5`: the frame observed on the wire
/// (/work/shared/vendor-notes/cisco-ios-vrrp.md), byte for byte.
final class CiscoMD5Tests: XCTestCase {
    static let observed = FrameBuilder.bytes(hex: """
        01 00 5e 00 00 12 00 00 5e 00 01 1e 81 00 00 1e 08 00
        45 c0 00 46 00 00 00 00 ff 70 fb cb c0 a8 1e 01 e0 00 00 12
        21 1e 5f 01 fe 0a d8 43
        c0 a8 1e fe
        00 00 00 00 00 00 00 00
        fe 1c 01 00 00 00 c0 a8 1e 01 00 00 00 00
        eb 0a 04 69 45 ef b3 10 a8 08 f3 5b 1c 39 4c 12
        """)

    func testObservedAdvertDecodesWithNoFindingAndRoundTrips() throws {
        XCTAssertEqual(Self.observed.count, 88)
        let frame = FrameBuilder.decode(Self.observed)
        let packet = try XCTUnwrap(frame.vrrp)
        XCTAssertEqual(packet.authType, 254)
        XCTAssertEqual(packet.interval, 10)
        XCTAssertEqual(packet.extra.count, CiscoMD5Authentication.trailerLength)
        XCTAssertEqual(frame.problems, [], "no count-mismatch, not malformed")
        let md5 = try XCTUnwrap(packet.ciscoMD5)
        XCTAssertEqual(md5.keyID, 1)
        XCTAssertEqual(md5.sender, IPv4Address(192, 168, 30, 1))
        XCTAssertEqual(md5.digest, FrameBuilder.bytes(hex: "eb0a046945efb310a808f35b1c394c12"))
        XCTAssertEqual(frame.encode(), Self.observed, "decode then encode is byte-exact")
    }

    /// The checksum covers the 30-byte trailer: the plain VRRPv2 form verifies over all 50 bytes and
    /// fails over the 20 the header accounts for.
    func testChecksumCoversTheTrailer() throws {
        let packet = try XCTUnwrap(FrameBuilder.decode(Self.observed).vrrp)
        XCTAssertEqual(packet.checksumCheck, .valid(.plain))
        let source = IPAddress.v4(IPv4Address(192, 168, 30, 1)), group = IPAddress.v4(.vrrpMulticast)
        XCTAssertEqual(packet.computedChecksum(form: .plain, source: source, destination: group), 0xD843)
        var withoutTrailer = packet
        withoutTrailer.extra = []
        XCTAssertNotEqual(withoutTrailer.computedChecksum(form: .plain, source: source, destination: group), 0xD843)
    }

    func testOtherTrailersAreNotCiscoMD5() throws {
        var packet = try XCTUnwrap(FrameBuilder.decode(Self.observed).vrrp)
        packet.extra[0] = 0xFD
        XCTAssertNil(packet.ciscoMD5)
        XCTAssertFalse(packet.hasConsistentLength(isIPv6: false))
        packet.extra = Array(repeating: 0, count: 20)
        XCTAssertNil(packet.ciscoMD5)
        packet.extra = Array(repeating: 0xAB, count: 16)
        XCTAssertNil(packet.ciscoMD5?.keyID)
        XCTAssertEqual(packet.ciscoMD5?.digest.count, 16)
        packet.authType = 1
        XCTAssertNil(packet.ciscoMD5, "only auth type 254")
    }
}
