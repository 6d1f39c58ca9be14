import Codec
import XCTest
import ElectionModel
@testable import Sniffer

/// `AddressMap` behaves as a dictionary on both sides of its linear limit.
final class AddressMapTests: XCTestCase {
    func testMatchesADictionaryBeyondTheLinearLimit() {
        let addresses = (1...40).map { IPAddress.v4(IPv4Address(192, 0, 2, UInt8($0))) }
        var map = AddressMap<Int>()
        var dictionary: [IPAddress: Int] = [:]
        for (step, address) in (addresses + addresses.reversed() + addresses.shuffled()).enumerated() {
            map[address, default: 0] += step
            dictionary[address, default: 0] += step
            if step % 7 == 0 {
                map.updateValue(-step, forKey: address)
                dictionary[address] = -step
            }
            XCTAssertEqual(map[address], dictionary[address])
        }
        XCTAssertEqual(map.count, dictionary.count)
        XCTAssertEqual(map.keys, addresses, "keys keep their order of insertion")
        for address in addresses { XCTAssertEqual(map[address], dictionary[address]) }
        XCTAssertNil(map[.v4(IPv4Address(198, 51, 100, 1))])
        map.removeAll()
        XCTAssertTrue(map.isEmpty)
        XCTAssertNil(map[addresses[0]])
    }

    func testEqualityIgnoresTheOrderOfInsertion() {
        let addresses = (1...20).map { IPAddress.v4(IPv4Address(192, 0, 2, UInt8($0))) }
        var forward = AddressMap<Int>(), backward = AddressMap<Int>()
        for (value, address) in addresses.enumerated() { forward.updateValue(value, forKey: address) }
        for (value, address) in addresses.enumerated().reversed() { backward.updateValue(value, forKey: address) }
        XCTAssertEqual(forward, backward)
        XCTAssertEqual(forward.hashValue, backward.hashValue)
        backward.updateValue(99, forKey: addresses[3])
        XCTAssertNotEqual(forward, backward)
    }
}
