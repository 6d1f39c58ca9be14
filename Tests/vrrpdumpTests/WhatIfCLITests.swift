import Foundation
import XCTest

/// `--what-if` on the lab's seed-failover capture (keepalived 100 master resigns, 99 takes over).
final class WhatIfCLITests: XCTestCase {
    func capture() throws -> String {
        let url = Repository.url("captures/scenarios/seed-failover/capture.pcap")
        guard Repository.isRegularFile(url) else { throw XCTSkip("captures/scenarios/seed-failover is missing") }
        return url.path
    }

    func testStoryComparesTheVirtualRouterWithTheRecordedSuccessor() throws {
        let outcome = try VRRPDumpRunner.run(["-r", try capture(), "--what-if", "--vrid", "51", "--priority", "120", "--nopreempt"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let lines = outcome.stdoutLines
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("recorded ") || $0.hasPrefix("modelled ") || $0.hasPrefix("story: ") || $0.hasPrefix("you: ") },
                      outcome.stdoutText)
        // Skew_Time at 120 (v2): 136/256 s; the recorded backup (99) needs 157/256 s plus its own delay.
        XCTAssertTrue(outcome.stdoutText.contains("story: 192.0.2.111 resigned at "), outcome.stdoutText)
        XCTAssertTrue(outcome.stdoutText.contains("you (priority 120) would have been master 531.25 ms later, instead of 192.0.2.199 after "),
                      outcome.stdoutText)
        XCTAssertTrue(outcome.stdoutText.contains("master 192.0.2.254 prio 120 (resigned from 192.0.2.111"), outcome.stdoutText)
    }

    func testJSONLinesSayWhereTheyComeFrom() throws {
        let outcome = try VRRPDumpRunner.run(["-r", try capture(), "--what-if", "--vrid", "51", "--priority", "120", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let objects = outcome.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(objects.count, outcome.stdoutLines.count, "every line is one JSON object")
        let kinds = objects.map { $0["what_if"] as? String ?? "?" }
        XCTAssertEqual(kinds.last, "summary")
        XCTAssertTrue(kinds.contains("outcome"))
        for object in objects where ["event", "advert", "announce", "recorded-life"].contains(object["what_if"] as? String) {
            XCTAssertTrue(["recorded", "modelled"].contains(object["origin"] as? String ?? ""), "\(object)")
        }
        let outcomeObject = try XCTUnwrap(objects.first { $0["what_if"] as? String == "outcome" })
        XCTAssertEqual(outcomeObject["cause"] as? String, "preempted")
    }

    func testWhatIfNeedsAFileAVRIDAndAPriority() throws {
        let file = try capture()
        for arguments in [["-r", file, "--what-if", "--vrid", "51"], ["-i", "lo", "--what-if", "--vrid", "51", "--priority", "9"],
                          ["-r", file, "--vrid", "51", "--priority", "9"]] {
            let outcome = try VRRPDumpRunner.run(arguments)
            XCTAssertNotEqual(outcome.status, 0, arguments.joined(separator: " "))
        }
        let bad = try VRRPDumpRunner.run(["-r", file, "--what-if", "--vrid", "51", "--priority", "120", "--auth-pass", "x", "--vrrp-version", "3"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderrText.contains("VRRPv3 has no authentication"), bad.stderrText)
    }
}
