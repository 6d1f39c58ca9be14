import Foundation
import XCTest

/// vrrpdump against tcpdump run now, on every capture the tshark differential reads (the lab's
/// keepalived and FRR scenarios, the crafted captures, tcpdump's own): every field tcpdump prints
/// for a VRRP packet — addresses, TTL, version, type, vrid, priority, auth, interval, address list,
/// and with -v its checksum verdict — must match vrrpdump's, with the exceptions of
/// `TcpdumpExpectedOutputTests`.
final class TcpdumpDifferentialTests: XCTestCase {
    func testEveryCaptureMatchesTcpdump() throws {
        let tcpdump = try PeerTool.require("tcpdump", purpose: "the tcpdump differential test")
        let files = Repository.differentialCaptures()
        XCTAssertGreaterThan(files.count, 0, "no captures found")
        var differences: [TcpdumpExpectedOutputTests.Difference] = []
        var compared = 0
        var packets = 0
        for file in files {
            let name = Repository.relative(file)
            // tcpdump's TESTrun form, which TcpdumpText reads: numbered, date and time in UTC.
            let run = try ProcessRunner.run(tcpdump.url, ["-#", "-n", "-tttt", "-v", "-r", file.path],
                                            environment: ["TZ": "GMT0"])
            let (outcome, records) = try VRRPDumpRunner.records(of: file)
            guard outcome.succeeded else {
                // Frame Relay: vrrpdump declines it (BadInputTests covers the error).
                XCTAssertTrue(outcome.stderrText.contains("unsupported link type"), "\(name): \(outcome.summary)")
                continue
            }
            guard run.succeeded else {
                print("tcpdump differential: \(name): not compared, tcpdump cannot read it: \(run.stderrLines.last ?? "")")
                continue
            }
            // Pair in order: vrrpdump's default filter drops unrelated frames, and tcpdump's text
            // is read for IP packets only (ARP lines carry no field compared here).
            var next = 0
            for packet in TcpdumpText.parse(run.stdoutText) where packet.vrrpVersion != nil {
                guard let index = records[next...].firstIndex(where: {
                    $0.microseconds == packet.microseconds && $0.ip?.src == packet.source
                }) else {
                    XCTFail("\(name) packet \(packet.number): tcpdump shows VRRP, vrrpdump printed no such record: \(packet.text)")
                    continue
                }
                next = index + 1
                packets += 1
                let found = TcpdumpExpectedOutputTests.compare(packet, records[index], file: name, verbose: true)
                compared += found.compared
                differences += found.differences
            }
        }
        XCTAssertGreaterThan(packets, 500, "tcpdump showed too few VRRP packets to compare")
        TcpdumpExpectedOutputTests.report(differences, compared: compared, label: "run now on \(files.count) captures, \(packets) VRRP packets")
    }
}
