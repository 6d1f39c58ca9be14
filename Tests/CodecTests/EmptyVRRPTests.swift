import XCTest
@testable import Codec

/// A VRRP packet that carries nothing: sent empty (the IP header says so) or cut by the snap length.
final class EmptyVRRPTests: XCTestCase {
    /// Ethernet + IPv4 (protocol 112, TTL 5) from 192.0.2.66 to 192.0.2.121, `totalLength` as given.
    static func frame(totalLength: UInt16) -> [UInt8] {
        var ip: [UInt8] = [0x45, 0, UInt8(totalLength >> 8), UInt8(totalLength & 0xFF), 0, 0x66, 0, 0, 5, 112, 0, 0,
                           192, 0, 2, 66, 192, 0, 2, 121]
        var sum = InternetChecksum()
        ip.withUnsafeBytes { sum.add($0) }
        ip[10] = UInt8(sum.checksum >> 8)
        ip[11] = UInt8(sum.checksum & 0xFF)
        return [0, 0, 0x5E, 0, 0x53, 0x79, 0, 0, 0x5E, 0, 0x53, 0x42, 0x08, 0x00] + ip
    }

    func testSentEmptyIsEmptyPayloadWithTheIPHeadersFindings() {
        let bytes = Self.frame(totalLength: 20)
        let frame = FrameBuilder.decode(bytes)
        XCTAssertEqual(frame.problems, [.emptyPayload, .ttlNot255, .unicastDestination])
        guard case .malformed(_, let error, _)? = frame.network.payload else { return XCTFail("\(frame.network)") }
        XCTAssertEqual(error.description, "VRRP invalid: empty: the IP header declares no payload")
        XCTAssertEqual(frame.encode(), bytes)
    }

    func testCutBySnapLengthIsTruncatedNotEmpty() {
        let frame = FrameBuilder.decode(Self.frame(totalLength: 40))  // 20 VRRP bytes sent, none captured
        XCTAssertEqual(frame.problems, [.truncated, .ttlNot255, .unicastDestination])
    }
}
