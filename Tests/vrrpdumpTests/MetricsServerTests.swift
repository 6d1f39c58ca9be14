import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `--metrics`'s HTTP side (swift-nio's HTTP/1 server), live on the loopback of a namespace of the
/// test's own: `GET /metrics` only, and a port in use refused before any capture starts.
final class MetricsServerTests: XCTestCase {
    func testServesGetMetricsOnlyAndRefusesAPortInUse() throws {
        let namespace = try TestNamespace()
        guard let curl = ProcessRunner.which("curl") else { throw XCTSkip("curl is missing: run scripts/bootstrap --test") }
        let exec = namespace.exec
        /// The body, then a last line with the status and the content type.
        func request(_ method: String, _ path: String) throws -> ProcessOutcome {
            try ProcessRunner.run(exec.wrapper, exec.arguments + [curl.path, "-s", "-X", method, "-w", "\n%{http_code} %{content_type}",
                                                                  "http://127.0.0.1:9963\(path)"], timeout: 10)
        }
        let sensor = try VRRPDumpRunner.start(in: namespace, ["-i", "lo", "--metrics", "127.0.0.1:9963"], discardStdout: true)
        defer { if sensor.isRunning { sensor.send(signal: SIGKILL) } }
        var scrape = try request("GET", "/metrics")
        for _ in 0..<50 where !scrape.succeeded {
            usleep(100_000)
            scrape = try request("GET", "/metrics")
        }
        XCTAssertEqual(scrape.stdoutLines.last, "200 text/plain; version=0.0.4; charset=utf-8", scrape.summary)
        XCTAssertTrue(scrape.stdoutText.contains(#"vrrpdump_capture_running{interface="lo"} 1.0"#), scrape.stdoutText)
        XCTAssertEqual(try request("GET", "/").stdoutLines.last?.prefix(3), "404")
        XCTAssertEqual(try request("POST", "/metrics").stdoutLines.last?.prefix(3), "405")

        let second = try ProcessRunner.run(exec.wrapper, exec.arguments + [VRRPDumpRunner.executable().path, "-i", "lo",
                                                                           "--metrics", "127.0.0.1:9963"], timeout: 10)
        XCTAssertFalse(second.succeeded, second.summary)
        XCTAssertTrue(second.stderrText.contains("--metrics 127.0.0.1:9963: cannot listen: Address already in use"), second.stderrText)

        sensor.send(signal: SIGTERM)
        let outcome = sensor.finish(timeout: 10)
        XCTAssertTrue(outcome.succeeded, outcome.summary)
    }
}
