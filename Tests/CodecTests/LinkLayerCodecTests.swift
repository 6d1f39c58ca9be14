import Codec
import XCTest

final class LinkLayerCodecTests: XCTestCase {
    func testVLANAndQinQTags() {
        let tags = [VLANTag(tpid: EtherType.qinq, vid: 100), VLANTag(vid: 10, pcp: 5)]
        let frame = FrameBuilder.vrrpV2(tags: tags)
        let bytes = frame.encode()
        XCTAssertEqual(Array(bytes[12..<14]), [0x88, 0xA8])
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.link.vlanTags.map(\.vid), [100, 10])
        XCTAssertEqual(decoded.link.vlanTags.last?.pcp, 5)
        XCTAssertEqual(decoded.vrrp?.vrid, 51)
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testLinuxCookedHeaders() {
        let ip = Array(FrameBuilder.vrrpV2().encode().dropFirst(14))
        let mac: UInt64 = 0x0200_0000_0011 << 16
        var sll = ByteWriter()
        LinuxSLLHeader(packetType: 1, address: mac, protocolType: EtherType.ipv4).encode(into: &sll)
        let sllBytes = sll.bytes + ip
        let fromSLL = FrameBuilder.decode(sllBytes, linkType: .linuxSLL)
        XCTAssertEqual(fromSLL.link.sourceMAC?.description, "02:00:00:00:00:11")
        XCTAssertEqual(fromSLL.vrrp?.vrid, 51)
        XCTAssertEqual(fromSLL.encode(), sllBytes)

        var sll2 = ByteWriter()
        LinuxSLL2Header(protocolType: EtherType.ipv4, interfaceIndex: 7, packetType: 1, address: mac,
                        tags: [VLANTag(vid: 20)]).encode(into: &sll2)
        let sll2Bytes = sll2.bytes + ip
        let fromSLL2 = FrameBuilder.decode(sll2Bytes, linkType: .linuxSLL2)
        guard case .linuxSLL2(let header) = fromSLL2.link else { return XCTFail() }
        XCTAssertEqual(header.interfaceIndex, 7)
        XCTAssertEqual(fromSLL2.link.vlanTags.map(\.vid), [20])
        XCTAssertEqual(fromSLL2.vrrp?.vrid, 51)
        XCTAssertEqual(fromSLL2.encode(), sll2Bytes)
    }

    func testRawIPv4AndIPv6() {
        let v4 = Array(FrameBuilder.vrrpV2().encode().dropFirst(14))
        XCTAssertEqual(FrameBuilder.decode(v4, linkType: .raw).vrrp?.vrid, 51)
        XCTAssertEqual(FrameBuilder.decode(v4, linkType: .ipv4).encode(), v4)
        let v6 = Array(FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("fe80::1")!]).encode().dropFirst(14))
        XCTAssertEqual(FrameBuilder.decode(v6, linkType: .raw).vrrp?.version, 3)
        XCTAssertEqual(FrameBuilder.decode(v6, linkType: .ipv6).encode(), v6)
    }

    func testTruncatedLinkHeaderKeepsBytes() {
        let bytes: [UInt8] = [1, 2, 3]
        let decoded = FrameBuilder.decode(bytes)
        XCTAssertEqual(decoded.link, .unreadable)
        XCTAssertEqual(decoded.problems, [.truncated])
        XCTAssertEqual(decoded.encode(), bytes)
    }

    func testEthernetPaddingIsTrailer() {
        let frame = FrameBuilder.garp(ip: IPv4Address(192, 0, 2, 223))
        let bytes = frame.encode()
        XCTAssertEqual(bytes.count, 60)
        XCTAssertEqual(FrameBuilder.decode(bytes).trailer.count, 18)
    }

    /// Short trailers are kept inline and long ones in an array; both encode back byte for byte, and
    /// equal bytes are equal however they were made.
    func testTrailersOfEverySizeRoundTrip() {
        let base = FrameBuilder.vrrpV2().encode()
        for length in [0, 1, 6, InlineBytes.inlineCapacity, InlineBytes.inlineCapacity + 1, 200] {
            let trailer = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
            let bytes = base + trailer
            let decoded = FrameBuilder.decode(bytes)
            XCTAssertEqual(decoded.trailer, trailer, "\(length)")
            XCTAssertEqual(decoded.trailerBytes.count, length)
            XCTAssertEqual(decoded.encode(), bytes, "\(length)")
            XCTAssertEqual(decoded.trailerBytes, InlineBytes(trailer))
            XCTAssertEqual(decoded.trailerBytes.hashValue, InlineBytes(trailer).hashValue)
        }
        XCTAssertNotEqual(InlineBytes([0]), InlineBytes([]), "a zero byte is not no byte")
    }

    /// The quick look agrees with the decoder on where the network layer starts and what it is.
    func testNetworkLayerLocatedAsTheDecoderFindsIt() {
        let ip = Array(FrameBuilder.vrrpV2().encode().dropFirst(14))
        let ipv6 = Array(FrameBuilder.vrrpV3IPv6(addresses: [IPv6Address("fe80::1")!]).encode().dropFirst(14))
        let mac: UInt64 = 0x0200_0000_0011 << 16
        var sll = ByteWriter(), sll2 = ByteWriter()
        LinuxSLLHeader(packetType: 1, address: mac, tags: [VLANTag(vid: 30)], protocolType: EtherType.ipv4).encode(into: &sll)
        LinuxSLL2Header(protocolType: EtherType.ipv4, interfaceIndex: 7, packetType: 1, address: mac,
                        tags: [VLANTag(vid: 20), VLANTag(vid: 21)]).encode(into: &sll2)
        let frames: [([UInt8], LinkType, UInt16)] = [
            (FrameBuilder.vrrpV2().encode(), .ethernet, EtherType.ipv4),
            (FrameBuilder.vrrpV2(tags: [VLANTag(tpid: EtherType.qinq, vid: 100), VLANTag(vid: 10)]).encode(),
             .ethernet, EtherType.ipv4),
            (FrameBuilder.garp(ip: IPv4Address(192, 0, 2, 223)).encode(), .ethernet, EtherType.arp),
            (sll.bytes + ip, .linuxSLL, EtherType.ipv4),
            (sll2.bytes + ip, .linuxSLL2, EtherType.ipv4),
            (ip, .raw, EtherType.ipv4), (ipv6, .raw, EtherType.ipv6), (ip, .ipv4, EtherType.ipv4), (ipv6, .ipv6, EtherType.ipv6),
        ]
        for (bytes, linkType, etherType) in frames {
            let decoded = FrameBuilder.decode(bytes, linkType: linkType)
            let located = bytes.withUnsafeBytes { LinkHeader.networkLayer(in: $0, linkType: linkType) }
            XCTAssertEqual(located?.offset, decoded.link.encodedLength, "\(linkType)")
            XCTAssertEqual(located?.etherType, etherType, "\(linkType)")
        }
        XCTAssertNil([UInt8](repeating: 0, count: 13).withUnsafeBytes { LinkHeader.networkLayer(in: $0, linkType: .ethernet) })
    }
}
