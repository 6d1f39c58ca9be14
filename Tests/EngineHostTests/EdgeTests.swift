import Codec
@testable import EngineHost
import XCTest

/// The pure parts of the edges: netlink messages, the ownership record, the announcement frames.
final class EdgeTests: XCTestCase {
    func testNetlinkAttributesRoundTrip() {
        var request = NetlinkRequest(type: 20, flags: 5, sequence: 7)
        request.addressHeader(family: 2, prefixLength: 24, scope: 0, index: 3)
        request.attribute(2, [192, 0, 2, 223])
        request.attribute(3, string: "eth0:vrrpdump")
        let bytes = request.finished
        let messages = NetlinkMessage.split(bytes[...])
        XCTAssertEqual(messages.count, 1)
        XCTAssertEqual(messages[0].type, 20)
        XCTAssertEqual(messages[0].sequence, 7)
        let address = RouteNetlink.address(from: messages[0])
        XCTAssertEqual(address?.address, IPAddress("192.0.2.223"))
        XCTAssertEqual(address?.prefixLength, 24)
        XCTAssertEqual(address?.interfaceIndex, 3)
        XCTAssertEqual(address?.label, "eth0:vrrpdump")
        XCTAssertEqual(bytes.count % 4, 0)
    }

    func testTruncatedNetlinkIsIgnored() {
        XCTAssertTrue(NetlinkMessage.split([200, 0, 0, 0, 1, 2][...]).isEmpty)
    }

    func testOwnershipRecordRoundTrip() throws {
        var record = OwnershipRecord(pid: 42)
        record.addresses = [InterfaceAddress(address: IPAddress("2001:db8::223")!, prefixLength: 64, interfaceIndex: 2),
                            InterfaceAddress(address: IPAddress("198.51.100.9")!, prefixLength: 24, interfaceIndex: 5)]
        let parsed = try XCTUnwrap(OwnershipRecord(text: record.text, interfaceIndex: 2))
        XCTAssertEqual(parsed.pid, 42)
        XCTAssertEqual(parsed.addresses, record.addresses)
        XCTAssertNil(OwnershipRecord(text: "garbage\n", interfaceIndex: 2))
        // A record written before addresses named their interface: the instance's.
        let older = OwnershipRecord(text: "pid 42\naddress 192.0.2.223/24\n", interfaceIndex: 2)
        XCTAssertEqual(older?.addresses.map(\.interfaceIndex), [2])
    }

    func testGratuitousARPDecodes() throws {
        let mac = MACAddress(2, 0, 0, 0, 0, 0x22)
        let frame = AnnouncementFrames.frame(for: IPAddress("192.0.2.223")!, mac: mac, linkLocal: nil)
        let decoded = frame.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
        guard case .arp(let arp) = decoded.network else { return XCTFail("not ARP: \(decoded.network)") }
        XCTAssertTrue(arp.isGratuitous)
        XCTAssertEqual(arp.senderMAC, mac)
        XCTAssertEqual(arp.senderIP, IPv4Address("192.0.2.223"))
    }

    func testUnsolicitedNeighbourAdvertisementDecodes() throws {
        let mac = MACAddress(2, 0, 0, 0, 0, 0x22)
        let frame = AnnouncementFrames.frame(for: IPAddress("2001:db8::223")!, mac: mac,
                                             linkLocal: IPv6Address("fe80::ff:fe00:22"))
        let decoded = frame.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
        guard case .ipv6(let header, .neighborAdvertisement(let advert)) = decoded.network else {
            return XCTFail("not an NA: \(decoded.network)")
        }
        XCTAssertEqual(header.hopLimit, 255)
        XCTAssertEqual(header.destination, .allNodes)
        XCTAssertTrue(advert.router && !advert.solicited && advert.override)
        XCTAssertEqual(advert.targetLinkLayerAddress, mac)
        XCTAssertEqual(advert.checksumValid, true)
    }

    func testCapabilitiesFromStatus() {
        XCTAssertEqual(Capabilities.missing(statusText: "Name:\tx\nCapEff:\t000001ffffffffff\n"), [])
        XCTAssertEqual(Capabilities.missing(statusText: "CapEff:\t0000000000000000\n"), ["CAP_NET_RAW", "CAP_NET_ADMIN"])
        XCTAssertEqual(Capabilities.missing(statusText: "CapEff:\t0000000000002000\n"), ["CAP_NET_ADMIN"])
    }

    func testAddressLabelFitsTheKernelLimit() {
        func label(_ name: String) -> String? {
            NodeOptions.addressLabel(on: LinkInfo(index: 1, name: name, mac: .zero, isUp: true))
        }
        XCTAssertEqual(label("eth0"), "eth0:vrrpdump")
        XCTAssertEqual(label("enp0s31f6"), "enp0s31f6:vr")
        XCTAssertNil(label("enp0s31f6abcd"))
    }
}
