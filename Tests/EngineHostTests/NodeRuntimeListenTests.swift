import Codec
import Engine
import XCTest
@testable import EngineHost

/// Listening before joining on the link layer: the probes the runtime sends, and the ARP answers it
/// feeds to `ListenPhase`.
final class NodeRuntimeListenTests: XCTestCase {
    let stranger = MACAddress("02:00:00:00:00:99")!
    let peerMAC = MACAddress("02:00:00:00:00:11")!

    func testProbesEachVIPFromItsOwnAddressWhenListeningStarts() throws {
        let node = FakeNode(listens: true)
        try node.runtime.start()
        XCTAssertEqual(node.announcer.frames.count, 1)
        let frame = try XCTUnwrap(node.announcer.frames.first)
        guard case .arp(let arp) = frame.withUnsafeBytes({ Frame.decode($0, linkType: .ethernet) }).network else {
            return XCTFail("not an ARP frame")
        }
        XCTAssertEqual(arp.operation, ARPPacket.request)
        XCTAssertEqual(IPAddress.v4(arp.targetIP), FakeNode.vip.address)
        XCTAssertEqual(IPAddress.v4(arp.senderIP), FakeNode.me, "asks from the interface's address, not the VIP")
        XCTAssertEqual(arp.senderMAC, MACAddress(2, 0, 0, 0, 0, 0x22))
    }

    func testAStrangerAnsweringForAVIPRefusesNamingItsMAC() throws {
        let node = FakeNode(listens: true)
        try node.runtime.start()
        node.listener.frames = [answer(from: stranger)]
        node.advance(11)
        XCTAssertTrue(node.runtime.isStopped)
        XCTAssertTrue(node.transport.sent.isEmpty, "never advertised")
        XCTAssertTrue(node.output.notes.contains { $0.contains("not joining") && $0.contains("answered by 02:00:00:00:00:99") },
                      "\(node.output.notes)")
    }

    func testForceJoinsAndNotesTheStranger() throws {
        let node = FakeNode(listens: true, force: true)
        try node.runtime.start()
        node.listener.frames = [answer(from: stranger)]
        node.advance(11)
        XCTAssertFalse(node.runtime.isStopped)
        XCTAssertTrue(node.output.notes.contains { $0.contains("joining although") && $0.contains("02:00:00:00:00:99") },
                      "\(node.output.notes)")
    }

    /// The master that holds the VIP answers from the MAC its adverts come from: no reason to refuse.
    func testTheGroupsOwnMasterAnsweringIsNoStranger() throws {
        let node = FakeNode(listens: true)
        try node.runtime.start()
        node.listener.frames = [advertFrame(from: peerMAC), answer(from: peerMAC)]
        node.advance(11)
        XCTAssertFalse(node.runtime.isStopped, "\(node.output.notes)")
    }

    /// An ARP reply "192.0.2.223 is-at MAC" to the node.
    private func answer(from mac: MACAddress) -> [UInt8] {
        var writer = ByteWriter()
        EthernetHeader(destination: MACAddress(2, 0, 0, 0, 0, 0x22), source: mac, etherType: EtherType.arp).encode(into: &writer)
        guard case .v4(let vip) = FakeNode.vip.address, case .v4(let me) = FakeNode.me else { return [] }
        ARPPacket(operation: ARPPacket.reply, senderMAC: mac, senderIP: vip, targetMAC: MACAddress(2, 0, 0, 0, 0, 0x22),
                  targetIP: me).encode(into: &writer)
        return writer.bytes
    }

    /// The peer's advert for VRID 51 as the link layer carries it.
    private func advertFrame(from mac: MACAddress) -> [UInt8] {
        let node = FakeNode()
        let datagram = node.advert(priority: 100)
        guard case .v4(let source) = datagram.source else { return [] }
        var writer = ByteWriter()
        EthernetHeader(destination: MACAddress(1, 0, 0x5e, 0, 0, 0x12), source: mac, etherType: EtherType.ipv4).encode(into: &writer)
        IPv4Header(totalLength: UInt16(20 + datagram.message.count), ttl: 255, protocolNumber: IPProtocol.vrrp,
                   source: source, destination: .vrrpMulticast).encode(into: &writer)
        writer.write(contentsOf: datagram.message)
        return writer.bytes
    }
}
