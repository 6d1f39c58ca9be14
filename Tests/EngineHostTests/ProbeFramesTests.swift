import Codec
@testable import EngineHost
import XCTest

/// The probes sent while listening, and the names the macvlan's sysctls go by.
final class ProbeFramesTests: XCTestCase {
    let mac = MACAddress("02:00:00:00:00:22")!

    /// A neighbour solicitation for 2001:db8::223 from our link-local: to its solicited-node group
    /// (ff02::1:ff00:223, 33:33:ff:00:02:23), hop limit 255, source link-layer option, a checksum
    /// that verifies over the pseudo-header.
    func testNeighbourSolicitationGoesToTheSolicitedNodeGroupWithAValidChecksum() throws {
        let source = IPv6Address("fe80::22")!
        let frame = ProbeFrames.frame(for: IPAddress("2001:db8::223")!, mac: mac, source: .v6(source))
        let decoded = frame.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
        XCTAssertEqual(decoded.link.destinationMAC, MACAddress("33:33:ff:00:02:23"))
        XCTAssertEqual(decoded.link.sourceMAC, mac)
        guard case .ipv6(let header, _) = decoded.network else { return XCTFail("not IPv6") }
        XCTAssertEqual(header.source, source)
        XCTAssertEqual(header.destination, IPv6Address("ff02::1:ff00:223"))
        XCTAssertEqual(header.hopLimit, 255)
        let message = Array(frame[(14 + 40)...])
        XCTAssertEqual(message.count, 32)
        XCTAssertEqual(message[0], NeighborSolicitation.icmpType)
        XCTAssertEqual(Array(message[24...]), [1, 1] + (0..<6).map { mac.byte($0) }, "source link-layer option")
        var sum = InternetChecksum()
        sum.addPseudoHeader(source: .v6(source), destination: .v6(header.destination), protocol: IPProtocol.icmpv6,
                            length: message.count)
        sum.add(message)
        XCTAssertEqual(sum.folded, 0xFFFF)
    }

    func testSysctlNamesAndFamily() {
        let sysctl = InterfaceSysctl(family: "ipv6", interface: "vrrp6.51", name: "addr_gen_mode")
        XCTAssertEqual(sysctl.path, "/proc/sys/net/ipv6/conf/vrrp6.51/addr_gen_mode")
        XCTAssertEqual(sysctl.family, "ipv6")
        XCTAssertEqual(InterfaceSysctl(interface: "eth0", name: "arp_ignore").description, "net.ipv4.conf.eth0.arp_ignore")
    }
}
