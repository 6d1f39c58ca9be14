import Codec
import Engine
@testable import EngineHost
import XCTest

/// keepalived 2.2.7's `virtual_ipaddress { ADDR/LEN dev X }` with X another interface than the
/// instance's: advertised like the others, but added on X, announced on X from X's MAC, and removed
/// from X, also after a kill.
final class AddressDeviceTests: XCTestCase {
    private let eth1 = LinkInfo(index: 3, name: "eth1", mac: MACAddress(2, 0, 0, 0, 0, 0x33), isUp: true)
    private let other = VirtualAddress("198.51.100.9/24")!
    private let eth0MAC = MACAddress(2, 0, 0, 0, 0, 0x22)

    private func node(listens: Bool = false, prepare: (FakeNode.Parts) -> Void = { _ in }) -> FakeNode {
        FakeNode(priority: 150, listens: listens, more: [other], addressLinks: [other.address: eth1], prepare: prepare)
    }

    private func master() throws -> FakeNode {
        let node = node()
        try node.runtime.start()
        node.advance(4)
        XCTAssertEqual(node.runtime.router.state, .master)
        return node
    }

    /// The interface index, source MAC and ARP sender of each gratuitous ARP for `address`.
    private func announcements(of address: IPAddress, _ node: FakeNode) -> [(index: Int32, source: MACAddress?, sender: MACAddress)] {
        node.announcer.sent.compactMap { sent in
            let frame = sent.frame.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
            guard case .arp(let arp) = frame.network, IPAddress.v4(arp.senderIP) == address else { return nil }
            return (sent.interfaceIndex, frame.link.sourceMAC, arp.senderMAC)
        }
    }

    func testAMasterAddsItOnItsInterfaceAndAnnouncesItThereFromThatMAC() throws {
        let node = try master()
        let added = Dictionary(uniqueKeysWithValues: node.addresses.table.map { ($0.address, $0) })
        XCTAssertEqual(added[FakeNode.vip.address]?.interfaceIndex, 2)
        XCTAssertEqual(added[other.address]?.interfaceIndex, 3)
        XCTAssertEqual(added[other.address]?.label, "eth1:vrrpdump", "labelled after its own interface")
        XCTAssertTrue(node.ownership.text?.contains("address 198.51.100.9/24 3") == true, "recorded with its interface")

        let there = announcements(of: other.address, node)
        XCTAssertEqual(there.count, 5, "keepalived's first burst")
        XCTAssertTrue(there.allSatisfy { $0.index == 3 && $0.source == eth1.mac && $0.sender == eth1.mac }, "\(there)")
        let here = announcements(of: FakeNode.vip.address, node)
        XCTAssertTrue(!here.isEmpty && here.allSatisfy { $0.index == 2 && $0.source == eth0MAC }, "\(here)")
    }

    func testTheAdvertNamesItLikeTheOthers() throws {
        let node = try master()
        let sent = try XCTUnwrap(node.transport.sent.last)
        let context = IPContext(source: FakeNode.me, destination: sent.destination, isTruncated: false)
        let advert = try sent.message.withUnsafeBytes { try VRRPPacket.decode($0, context: context) }
        XCTAssertEqual(advert.addresses, [FakeNode.vip.address, other.address])
    }

    func testItLeavesItsInterfaceOnBackupAndOnStop() throws {
        let yielding = try master()
        yielding.transport.inbox = [yielding.advert(priority: 200, addresses: [FakeNode.vip.address, other.address])]
        yielding.advance(0.01)
        XCTAssertEqual(yielding.runtime.router.state, .backup)
        XCTAssertTrue(yielding.addresses.table.isEmpty, "\(yielding.addresses.table)")

        let stopping = try master()
        stopping.runtime.stop()
        XCTAssertEqual(Set(stopping.addresses.removed), [FakeNode.vip.address, other.address])
        XCTAssertNil(stopping.ownership.text)
    }

    func testRemovedFromItsInterfaceByAnotherProgramItIsPutBackThere() throws {
        let node = try master()
        let ours = try XCTUnwrap(node.addresses.table.first { $0.address == other.address })
        // The same address gone from another interface is none of ours.
        node.monitor.events = [.addressRemoved(InterfaceAddress(address: other.address, prefixLength: 24, interfaceIndex: 2))]
        node.advance(0.01)
        XCTAssertFalse(node.output.events.contains { $0.kind == .addressRestored })

        node.addresses.table.removeAll { $0.address == other.address }
        node.monitor.events = [.addressRemoved(ours)]
        node.advance(0.01)
        XCTAssertEqual(node.addresses.table.first { $0.address == other.address }?.interfaceIndex, 3)
        XCTAssertTrue(node.output.events.contains { $0.kind == .addressRestored })
        XCTAssertEqual(announcements(of: other.address, node).last?.index, 3, "announced again there")
    }

    func testAKilledRunsAddressIsRemovedFromItsInterface() throws {
        let node = node { parts in
            parts.ownership.text = "pid 999999\naddress 192.0.2.223/24 2\naddress 198.51.100.9/24 3\n"
            parts.addresses.table = [
                InterfaceAddress(address: FakeNode.vip.address, prefixLength: 24, interfaceIndex: 2, label: "eth0:vrrpdump"),
                InterfaceAddress(address: self.other.address, prefixLength: 24, interfaceIndex: 3, label: "eth1:vrrpdump"),
            ]
        }
        try node.runtime.start()
        XCTAssertTrue(node.addresses.table.isEmpty, "\(node.addresses.table)")
        XCTAssertEqual(Set(node.addresses.removed), [FakeNode.vip.address, other.address])
    }

    /// An IPv6 address on its own interface is announced with an NA from that interface's link-local
    /// address, not the instance's.
    func testAnIPv6AddressOnItsInterfaceIsAnnouncedFromThatInterfacesLinkLocal() throws {
        let excluded = VirtualAddress("2001:db8::9/64")!
        let linkLocal = IPv6Address("fe80::33")!
        let node = FakeNode(priority: 150, excluded: [excluded], addressLinks: [excluded.address: eth1]) { parts in
            parts.addresses.table = [InterfaceAddress(address: .v6(linkLocal), prefixLength: 64, interfaceIndex: 3)]
        }
        try node.runtime.start()
        node.advance(4)
        let sources = node.announcer.sent.compactMap { sent -> (Int32, IPv6Address, MACAddress?)? in
            let frame = sent.frame.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
            guard case .ipv6(let header, .neighborAdvertisement(let advert)) = frame.network,
                  IPAddress.v6(advert.target) == excluded.address else { return nil }
            return (sent.interfaceIndex, header.source, advert.targetLinkLayerAddress)
        }
        XCTAssertFalse(sources.isEmpty)
        XCTAssertTrue(sources.allSatisfy { $0.0 == 3 && $0.1 == linkLocal && $0.2 == eth1.mac }, "\(sources)")
    }

    /// The listener hears only the instance's interface: only its addresses are probed for.
    func testOnlyTheInstancesInterfaceIsProbed() throws {
        let node = node(listens: true)
        try node.runtime.start()
        XCTAssertEqual(node.announcer.sent.map(\.interfaceIndex), [2])
    }
}
