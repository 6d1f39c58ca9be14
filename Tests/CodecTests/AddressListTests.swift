import Codec
import XCTest

final class AddressListTests: XCTestCase {
    private let v4: [IPAddress] = (1...9).map { .v4(IPv4Address(192, 0, 2, UInt8($0))) }
    private let v6: [IPAddress] = [.v6(IPv6Address("fe80::1")!), .v6(IPv6Address("2001:db8::1")!),
                                   .v6(IPv6Address("2001:db8::2")!)]

    private func wire(_ addresses: [IPAddress]) -> [UInt8] {
        var writer = ByteWriter()
        for address in addresses { writer.write(address) }
        return writer.bytes
    }

    private func decoded(_ addresses: [IPAddress], isIPv6: Bool, extraBytes: Int = 0) -> AddressList {
        (wire(addresses) + [UInt8](repeating: 0xAB, count: extraBytes)).withUnsafeBytes {
            AddressList(wire: $0, isIPv6: isIPv6)
        }
    }

    /// Inline (up to 32 bytes) and on the heap alike, read from the wire or built from an array.
    func testListsOfEverySizeReadBackInOrder() {
        for count in 0...v4.count {
            let expected = Array(v4.prefix(count))
            let fromWire = decoded(expected, isIPv6: false)
            XCTAssertEqual(Array(fromWire), expected, "\(count) IPv4")
            XCTAssertEqual(fromWire.array, expected)
            XCTAssertEqual(fromWire.encodedLength, 4 * count)
            XCTAssertEqual(fromWire, AddressList(expected))
            XCTAssertEqual(fromWire.hashValue, AddressList(expected).hashValue)
        }
        for count in 0...v6.count {
            let expected = Array(v6.prefix(count))
            let fromWire = decoded(expected, isIPv6: true)
            XCTAssertEqual(Array(fromWire), expected, "\(count) IPv6")
            XCTAssertEqual(fromWire.encodedLength, 16 * count)
            XCTAssertEqual(fromWire, AddressList(expected))
        }
    }

    func testContainsReadsInlineAndHeapListsAlike() {
        for list in [decoded(Array(v4.prefix(3)), isIPv6: false), AddressList(v4), AddressList([v4[0], v6[0], v4[2]])] {
            XCTAssertTrue(list.contains(v4[2]))
            XCTAssertFalse(list.contains(.v4(IPv4Address(198, 51, 100, 1))))
            XCTAssertEqual(list.contains { $0.isIPv6 }, Array(list).contains { $0.isIPv6 })
        }
        XCTAssertFalse(AddressList([]).contains { _ in true })
    }

    func testAPartialTrailingAddressIsNotAnAddress() {
        XCTAssertEqual(Array(decoded(Array(v4.prefix(2)), isIPv6: false, extraBytes: 3)), Array(v4.prefix(2)))
        XCTAssertEqual(Array(decoded(Array(v6.prefix(1)), isIPv6: true, extraBytes: 15)), Array(v6.prefix(1)))
    }

    /// An empty list is one value whatever family its packet had, so settings compare equal.
    func testEmptyListsAreEqualAcrossFamilies() {
        XCTAssertEqual(decoded([], isIPv6: true), decoded([], isIPv6: false))
        XCTAssertEqual(decoded([], isIPv6: true), [])
        XCTAssertTrue(AddressList([]).isEmpty)
    }

    /// Only a packet built by hand mixes families; the list keeps them as given.
    func testMixedFamiliesKeepTheirOrderAndEncodeAsGiven() {
        let mixed = [v4[0], v6[1], v4[2]]
        let list = AddressList(mixed)
        XCTAssertEqual(Array(list), mixed)
        XCTAssertEqual(list.encodedLength, 4 + 16 + 4)
        XCTAssertNotEqual(list, AddressList([v4[0], v4[2]]))
        let packet = VRRPPacket(version: 3, vrid: 1, priority: 100, interval: 100, addresses: mixed)
        var writer = ByteWriter()
        packet.encode(into: &writer)
        XCTAssertEqual(writer.bytes.count, packet.encodedLength)
    }

    func testLongListsRoundTripThroughAPacket() {
        let packet = VRRPPacket(version: 2, vrid: 7, priority: 100, interval: 1, addresses: v4)
        var writer = ByteWriter()
        packet.encode(into: &writer)
        let again = writer.bytes.withUnsafeBytes {
            try? VRRPPacket.decode($0, context: IPContext(source: v4[0], destination: .v4(.vrrpMulticast), isTruncated: false))
        }
        XCTAssertEqual(again?.addresses, packet.addresses)
        XCTAssertEqual(again?.addresses.count, 9)
    }
}
