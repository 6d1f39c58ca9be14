import Codec
import XCTest

final class VRRPCodecTests: XCTestCase {
    func testVersion2RoundTripKeepsEveryField() {
        let frame = FrameBuilder.vrrpV2(auth: "1111")
        let bytes = frame.encode()
        XCTAssertEqual(bytes.count, 14 + 20 + 20)
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded, frame)
        XCTAssertEqual(decoded.encode(), bytes)
        let vrrp = try? XCTUnwrap(decoded.vrrp)
        XCTAssertEqual(vrrp?.vrid, 51)
        XCTAssertEqual(vrrp?.priority, 100)
        XCTAssertEqual(vrrp?.authText, "1111")
        XCTAssertEqual(vrrp?.intervalCentiseconds, 100)
        XCTAssertEqual(vrrp?.checksumCheck, .valid(.plain))
        XCTAssertEqual(decoded.problems, [.sourceMACNotVirtual])
    }

    func testVersion3IPv4ChecksumFormsAreNamed() {
        for form in [ChecksumForm.pseudoHeader, .plain] {
            let frame = FrameBuilder.vrrpV3(form: form)
            XCTAssertEqual(FrameBuilder.decode(frame.encode()).vrrp?.checksumCheck, .valid(form), "\(form)")
        }
        // Old keepalived unicast: pseudo-header computed with 224.0.0.18 although sent to a unicast peer.
        let unicast = FrameBuilder.vrrpV3(destination: IPv4Address(192, 0, 2, 199), form: .pseudoHeaderMulticast)
        let decoded = FrameBuilder.decode(unicast.encode())
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.pseudoHeaderMulticast))
        XCTAssertTrue(decoded.problems.contains(.unicastDestination))
    }

    func testBadChecksumReportsTheExpectedValue() {
        var bytes = FrameBuilder.vrrpV2().encode()
        let good = UInt16(bytes[34 + 6]) << 8 | UInt16(bytes[34 + 7])
        bytes[34 + 7] ^= 0x01
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .invalid(expected: good))
        XCTAssertTrue(decoded.problems.contains(.badChecksum))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testVersion3IPv6() {
        let frame = FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("fe80::1")!, IPv6Address("2001:db8::223")!])
        let decoded = FrameBuilder.decode(frame.encode())
        XCTAssertEqual(decoded, frame)
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.pseudoHeader))
        XCTAssertFalse(decoded.problems.contains(.firstAddressNotLinkLocal))
        let global = FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("2001:db8::223")!])
        XCTAssertTrue(FrameBuilder.decode(global.encode()).problems.contains(.firstAddressNotLinkLocal))
    }

    func testPriorityRoles() {
        XCTAssertEqual(FrameBuilder.vrrpV2(priority: 255).vrrp?.priorityRole, .owner)
        XCTAssertEqual(FrameBuilder.vrrpV2(priority: 0).vrrp?.priorityRole, .resign)
        XCTAssertNil(FrameBuilder.vrrpV2(priority: 100).vrrp?.priorityRole)
    }

    func testTTLAndCountProblems() {
        XCTAssertTrue(FrameBuilder.decode(FrameBuilder.vrrpV2(ttl: 64).encode()).problems.contains(.ttlNot255))
        // Count says 2 but only one address (and the auth data) follow.
        var bytes = FrameBuilder.vrrpV2().encode()
        bytes[34 + 3] = 2
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertTrue(decoded.problems.contains(.countMismatch), "\(decoded.problems)")
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testSnaplenTruncationIsReportedNotMisread() {
        let bytes = Array(FrameBuilder.vrrpV2(addresses: [IPv4Address(192, 0, 2, 1), IPv4Address(192, 0, 2, 2)]).encode().prefix(46))
        let decoded = FrameBuilder.decode(bytes)
        let vrrp = decoded.vrrp
        XCTAssertEqual(vrrp?.addresses, [.v4(IPv4Address(192, 0, 2, 1))])
        XCTAssertEqual(vrrp?.checksumCheck, .unverified)
        XCTAssertTrue(decoded.problems.contains(.truncated))
        XCTAssertFalse(decoded.problems.contains(.countMismatch))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testShortVRRPIsMalformedAndStillRoundTrips() {
        let bytes = Array(FrameBuilder.vrrpV2().encode().prefix(14 + 20 + 6))
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.kind, .vrrp)
        guard case .ipv4(_, .malformed(112, .truncated(.vrrp, _, _), _)) = decoded.network else {
            return XCTFail("\(decoded.network)")
        }
        XCTAssertTrue(decoded.problems.contains(.truncated))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testCiscoAuthType254With16ExtraBytesIsConsistent() {
        var packet = VRRPPacket(version: 2, vrid: 1, priority: 100, authType: 254, interval: 1,
                                addresses: [.v4(IPv4Address(192, 0, 2, 1))], authData: 0, extra: Array(repeating: 0xAB, count: 16))
        let frame = FrameBuilder.ipv4(packet: &packet, form: .plain, source: IPv4Address(192, 0, 2, 2))
        let decoded = FrameBuilder.decode(frame.encode())
        XCTAssertFalse(decoded.problems.contains(.countMismatch))
        XCTAssertEqual(decoded.vrrp?.extra.count, 16)
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.plain))
    }

    func testUnknownVersionAndType() {
        var bytes = FrameBuilder.vrrpV3().encode()
        bytes[34] = 0x42  // version 4, type 2
        let problems = FrameBuilder.decode(bytes).problems
        XCTAssertTrue(problems.contains(.unknownVersion))
        XCTAssertTrue(problems.contains(.unknownType))
    }

    func testVirtualMACIsNotFlagged() {
        var frame = FrameBuilder.vrrpV2(vrid: 51)
        guard case .ethernet(var header) = frame.link else { return XCTFail() }
        header.source = MACAddress.virtualRouter(vrid: 51, ipv6: false)
        frame.link = .ethernet(header)
        XCTAssertEqual(header.source.description, "00:00:5e:00:01:33")
        XCTAssertFalse(FrameBuilder.decode(frame.encode()).problems.contains(.sourceMACNotVirtual))
    }

    func testRedactionMasksPasswordAndKeepsChecksumValid() {
        var frame = FrameBuilder.decode(FrameBuilder.vrrpV2(auth: "secret").encode())
        XCTAssertTrue(frame.redactPasswords())
        let decoded = FrameBuilder.decode(frame.encode())
        XCTAssertEqual(decoded.vrrp?.authText, "******")
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.plain))
    }
}
