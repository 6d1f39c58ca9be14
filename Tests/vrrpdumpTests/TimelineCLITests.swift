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
                       ["master", "master", "split-brain", "split-brain-end", "stale-arp", "summary"])
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
        XCTAssertEqual(master["cause"] as? String, "split-brain", "r1 still advertised: the onset of the split brain")
        XCTAssertEqual(master["priority"] as? Int, 99)
        XCTAssertTrue(master["gap_s"] is NSNull, "no failover gap")
        XCTAssertNotNil(master["garp_delay_s"] as? Double)
        XCTAssertTrue(objects[0]["gap_s"] is NSNull, "initial has no gap")
        XCTAssertEqual(objects[2]["routers"] as? [String], ["192.0.2.111", "192.0.2.199"])
        XCTAssertNotNil(objects[3]["duration_s"] as? Double)
        XCTAssertEqual(objects[4]["router"] as? String, "192.0.2.199", "r2's announcement is left after it yielded")
        XCTAssertEqual(objects[5]["master"] as? String, "192.0.2.111")
    }

    func testTextTimelineNamesEachEvent() throws {
        let outcome = try VRRPDumpRunner.run(["-r", try splitBrainCapture().path, "--timeline", "--time", "epoch"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let text = outcome.stdoutText
        XCTAssertTrue(text.contains("master 192.0.2.199 prio 99 (split-brain from 192.0.2.111"), text)
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

    /// A file is replayed on two threads (reading and decoding, analysing): `-c` still stops after
    /// exactly N packets, with the timeline of those N alone.
    func testCountStopsTheTimelineAfterNPackets() throws {
        let scratch = try ScratchDirectory("timeline-count")
        let file = try splitBrainCapture().path
        let firstFive = scratch.file("first-five.pcap").path
        XCTAssertEqual(try VRRPDumpRunner.run(["-r", file, "-c", "5", "-w", firstFive]).status, 0)
        let counted = try VRRPDumpRunner.run(["-r", file, "-c", "5", "--timeline", "--json"])
        let whole = try VRRPDumpRunner.run(["-r", firstFive, "--timeline", "--json"])
        XCTAssertEqual(counted.status, 0, counted.summary)
        XCTAssertTrue(counted.stderrText.contains("5 packets read"), counted.stderrText)
        XCTAssertEqual(counted.stdoutText, whole.stdoutText)
        XCTAssertTrue(counted.stdoutLines.last?.contains("\"summary\"") == true, counted.stdoutText)
    }

    /// A capture cut short inside a record: the timeline of the packets before the damage, the
    /// summary, then the one-line error naming the file.
    func testTruncatedCaptureReportsTheTimelineBeforeTheDamage() throws {
        let scratch = try ScratchDirectory("timeline-truncated")
        let bytes = try Array(Data(contentsOf: try splitBrainCapture()))
        let path = try scratch.write(Array(bytes.dropLast(10)), named: "cut.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path, "--timeline", "--json"])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertFalse(outcome.signalled || outcome.timedOut, outcome.summary)
        let errors = outcome.stderrLines.filter { $0.hasPrefix("vrrpdump: ") }
        XCTAssertEqual(errors.count, 1, outcome.stderrText)
        XCTAssertTrue(errors.first?.contains(path) == true, outcome.stderrText)
        let events = outcome.stdoutLines.compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["event"] as? String
        }
        XCTAssertEqual(events.count, outcome.stdoutLines.count, "every line is one JSON object")
        XCTAssertEqual(events.first, "master", outcome.stdoutText)
        XCTAssertEqual(events.last, "summary", outcome.stdoutText)
    }
}
