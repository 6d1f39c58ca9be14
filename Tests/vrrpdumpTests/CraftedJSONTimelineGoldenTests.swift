import Foundation
import XCTest

/// Bad input (issue 3): a capture whose timestamps go backwards or jump must not produce negative or
/// absurd durations, and the step must be reported. Checked on what users read, `--timeline --json`.
///
/// The capture's span is how far its clock moved forward: the sum of the non-negative differences
/// between consecutive frames in file order (a step back adds nothing; the analyser's clock does not
/// follow it back). No `*_s` value may be negative or exceed that span (`interval_s`, the advertised
/// interval, is a setting and is only checked for sign), and every time (`ts`, `started`,
/// `first_advert`, `last_advert`) lies between the first frame's timestamp and that plus the span.
final class CraftedJSONTimelineGoldenTests: XCTestCase {
    func testClockStepsAreReportedWithoutNegativeOrAbsurdDurations() throws {
        let capture = Repository.url("captures/crafted/clock-step.pcap")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("captures/crafted/clock-step.pcap is missing") }
        let (objects, span, first) = try timeline(of: capture)
        // The generator records the span it built; the frames vrrpdump read must give the same.
        let golden = try String(contentsOf: Repository.url("captures/crafted/clock-step.expected-timeline.jsonl"),
                                encoding: .utf8)
        let summary = golden.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.first { $0["event"] as? String == "summary" }
        let builtSpan = try XCTUnwrap((summary?["capture_span_s"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(span, builtSpan, accuracy: 1e-5, "span of the frames as read")

        checkDurations(objects, span: span, first: first, label: "clock-step.pcap")
        let gaps = objects.filter { $0["event"] as? String == "capture-gap" }
        let steps = gaps.filter { $0["reason"] as? String == "clock-step" }
        XCTAssertEqual(steps.count, 1, "one backwards step (the 5 ms reordering is not one): \(gaps)")
        XCTAssertEqual((steps.first?["step_back_s"] as? NSNumber)?.doubleValue ?? -1, 59, accuracy: 1e-6)
        let jumps = gaps.filter { $0["reason"] as? String == "no-packets" }
        XCTAssertEqual(jumps.count, 1, "the forward jump: \(gaps)")
        XCTAssertEqual((jumps.first?["duration_s"] as? NSNumber)?.doubleValue ?? -1, 10801, accuracy: 1e-6)
        let events = objects.compactMap { $0["event"] as? String }
        XCTAssertEqual(events.filter { $0 == "master" }.count, 1, "a steady master, no failover: \(events)")
        for kind in ["silence", "late-advert", "split-brain", "resign"] {
            XCTAssertFalse(events.contains(kind), "unexpected \(kind): \(events)")
        }
    }

    /// The same bounds hold for every crafted capture.
    func testNoCraftedCaptureHasANegativeOrAbsurdDuration() throws {
        let captures = Repository.files(in: "captures/crafted") { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        guard !captures.isEmpty else { throw XCTSkip("no crafted captures") }
        for capture in captures {
            let (objects, span, first) = try timeline(of: capture)
            checkDurations(objects, span: span, first: first, label: Repository.relative(capture))
            // A file replay prints its events in time order (issue 8, story 8), then the summaries.
            let stamps = objects.filter { !($0["event"] as? String ?? "").hasSuffix("summary") }
                .compactMap { $0["ts"] as? Double }
            XCTAssertEqual(stamps, stamps.sorted(), "\(Repository.relative(capture)): events in time order")
        }
    }

    /// `--timeline --json` objects of `capture`, the capture's forward span and its first frame's time.
    private func timeline(of capture: URL) throws -> (objects: [[String: Any]], span: Double, first: Double) {
        let outcome = try VRRPDumpRunner.run(["-r", capture.path, "--timeline", "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        let objects = outcome.stdoutLines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        XCTAssertEqual(objects.count, outcome.stdoutLines.count, "\(capture.lastPathComponent): every line is one JSON object")
        let records = try VRRPDumpRunner.records(of: capture).records
        let stamps = records.map(\.ts)
        let span = zip(stamps, stamps.dropFirst()).reduce(0) { $0 + max(0, $1.1 - $1.0) }
        return (objects, span, stamps.first ?? 0)
    }

    private func checkDurations(_ objects: [[String: Any]], span: Double, first: Double, label: String) {
        let slack = 1e-5
        for object in objects {
            walk(object) { key, value in
                let place = "\(label): \(object["event"] ?? "?") \(key) = \(value)"
                if key == "garp_delay_s" {
                    // An announcement may precede the first advert by at most the announcement lead (50 ms).
                    XCTAssertGreaterThanOrEqual(value, -0.050, "announcement too long before the first advert: \(place)")
                    XCTAssertLessThanOrEqual(value, span + slack, "longer than the capture's span \(span) s: \(place)")
                } else if key.hasSuffix("_s") {
                    XCTAssertGreaterThanOrEqual(value, 0, "negative duration: \(place)")
                    if key != "interval_s" {
                        XCTAssertLessThanOrEqual(value, span + slack, "longer than the capture's span \(span) s: \(place)")
                    }
                } else if ["ts", "started", "first_advert", "last_advert"].contains(key) {
                    XCTAssertGreaterThanOrEqual(value, first - slack, "time before the first frame: \(place)")
                    XCTAssertLessThanOrEqual(value, first + span + slack, "time after the capture's span: \(place)")
                }
            }
        }
    }

    /// Calls `visit` for every numeric value under a key, at any depth.
    private func walk(_ value: Any, key: String = "", _ visit: (String, Double) -> Void) {
        if let object = value as? [String: Any] {
            for (key, value) in object { walk(value, key: key, visit) }
        } else if let array = value as? [Any] {
            for item in array { walk(item, key: key, visit) }
        } else if let number = value as? NSNumber {
            visit(key, number.doubleValue)
        }
    }
}
