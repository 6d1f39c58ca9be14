import Codec
import XCTest

final class IPCodecTests: XCTestCase {
    func testIPv4OptionsAreHonoured() {
        var frame = FrameBuilder.vrrpV2()
        guard case .ipv4(var header, let payload) = frame.network else { return XCTFail() }
        header.options = [0x94, 0x04, 0x00, 0x00]  // router alert
        header.totalLength += 4
        header.checksum = header.computedChecksum
        frame.network = .ipv4(header, payload)
        let bytes = frame.encode()
        XCTAssertEqual(bytes[14], 0x46)
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.vrrp?.vrid, 51)
        XCTAssertFalse(decoded.problems.contains(.ipBadChecksum))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testIPv6ExtensionHeadersAreWalked() {
        var frame = FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("fe80::1")!])
        guard case .ipv6(var header, let payload) = frame.network else { return XCTFail() }
        header.extensionHeaders = [IPv6ExtensionHeader(kind: IPProtocol.hopByHop, bytes: [112, 0, 5, 2, 0, 0, 1, 0])]
        header.nextHeader = IPProtocol.hopByHop
        header.payloadLength += 8
        frame.network = .ipv6(header, payload)
        let bytes = frame.encode()
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.pseudoHeader))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    /// As for IPv4: a first fragment is decoded as cut short, a later one is not read as VRRP (its
    /// bytes are the middle of a datagram), and an atomic fragment (RFC 6946) is whole.
    func testIPv6FragmentsAreFlagged() {
        func fragment(offset: UInt16, moreFollow: Bool) -> [UInt8] {
            var frame = FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("fe80::1")!])
            guard case .ipv6(var header, let payload) = frame.network else { XCTFail(); return [] }
            let field = offset << 3 | (moreFollow ? 1 : 0)
            header.extensionHeaders = [IPv6ExtensionHeader(kind: IPProtocol.fragment,
                                                           bytes: [112, 0, UInt8(field >> 8), UInt8(field & 0xFF), 0, 0, 0, 7])]
            header.nextHeader = IPProtocol.fragment
            header.payloadLength += 8
            frame.network = .ipv6(header, payload)
            return frame.encode()
        }
        let atomic = FrameBuilder.decode(fragment(offset: 0, moreFollow: false))
        XCTAssertEqual(atomic.vrrp?.checksumCheck, .valid(.pseudoHeader))
        XCTAssertFalse(atomic.problems.contains(.fragment))

        let first = FrameBuilder.decode(fragment(offset: 0, moreFollow: true))
        XCTAssertEqual(first.vrrp?.vrid, 51)
        XCTAssertTrue(first.problems.contains(.fragment))

        let bytes = fragment(offset: 2, moreFollow: false)
        let later = FrameBuilder.decode(bytes)
        XCTAssertNil(later.vrrp)
        guard case .ipv6(_, .other(let proto, _)) = later.network else { return XCTFail("\(later.network)") }
        XCTAssertEqual(proto, IPProtocol.vrrp)
        XCTAssertTrue(later.problems.contains(.fragment))
        XCTAssertEqual(later.encode(), bytes)
    }

    func testAuthenticationHeaderWrapsVersion2() {
        var packet = VRRPPacket(version: 2, vrid: 9, priority: 150, authType: 2, interval: 1,
                                addresses: [.v4(IPv4Address(192, 0, 2, 9))], authData: 0)
        packet.checksum = packet.computedChecksum(form: .plain, source: .v4(IPv4Address(192, 0, 2, 1)), destination: .v4(.vrrpMulticast))
        let ah = AuthenticationHeader(nextHeader: IPProtocol.vrrp, spi: 0xC0000201, sequence: 7,
                                      integrityCheckValue: Array(repeating: 0x5A, count: 12))
        XCTAssertEqual(ah.payloadLength, 4)
        var header = IPv4Header(totalLength: UInt16(20 + 24 + packet.encodedLength), protocolNumber: IPProtocol.ah,
                                source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        header.checksum = header.computedChecksum
        let frame = Frame(link: .none, network: .ipv4(header, .authenticated(ah, .vrrp(packet))))
        let bytes = frame.encode()
        let decoded = FrameBuilder.decode(bytes, linkType: .raw)
        XCTAssertEqual(decoded.kind, .vrrp)
        XCTAssertEqual(decoded.vrrp?.vrid, 9)
        XCTAssertEqual(decoded.vrrp?.checksumCheck, .valid(.plain))
        XCTAssertEqual(decoded.encode(), bytes)
    }

    /// AH inside AH, thousands deep, decodes one AH layer and keeps the rest as bytes: the decode's
    /// depth (and every walk of its result) is not the packet's to choose.
    func testNestedAHDecodesOneLayer() {
        let depth = 5_000
        var payload: [UInt8] = []
        for _ in 0..<depth { payload += [IPProtocol.ah, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1] }
        var header = IPv4Header(totalLength: UInt16(20 + payload.count), protocolNumber: IPProtocol.ah,
                                source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        header.checksum = header.computedChecksum
        var writer = ByteWriter()
        header.encode(into: &writer)
        let bytes = writer.bytes + payload
        let decoded = FrameBuilder.decode(bytes, linkType: .raw)
        guard case .ipv4(_, .authenticated(_, .other(let inner, let rest)))? = Optional(decoded.network) else {
            return XCTFail("\(decoded.network)")
        }
        XCTAssertEqual(inner, IPProtocol.ah)
        XCTAssertEqual(rest.count, (depth - 1) * 12)
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testCARPIsNotMistakenForVRRP() {
        let carp = CARPPacket(vhid: 3, advertisementSkew: 100, advertisementBase: 1, counter: 42,
                              digest: Array(repeating: 0x11, count: 20))
        var writer = ByteWriter()
        carp.encode(into: &writer)
        var sum = InternetChecksum()
        sum.add(writer.bytes)
        var sealed = carp
        sealed.checksum = sum.checksum
        var header = IPv4Header(totalLength: 56, protocolNumber: IPProtocol.vrrp, source: IPv4Address(192, 0, 2, 3),
                                destination: .vrrpMulticast)
        header.checksum = header.computedChecksum
        let bytes = Frame(link: .none, network: .ipv4(header, .carp(sealed))).encode()
        let decoded = FrameBuilder.decode(bytes, linkType: .raw)
        XCTAssertEqual(decoded.kind, .carp)
        guard case .ipv4(_, .carp(let got)) = decoded.network else { return XCTFail("\(decoded.network)") }
        XCTAssertEqual(got.vhid, 3)
        XCTAssertEqual(got.advertisementSkew, 100)
        XCTAssertTrue(got.checksumValid)
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testNeighborAdvertisement() {
        let frame = FrameBuilder.unsolicitedNA(target: IPv6Address("2001:db8::223")!)
        let bytes = frame.encode()
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded, frame)
        XCTAssertEqual(decoded.kind, .na)
        guard case .ipv6(let header, .neighborAdvertisement(let na)) = decoded.network else { return XCTFail() }
        XCTAssertTrue(na.router)
        XCTAssertFalse(na.solicited)
        XCTAssertTrue(na.override)
        XCTAssertEqual(na.targetLinkLayerAddress, FrameBuilder.routerMAC)
        XCTAssertTrue(na.isUnsolicited(destination: .v6(header.destination)))
        XCTAssertEqual(na.checksumValid, true)
        var bad = bytes
        bad[bad.count - 1] ^= 0xFF
        XCTAssertTrue(FrameBuilder.decode(bad).problems.contains(.badChecksum))
    }

    func testARPKinds() {
        let ip = IPv4Address(192, 0, 2, 223)
        let mac = FrameBuilder.routerMAC
        func kind(_ op: UInt16, _ sip: IPv4Address, _ tmac: MACAddress, _ tip: IPv4Address) -> ARPPacket.Kind {
            ARPPacket(operation: op, senderMAC: mac, senderIP: sip, targetMAC: tmac, targetIP: tip).kind
        }
        XCTAssertEqual(kind(1, ip, .zero, ip), .announcement)
        XCTAssertEqual(kind(1, ip, .broadcast, ip), .gratuitousRequest)
        XCTAssertEqual(kind(2, ip, .broadcast, ip), .gratuitousReply)
        XCTAssertEqual(kind(2, ip, .broadcast, IPv4Address(192, 0, 2, 1)), .gratuitousReply)
        XCTAssertEqual(kind(1, .any, .zero, ip), .probe)
        XCTAssertEqual(kind(1, IPv4Address(192, 0, 2, 1), .zero, ip), .request)
        XCTAssertEqual(kind(2, IPv4Address(192, 0, 2, 1), mac, ip), .reply)
        let garp = FrameBuilder.garp(ip: ip)
        XCTAssertEqual(FrameBuilder.decode(garp.encode()), garp)
    }

    func testAddressText() {
        XCTAssertEqual(IPv6Address("fe80::d6ca:6dff:fe66:cf60")?.description, "fe80::d6ca:6dff:fe66:cf60")
        XCTAssertEqual(IPv6Address("2001:db8:0:0:1:0:0:1")?.description, "2001:db8::1:0:0:1")
        XCTAssertEqual(IPv6Address("::")?.description, "::")
        XCTAssertEqual(IPv6Address("ff02::12"), .vrrpMulticast)
        XCTAssertNil(IPv6Address("1::2::3"))
        XCTAssertNil(IPv4Address("256.1.1.1"))
        XCTAssertEqual(IPv4Address("192.0.2.1")?.description, "192.0.2.1")
        XCTAssertEqual(MACAddress("00-00-5E-00-01-33"), MACAddress.virtualRouter(vrid: 0x33, ipv6: false))
        XCTAssertEqual(MACAddress.multicast(.vrrpMulticast).description, "33:33:00:00:00:12")
        XCTAssertEqual(IPv6Address("ff02::1:ffab:cdef").map(MACAddress.multicast)?.description, "33:33:ff:ab:cd:ef")
    }
}
