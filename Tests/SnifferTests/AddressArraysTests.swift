import Codec
import XCTest
@testable import Sniffer

/// `AddressArrays` gives every list its own addresses, and the same storage to repeats of a list.
final class AddressArraysTests: XCTestCase {
    func testRepeatsShareOneArrayAndEveryListReadsBack() {
        var arrays = AddressArrays()
        let lists: [[IPAddress]] = (0..<2_000).map { number in
            switch number % 4 {
            case 0: [.v4(IPv4Address(rawValue: UInt32(number)))]
            case 1: (0..<8).map { .v4(IPv4Address(rawValue: UInt32(number * 8 + $0))) }
            case 2: [.v6(IPv6Address(high: 0xFE80 << 48, low: UInt64(number)))]
            default: (0..<3).map { .v6(IPv6Address(high: 0x2001_0DB8 << 32, low: UInt64(number * 3 + $0))) }  // past inline
            }
        }
        for addresses in lists + lists.reversed() {
            XCTAssertEqual(arrays.array(of: AddressList(addresses)), addresses)
        }
        let steady = AddressList([.v4(IPv4Address(192, 0, 2, 1)), .v4(IPv4Address(192, 0, 2, 2))])
        let first = arrays.array(of: steady)
        let again = arrays.array(of: steady)
        XCTAssertEqual(first.withUnsafeBufferPointer { $0.baseAddress }, again.withUnsafeBufferPointer { $0.baseAddress },
                       "a repeated list shares its array")
        XCTAssertEqual(arrays.array(of: []), [])
    }
}
