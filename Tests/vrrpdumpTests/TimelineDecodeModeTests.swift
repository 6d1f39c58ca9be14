import Codec
import Foundation
import XCTest

/// `--timeline` on a file switches its memo off where frames stop repeating and back on where they
/// repeat again (`TimelineDecoder`), while the second thread analyses both kinds (`AnalysisFeed`); the
/// events, their order, the summary and the counts must not change.
final class TimelineDecodeModeTests: XCTestCase {
    /// A 9,000-second story, one advert a second: 192.0.2.2 (priority 200) master; from 4,000 s
    /// silent, 192.0.2.3 (100) takes over; at 5,000 s 192.0.2.2 preempts; at 7,000 s it drops to 150.
    /// Frames 3,000 to 5,999 carry a counter in their Ethernet trailer, so no two are alike there;
    /// the same story without trailers repeats throughout. Both must print the same.
    func testUniqueStretchesAnalyseAsRepeats() throws {
        let scratch = try ScratchDirectory("timeline-modes")
        let withTrailers = try scratch.write(CaptureFileBytes.pcap(Self.story(trailers: 3_000..<6_000)), named: "unique.pcap")
        let repeating = try scratch.write(CaptureFileBytes.pcap(Self.story(trailers: 0..<0)), named: "repeating.pcap")
        for extra in [["--json"], []] {
            let unique = try VRRPDumpRunner.run(["-r", withTrailers.path, "--timeline"] + extra)
            let plain = try VRRPDumpRunner.run(["-r", repeating.path, "--timeline"] + extra)
            XCTAssertTrue(unique.succeeded, unique.summary)
            XCTAssertTrue(plain.succeeded, plain.summary)
            XCTAssertEqual(unique.stdoutLines, plain.stdoutLines)
            XCTAssertEqual(unique.stderrLines.last, plain.stderrLines.last, "the statistics")
            XCTAssertEqual(unique.stderrLines.last?.hasPrefix("9000 packets read: 9000 VRRP"), true, unique.stderrText)
        }
        let events = try VRRPDumpRunner.run(["-r", withTrailers.path, "--timeline", "--json"]).stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(events.map { "\($0["event"] ?? "")/\($0["cause"] ?? "")" },
                       ["master/initial", "master/master-down", "master/preempted", "priority/", "summary/"])
    }

    /// Frame `second` of the story, its IPv4 datagrams numbered per sender as keepalived does.
    static func story(trailers: Range<Int>) -> [[UInt8]] {
        (0..<9_000).map { second in
            let (host, priority): (UInt8, UInt8) = switch second {
            case 4_000..<5_000: (3, 100)
            case 7_000...: (2, 150)
            default: (2, 200)
            }
            var frame = advert(host: host, priority: priority, identification: UInt16(truncatingIfNeeded: second))
            if trailers.contains(second) { frame += withUnsafeBytes(of: UInt32(second).bigEndian, Array.init) }
            return frame
        }
    }

    /// A VRRPv2 advert for vrid 51 and 192.0.2.223 from 192.0.2.`host`, checksums valid.
    static func advert(host: UInt8, priority: UInt8, identification: UInt16) -> [UInt8] {
        let source = IPv4Address(192, 0, 2, host)
        var packet = VRRPPacket(version: 2, vrid: 51, priority: priority, interval: 1,
                                addresses: [.v4(IPv4Address(192, 0, 2, 223))])
        packet.checksum = packet.computedChecksum(form: .plain, source: .v4(source), destination: .v4(.vrrpMulticast))
        var header = IPv4Header(totalLength: UInt16(20 + packet.encodedLength), identification: identification,
                                protocolNumber: IPProtocol.vrrp, source: source, destination: .vrrpMulticast)
        header.checksum = header.computedChecksum
        let ethernet = EthernetHeader(destination: MACAddress(0x01, 0x00, 0x5E, 0, 0, 0x12),
                                      source: MACAddress(0x00, 0x00, 0x5E, 0x00, 0x01, 51), etherType: EtherType.ipv4)
        return Frame(link: .ethernet(ethernet), network: .ipv4(header, .vrrp(packet))).encode()
    }
}
