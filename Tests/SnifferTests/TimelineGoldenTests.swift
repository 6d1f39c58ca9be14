import Codec
import Foundation
import XCTest
import ElectionModel
@testable import Sniffer

/// Replays every lab scenario capture (real keepalived, `captures/scenarios/*` and `captures/demo`)
/// and compares the timeline with its `expected-timeline.jsonl`, which `scripts/golden-timeline` derives
/// from the scenario's actions and the VRRP timer rules — never from the analyser's output.
///
/// For each event kind the golden file lists (master, resign, priority, split-brain, split-brain-end,
/// mismatch, collision) the analyser must produce exactly those events, in time order, with the same
/// fixed keys and values inside the bounds. Silence, conflicts, stale ARP and capture gaps must not
/// appear at all. Late adverts are allowed: the lab runs on a shared machine.
///
/// In scenarios marked `wire_interference` (keepalived masters on one VRID silence each other's
/// adverts) a master's later reappearances are that artefact, so only first appearances are compared
/// and silences are allowed, as the lab's own check does.
final class TimelineGoldenTests: XCTestCase {
    func testEveryScenarioMatchesItsGoldenTimeline() throws {
        let directories = try Self.scenarioDirectories()
        guard !directories.isEmpty else { throw XCTSkip("no scenario captures in \(TimelineReplay.captures.path)") }
        for directory in directories {
            try check(directory)
        }
    }

    static func scenarioDirectories() throws -> [URL] {
        let scenarios = TimelineReplay.captures.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
        let candidates = names.sorted().map { scenarios.appendingPathComponent($0) }
            + [TimelineReplay.captures.appendingPathComponent("demo")]
        return candidates.filter {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected-timeline.jsonl").path)
        }
    }

    private func check(_ directory: URL) throws {
        let name = directory.lastPathComponent
        let scenario = try Self.json(directory.appendingPathComponent("scenario.json"))
        let golden = try String(contentsOf: directory.appendingPathComponent("expected-timeline.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try Self.json(Data($0.utf8)) }
        let run = try TimelineReplay.run(directory.appendingPathComponent("capture.pcap").path)
        let expectedFields = scenario["expected"] as? [String: Any] ?? [:]
        let interference = expectedFields["wire_interference"] as? Bool ?? false

        let kinds: [TimelineEvent.Kind] = [.master, .resign, .priority, .splitBrain, .splitBrainEnd, .mismatch, .collision,
                                           .staleARP]
        for kind in kinds {
            var actual = run.of(kind).sorted { $0.ts < $1.ts }
            if kind == .master && interference {
                var seen: Set<IPAddress> = []
                actual = actual.filter { $0.router.map { seen.insert($0).inserted } ?? false }
            }
            let expected = golden.filter { $0["event"] as? String == kind.rawValue }
            XCTAssertEqual(actual.count, expected.count, "\(name): \(kind.rawValue) events \(actual)")
            for (event, line) in zip(actual, expected) {
                compare(event, line, scenario: name)
            }
        }
        var forbidden: [TimelineEvent.Kind] = [.conflict, .captureGap]
        if !interference { forbidden.append(.silence) }
        for kind in forbidden {
            XCTAssertEqual(run.of(kind), [], "\(name): unexpected \(kind.rawValue)")
        }
    }

    private func compare(_ event: TimelineEvent, _ line: [String: Any], scenario: String) {
        let label = "\(scenario): \(line["event"] ?? "?") \(line["because"] ?? "")"
        if let vr = line["vr"] as? [String: Any] {
            XCTAssertEqual(event.vr.map { Int($0.vrid) }, vr["vrid"] as? Int, label)
            XCTAssertEqual(event.vr?.family.rawValue, vr["family"] as? String, label)
            XCTAssertNil(event.vr?.vlan, label)
        }
        if let router = line["router"] as? String { XCTAssertEqual(event.router?.description, router, label) }
        if let routers = line["routers"] as? [String] {
            let actual = Set((event.routers ?? []).map(\.description))
            if event.kind == .collision {
                XCTAssertTrue(actual.count >= 2 && actual.isSubset(of: Set(routers)), "\(label): \(actual)")
            } else {
                XCTAssertEqual(actual, Set(routers), label)
            }
        }
        within(Double(event.ts) / 1e9, line["ts_min"], line["ts_max"], "\(label) ts")
        switch event.detail {
        case .master(let change):
            XCTAssertEqual(change.cause.rawValue, line["cause"] as? String, label)
            XCTAssertEqual(change.previous?.description, line["previous"] as? String, label)
            if line.keys.contains("gap_s") && line["gap_s"] is NSNull { XCTAssertNil(change.gap, label) }
            if line["gap_s_min"] != nil || line["gap_s_max"] != nil {
                guard let gap = change.gap else { return XCTFail("\(label): no gap") }
                within(Double(gap) / 1e9, line["gap_s_min"], line["gap_s_max"], "\(label) gap")
            }
        case .priority(let change):
            XCTAssertEqual(Int(change.from), line["from"] as? Int, label)
            XCTAssertEqual(Int(change.to), line["to"] as? Int, label)
        case .splitBrainEnd(_, _, let duration, _):
            within(Double(duration) / 1e9, line["duration_s_min"], line["duration_s_max"], "\(label) duration")
        case .mismatch(let mismatch):
            XCTAssertEqual(mismatch.what.rawValue, line["what"] as? String, label)
        default:
            break
        }
    }

    private func within(_ value: Double, _ low: Any?, _ high: Any?, _ label: String) {
        if let low = (low as? NSNumber)?.doubleValue { XCTAssertGreaterThanOrEqual(value, low, label) }
        if let high = (high as? NSNumber)?.doubleValue { XCTAssertLessThanOrEqual(value, high, label) }
    }

    private static func json(_ url: URL) throws -> [String: Any] { try json(Data(contentsOf: url)) }

    private static func json(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }
}
