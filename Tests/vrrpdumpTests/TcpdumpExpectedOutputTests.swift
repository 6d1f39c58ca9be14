import Foundation
import XCTest

/// vrrpdump --json against tcpdump's own expected outputs for its VRRP test captures
/// (captures/peer/tcpdump, BSD licence, see ORIGIN.md there): every field tcpdump prints must
/// match, packet for packet.
final class TcpdumpExpectedOutputTests: XCTestCase {
    static let directory = "captures/peer/tcpdump"

    typealias Difference = (difference: FieldDifference, record: DumpRecord)

    /// Accepted differences, each with its reason (also for `TcpdumpDifferentialTests`).
    static let exceptions: [PeerException] = [
        PeerException(
            id: "carp",
            reason: """
                CARP (OpenBSD, also IP protocol 112): tcpdump 4.99 reads every protocol-112 packet \
                as VRRP and prints CARP's bytes with the VRRPv2 layout; vrrpdump tells CARP apart \
                and prints its own fields (the tshark differential compares those with tshark's \
                CARP dissector)
                """,
            covers: { difference, record in
                record?.kind == "carp" && difference.field.hasPrefix("vrrp.") && difference.vrrpdump == FieldMap.absent
            }),
        PeerException(
            id: "truncated-header",
            reason: """
                the VRRP message (IP length 27 → 7 bytes) ends before its 8-byte fixed header: \
                tcpdump prints vrid/prio/intvl from the first 6 bytes and '[|vrrp]'; vrrpdump prints \
                'VRRP malformed: VRRP truncated: needs 8 bytes, 7 captured' and no fields
                """,
            covers: { difference, record in
                guard let record, record.vrrp == nil, record.problems.contains("truncated"),
                      difference.vrrpdump == FieldMap.absent else { return false }
                return difference.field.hasPrefix("vrrp.")
            }),
    ]

    func load(_ name: String) throws -> URL {
        let url = Repository.url("\(Self.directory)/\(name)")
        guard Repository.isRegularFile(url) else {
            throw XCTSkip("\(Self.directory)/\(name) is missing")
        }
        return url
    }

    /// vrrp.pcap: 165 VRRPv2/v3 packets over IPv4 and IPv6, with `vrrp.out` (plain) and
    /// `vrrp-v.out` (-v: IP header, address list and auth text).
    func testVRRPCaptureMatchesTcpdumpExpectedOutputs() throws {
        let capture = try load("vrrp.pcap")
        let plain = TcpdumpText.parse(try String(contentsOf: try load("vrrp.out"), encoding: .utf8))
        let verbose = TcpdumpText.parse(try String(contentsOf: try load("vrrp-v.out"), encoding: .utf8))
        let (outcome, records) = try VRRPDumpRunner.records(of: capture)
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertEqual(plain.count, 165, "vrrp.out should list 165 packets")
        XCTAssertEqual(verbose.count, plain.count, "vrrp-v.out and vrrp.out list different packet counts")

        var differences: [Difference] = []
        var compared = 0
        for (label, packets) in [("vrrp.out", plain), ("vrrp-v.out", verbose)] {
            XCTAssertEqual(records.count, packets.count, "vrrpdump printed \(records.count) records, \(label) has \(packets.count) packets")
            for (packet, record) in zip(packets, records) {
                // Every packet must have parsed fully: a parse failure must not pass as agreement.
                XCTAssertNotNil(packet.vrid, "\(label) packet \(packet.number) not understood: \(packet.text)")
                if label == "vrrp-v.out" {
                    XCTAssertNotNil(packet.ttl, "\(label) packet \(packet.number): no ttl/hlim parsed")
                    XCTAssertNotNil(packet.addresses, "\(label) packet \(packet.number): no address list parsed")
                }
                let found = Self.compare(packet, record, file: "\(Self.directory)/\(label)", verbose: label == "vrrp-v.out")
                compared += found.compared
                differences += found.differences
            }
        }
        Self.report(differences, compared: compared, label: "vrrp.pcap against its expected outputs")
    }

    /// vrrp-vrrp_print-oobr-2.pcap: ten damaged packets (tcpdump's out-of-bounds-read regression
    /// test). vrrpdump must agree on every field tcpdump prints before it stops.
    func testDamagedCaptureMatchesTcpdumpWhereTcpdumpPrintsFields() throws {
        let capture = try load("vrrp-vrrp_print-oobr-2.pcap")
        let packets = TcpdumpText.parse(try String(contentsOf: try load("vrrp-vrrp_print-oobr-2.out"), encoding: .utf8))
        let (outcome, records) = try VRRPDumpRunner.records(of: capture)
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertEqual(packets.count, 10)
        XCTAssertEqual(records.count, packets.count)
        var differences: [Difference] = []
        var compared = 0
        for (packet, record) in zip(packets, records) {
            XCTAssertNotNil(packet.vrrpVersion, "packet \(packet.number) not understood: \(packet.text)")
            let found = Self.compare(packet, record, file: "\(Self.directory)/vrrp-vrrp_print-oobr-2.out", verbose: true)
            compared += found.compared
            differences += found.differences
        }
        Self.report(differences, compared: compared, label: "vrrp-vrrp_print-oobr-2.pcap against its expected output")
    }

    static func report(_ differences: [Difference], compared: Int, label: String) {
        var excused: [String: Int] = [:]
        for difference in differences {
            if let exception = exceptions.first(where: { $0.covers(difference.difference, difference.record) }) {
                excused[exception.id, default: 0] += 1
            } else {
                XCTFail("tcpdump differs: \(difference.difference)")
            }
        }
        print("tcpdump: \(label): \(compared) fields compared")
        for exception in exceptions where excused[exception.id] != nil {
            print("tcpdump exception \(exception.id) (\(excused[exception.id]!) fields): \(exception.reason)")
        }
    }

    /// Every field tcpdump printed for the packet against vrrpdump's record.
    static func compare(_ p: TcpdumpPacket, _ r: DumpRecord, file: String, verbose: Bool) -> (compared: Int, differences: [Difference]) {
        var found: [Difference] = []
        var compared = 0
        func check(_ field: String, _ ours: CustomStringConvertible?, _ theirs: CustomStringConvertible?) {
            guard let theirs else { return }  // tcpdump did not print it
            compared += 1
            let a = ours.map { "\($0)" } ?? FieldMap.absent
            if a != "\(theirs)" {
                found.append((FieldDifference(file: file, frame: p.number, field: field, vrrpdump: a, peer: "\(theirs)"), r))
            }
        }
        check("ts (µs)", r.microseconds, p.microseconds)
        check("ip.version", r.ip?.version, p.ipVersion)
        check("ip.src", r.ip?.src, p.source)
        check("ip.dst", r.ip?.dst, p.destination)
        check("ip.ttl", r.ip?.ttl, p.ttl)
        let v = r.vrrp
        check("vrrp.version", v?.version, p.vrrpVersion)
        check("vrrp.type", v?.type, p.type)
        check("vrrp.vrid", v?.vrid, p.vrid)
        check("vrrp.priority", v?.priority, p.priority)
        check("vrrp.auth_type", v?.authType, p.authType)
        if let interval = p.interval {
            // tcpdump prints seconds for v2 ("intvl 10s") and centiseconds for v3 ("intvl 1000cs").
            let ours = v.map { $0.hasVersion2Layout ? "\($0.intervalCs / 100)s" : "\($0.intervalCs)cs" }
            check("vrrp.interval", ours, "\(interval.value)\(interval.unit)")
        }
        check("vrrp.count", v?.count, p.addressCount)
        check("vrrp.addrs", v?.addrs.joined(separator: ","), p.addresses?.joined(separator: ","))
        check("vrrp.auth", v?.auth, p.auth)
        // With -v tcpdump verifies the checksum of a whole message (v2 plain, v3 with the
        // pseudo-header) and prints "(bad vrrp cksum X)" when it fails; vrrpdump's verdict must
        // agree for that form. Truncated messages are not checked by either.
        if verbose, let v, v.checksum != "unverified", p.vrrpVersion == 2 || p.vrrpVersion == 3, !p.truncated {
            let form = v.version == 3 ? "pseudo-header" : "plain"
            check("vrrp.checksum (\(form))", v.checksum == "valid" && v.checksumForm == form ? "good" : "bad",
                  p.badChecksum ? "bad" : "good")
        }
        return (compared, found)
    }
}
