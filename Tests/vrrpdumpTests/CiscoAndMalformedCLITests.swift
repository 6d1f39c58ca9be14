import Foundation
import XCTest

/// Issue 8 from the command line: Cisco's MD5 trailer under `-v` and in JSON, and unreadable VRRP in
/// the packet view and the timeline.
final class CiscoAndMalformedCLITests: XCTestCase {
    func testCiscoMD5IsShownWithVerboseAndInJSONAndIsNotMalformed() throws {
        let capture = Repository.url("captures/crafted/cisco-v2-md5.pcap")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("cisco-v2-md5.pcap is missing") }
        let verbose = try VRRPDumpRunner.run(["-r", capture.path, "-v"])
        XCTAssertEqual(verbose.status, 0, verbose.summary)
        let adverts = verbose.stdoutLines.filter { $0.contains("VRRPv2 advert") }
        XCTAssertEqual(adverts.count, 8)
        for line in adverts {
            XCTAssertTrue(line.contains("auth md5 key 1 digest "), line)
            XCTAssertTrue(line.contains("cksum ok (plain)"), line)
            XCTAssertFalse(line.contains("["), "no finding: \(line)")
        }
        XCTAssertTrue(verbose.stderrText.contains("0 malformed, 0 with problems"), verbose.stderrText)
        let quiet = try VRRPDumpRunner.run(["-r", capture.path])
        XCTAssertFalse(quiet.stdoutText.contains("digest"), "the digest only with -v")

        let json = try VRRPDumpRunner.run(["-r", capture.path, "--json"])
        let records = json.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let md5 = records.compactMap { ($0["vrrp"] as? [String: Any])?["auth_md5"] as? [String: Any] }
        XCTAssertEqual(md5.count, 8)
        XCTAssertEqual(md5.first?["key_id"] as? Int, 1)
        XCTAssertEqual(md5.first?["sender"] as? String, "192.0.2.1")
        XCTAssertEqual((md5.first?["digest"] as? String)?.count, 32)
        let timeline = try VRRPDumpRunner.run(["-r", capture.path, "--timeline"])
        XCTAssertTrue(timeline.stdoutText.contains("garp after -1.0 ms, burst 2)"), timeline.stdoutText)
        XCTAssertTrue(timeline.stdoutLines.contains { $0.hasPrefix("  192.0.2.2 ") && $0.hasSuffix(" 2×3") },
                      "the table agrees with the event: bursts of 2, the takeover's three; \(timeline.stdoutText)")
        let redacted = try VRRPDumpRunner.run(["-r", capture.path, "--json", "--redact"])
        XCTAssertTrue(redacted.stdoutText.contains("\"digest\":\"<redacted>\""))
    }

    func testUnreadableVRRPIsInThePacketViewAndTheTimeline() throws {
        let capture = Repository.url("captures/crafted/story10-malformed-vrrp.pcap")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("story10-malformed-vrrp.pcap is missing") }
        let packets = try VRRPDumpRunner.run(["-r", capture.path, "-v"])
        let empty = packets.stdoutLines.filter { $0.contains("192.0.2.66 > 192.0.2.121") }
        XCTAssertEqual(empty.count, 3)
        for line in empty {
            XCTAssertTrue(line.contains("empty: the IP header declares no payload"), line)
            XCTAssertTrue(line.hasSuffix("[empty-payload, ttl-not-255, unicast-destination]"), line)
        }
        let cut = packets.stdoutLines.filter { $0.contains("192.0.2.67 >") }
        XCTAssertEqual(cut.count, 1)
        XCTAssertTrue(cut.first?.contains("[truncated]") ?? false, "\(cut)")

        let timeline = try VRRPDumpRunner.run(["-r", capture.path, "--timeline"])
        XCTAssertTrue(timeline.stdoutText.contains(
            "capture: malformed VRRP from 192.0.2.66 (empty-payload, ttl-not-255, unicast-destination)"), timeline.stdoutText)
        XCTAssertTrue(timeline.stdoutText.contains(
            "summary capture: malformed VRRP from 192.0.2.66: 3 packets (empty-payload, ttl-not-255, unicast-destination)"))
        let json = try VRRPDumpRunner.run(["-r", capture.path, "--timeline", "--json"])
        let summaries = json.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.filter { $0["event"] as? String == "malformed-summary" }
        XCTAssertEqual(summaries.map { $0["router"] as? String }, ["192.0.2.66", "192.0.2.67"])
        XCTAssertEqual(summaries.first?["count"] as? Int, 3)
    }
}
