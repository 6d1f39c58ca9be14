import Foundation
import XCTest

/// `--timeline`, `--timeline --json` and `--fail-on` on a lab capture (keepalived split brain).
final class TimelineCLITests: XCTestCase {
    func splitBrainCapture() throws -> URL {
        let url = Repository.url("captures/scenarios/split-brain/capture.pcap")
        guard Repository.isRegularFile(url) else { throw XCTSkip("captures/scenarios/split-brain is missing") }
        return url
    }

    func testJSONTimelineHasTheFixedKeysThenOneSummaryPerVirtualRouter() throws {
        let outcome = try VRRPDumpRunner.run(["-r", try splitBrainCapture().path, "--timeline", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let objects = outcome.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(objects.count, outcome.stdoutLines.count, "every line is one JSON object")
        XCTAssertEqual(objects.map { $0["event"] as? String ?? "?" },
                       ["master", "master", "split-brain", "split-brain-end", "summary"])
        for object in objects {
            XCTAssertNotNil(object["ts"] as? Double)
            let vr = object["vr"] as? [String: Any] ?? [:]
            XCTAssertEqual(vr["vrid"] as? Int, 51)
            XCTAssertEqual(vr["family"] as? String, "ipv4")
            XCTAssertTrue(vr["vlan"] is NSNull)
        }
        let master = objects[1]
        XCTAssertEqual(master["router"] as? String, "192.0.2.199")
        XCTAssertEqual(master["previous"] as? String, "192.0.2.111")
        XCTAssertEqual(master["cause"] as? String, "master-down")
        XCTAssertEqual(master["priority"] as? Int, 99)
        XCTAssertNotNil(master["gap_s"] as? Double)
        XCTAssertNotNil(master["garp_delay_s"] as? Double)
        XCTAssertTrue(objects[0]["gap_s"] is NSNull, "initial has no gap")
        XCTAssertEqual(objects[2]["routers"] as? [String], ["192.0.2.111", "192.0.2.199"])
        XCTAssertNotNil(objects[3]["duration_s"] as? Double)
        XCTAssertEqual(objects[4]["master"] as? String, "192.0.2.111")
    }

    func testTextTimelineNamesEachEvent() throws {
        let outcome = try VRRPDumpRunner.run(["-r", try splitBrainCapture().path, "--timeline", "--time", "epoch"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let text = outcome.stdoutText
        XCTAssertTrue(text.contains("master 192.0.2.199 prio 99 (master-down from 192.0.2.111"), text)
        XCTAssertTrue(text.contains("split-brain-end 192.0.2.111, 192.0.2.199 after 7."), text)
        XCTAssertTrue(text.contains("summary vrid 51 ipv4: master 192.0.2.111"), text)
    }

    func testFailOnExitsWithStatus3OnlyWhenTheEventOccurred() throws {
        let file = try splitBrainCapture().path
        XCTAssertEqual(try VRRPDumpRunner.run(["-r", file, "--timeline", "--fail-on", "collision,split-brain"]).status, 3)
        XCTAssertEqual(try VRRPDumpRunner.run(["-r", file, "--timeline", "--fail-on", "mismatch,collision"]).status, 0)
        XCTAssertNotEqual(try VRRPDumpRunner.run(["-r", file, "--timeline", "--fail-on", "nonsense"]).status, 0)
        XCTAssertNotEqual(try VRRPDumpRunner.run(["-r", file, "--fail-on", "split-brain"]).status, 0,
                          "--fail-on needs --timeline")
    }
}
