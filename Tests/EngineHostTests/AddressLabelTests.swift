import Codec
import Engine
@testable import EngineHost
import XCTest

/// keepalived's `virtual_ipaddress { ADDR label L }`: the address goes on with IFA_LABEL L instead of
/// the node's own `IFACE:vrrpdump`, and a killed run's copy carrying L is still found as ours.
final class AddressLabelTests: XCTestCase {
    private let labelled = VirtualAddress("192.0.2.224/24")!

    func testAConfiguredLabelIsTheAddressesLabel() throws {
        let node = FakeNode(priority: 150, more: [labelled], addressLabels: [labelled.address: "eth0:web"])
        try node.runtime.start()
        node.advance(4)
        XCTAssertEqual(node.runtime.router.state, .master)
        let labels = Dictionary(uniqueKeysWithValues: node.addresses.table.map { ($0.address, $0.label) })
        XCTAssertEqual(labels[labelled.address], "eth0:web")
        XCTAssertEqual(labels[FakeNode.vip.address], "eth0:vrrpdump")
    }

    func testAKilledRunsLabelledAddressIsRemoved() throws {
        let node = FakeNode(priority: 150, more: [labelled], addressLabels: [labelled.address: "eth0:web"]) { parts in
            parts.ownership.text = "pid 999999\naddress 192.0.2.224/24 2\n"
            parts.addresses.table = [InterfaceAddress(address: self.labelled.address, prefixLength: 24, interfaceIndex: 2, label: "eth0:web")]
        }
        try node.runtime.start()
        XCTAssertEqual(node.addresses.removed, [labelled.address])
    }
}
