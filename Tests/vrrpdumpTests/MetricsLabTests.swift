import Foundation
import XCTest

/// `--metrics` scraped by a real Prometheus: the lab (`scripts/lab run ... --metrics`) runs a private
/// Prometheus on 127.0.0.1 in its observer namespace, scraping the live `--timeline --metrics`
/// instance every second through a keepalived crash and preemption, and stops it by PID. Its query
/// API must tell the same master changes as that instance's timeline.
final class MetricsLabTests: XCTestCase {
    private struct Sample: Decodable {
        let metric: [String: String]
        let value: [AnyScalar]?
        let values: [[AnyScalar]]?
    }

    /// Prometheus's `[time, "value"]` pairs mix a number and a string.
    private struct AnyScalar: Decodable {
        let number: Double
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) {
                number = value
            } else {
                number = Double(try container.decode(String.self)) ?? .nan
            }
        }
    }

    private struct Recorded: Decodable {
        let master_changes: [Sample]?
        let master_info: [Sample]?
        let last_change: [Sample]?
        let up: [Sample]?
    }

    private struct TimelineLine: Decodable {
        let ts: Double?
        let event: String
        let router: String?
        let cause: String?
    }

    func testPrometheusSeesTheTimelinesMasterChanges() throws {
        guard ProcessRunner.isRoot else { throw XCTSkip("the namespace lab needs root (ip netns, keepalived)") }
        for tool in ["keepalived", "prometheus", "promtool", "curl"] where ProcessRunner.which(tool) == nil {
            throw XCTSkip("\(tool) is not installed: run scripts/bootstrap --test")
        }
        let scratch = try ScratchDirectory("metrics-lab")
        let run = scratch.url.appendingPathComponent("crash-failover")
        let outcome = try ProcessRunner.run(
            Repository.url("scripts/lab"),
            ["run", "crash-failover", "--out", run.path, "--capture", "vrrpdump", "--vrrpdump",
             try VRRPDumpRunner.executable().path, "--metrics", "-q"],
            timeout: 240)
        XCTAssertEqual(outcome.status, 0, outcome.summary)

        let timeline = try ProcessOutcome.lines(String(decoding: Data(contentsOf: run.appendingPathComponent("timeline.jsonl")), as: UTF8.self))
            .map { try JSONDecoder().decode(TimelineLine.self, from: Data($0.utf8)) }
            .filter { $0.event == "master" }
        XCTAssertEqual(timeline.map(\.cause), ["initial", "master-down", "preempted"], "the scenario's story")
        let recorded = try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: run.appendingPathComponent("prometheus.json")))
        XCTAssertEqual(recorded.up?.first?.value?.last?.number, 1, "Prometheus scraped the sensor")

        // Changes by cause: the counters' last values against the timeline's events.
        var counted: [String: Int] = [:]
        for sample in recorded.master_changes ?? [] {
            counted[sample.metric["cause"] ?? "?"] = Int(sample.value?.last?.number ?? -1)
            XCTAssertEqual(sample.metric["interface"], "eth0")
            XCTAssertEqual(sample.metric["vrid"], "51")
        }
        XCTAssertEqual(counted, Dictionary(timeline.map { ($0.cause ?? "?", 1) }, uniquingKeysWith: +))

        // The master over time, as Prometheus stored it, scrape by scrape: the same sequence of
        // routers, and never two at one instant.
        var byTime: [Double: [String]] = [:]
        for sample in recorded.master_info ?? [] {
            for point in sample.values ?? [] where point.last?.number == 1 {
                byTime[point.first?.number ?? 0, default: []].append(sample.metric["router"] ?? "?")
            }
        }
        XCTAssertTrue(byTime.values.allSatisfy { $0.count == 1 }, "two masters at one instant: \(byTime)")
        var sequence: [String] = []
        for time in byTime.keys.sorted() where sequence.last != byTime[time]?.first {
            sequence.append(byTime[time]?.first ?? "?")
        }
        XCTAssertEqual(sequence, timeline.compactMap(\.router))

        let last = try XCTUnwrap(recorded.last_change?.first?.value?.last?.number)
        XCTAssertEqual(last, try XCTUnwrap(timeline.last?.ts), accuracy: 0.001)

        // The scrape itself passes Prometheus's own linter.
        let check = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "promtool check metrics < '\(run.appendingPathComponent("metrics.txt").path)'"])
        XCTAssertTrue(check.succeeded, check.summary + check.stdoutText + check.stderrText)
        XCTAssertTrue(try String(contentsOf: run.appendingPathComponent("metrics.txt"), encoding: .utf8)
            .contains("vrrpdump_capture_packets_received_total{interface=\"eth0\"} "))
    }
}
