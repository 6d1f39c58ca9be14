import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Live capture under load (issue 8), in a veth pair inside a network namespace of the test's own:
/// tcpreplay sends 400,000 generated frames (9 in 10 TCP, the rest VRRP/ARP/NA) at 200,000 packets/s
/// into one end, vrrpdump captures on the other, in each output mode, and the kernel drops none. Then
/// a flood of forged adverts at 100,000 packets/s stays within the flood bounds live.
final class LiveLoadTests: XCTestCase {
    static let frames = 400_000
    static let rate = 200_000

    /// A veth pair, both ends up, inside `namespace`.
    private func vethPair(in namespace: TestNamespace) throws {
        let ip = try XCTUnwrap(ProcessRunner.which("ip"))
        for arguments in [["link", "add", "va", "type", "veth", "peer", "name", "vb"],
                          ["link", "set", "va", "up"], ["link", "set", "vb", "up"]] {
            let outcome = try ProcessRunner.run(ip, ["-n", namespace.name] + arguments, timeout: 10)
            guard outcome.succeeded else { throw XCTSkip("cannot make a veth pair in \(namespace.name): \(outcome.summary)") }
        }
    }

    /// tcpreplay, run inside the namespace on its end `va` (never on an interface of the machine).
    private func replay(_ capture: URL, packetsPerSecond: Int, in namespace: TestNamespace) throws -> ProcessOutcome {
        let tcpreplay = try PeerTool.require("tcpreplay", purpose: "the live load test")
        let exec = namespace.exec
        // Preloaded and sent 20 at a time: tcpreplay then reaches the rate on a busy machine too.
        return try ProcessRunner.run(exec.wrapper, exec.arguments + [tcpreplay.url.path, "--pps=\(packetsPerSecond)",
                                                                      "--pps-multi=20", "--preload-pcap", "-i", "va",
                                                                      capture.path], timeout: 120)
    }

    /// The high-water mark of a process's resident memory, in KiB.
    private func peakMemory(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "")
    }

    func testNoKernelDropsAt200kPacketsPerSecondInEveryMode() throws {
        let namespace = try TestNamespace()
        _ = try PeerTool.require("tcpreplay", purpose: "the live load test")
        try vethPair(in: namespace)
        let scratch = try ScratchDirectory("load")
        let mixed = try GeneratedCapture.make(.mixed, packets: Self.frames, in: scratch)
        // What vrrpdump's selection keeps of the file: every one must arrive live.
        let read = try VRRPDumpRunner.run(["-r", mixed.path, "-c", "1"], timeout: 60)
        XCTAssertTrue(read.succeeded, read.summary)
        let file = try VRRPDumpRunner.run(["-r", mixed.path, "--timeline"], timeout: 300)
        let relevant = try XCTUnwrap(RunStatistics(file.stderrText)?.packets, file.stderrText)
        XCTAssertGreaterThan(relevant, Self.frames / 20)

        for mode in [[], ["--json"], ["--timeline"], ["--timeline", "--json"]] {
            let label = "vrrpdump -i vb \(mode.joined(separator: " "))"
            // It stops by itself once every relevant packet arrived; a drop leaves it waiting.
            let child = try VRRPDumpRunner.start(in: namespace, ["-i", "vb", "-c", String(relevant)] + mode,
                                                 discardStdout: true)
            defer { if child.isRunning { child.send(signal: SIGKILL) } }
            usleep(1_000_000)
            XCTAssertTrue(child.isRunning, "\(label) ended by itself")
            let sent = try replay(mixed, packetsPerSecond: Self.rate, in: namespace)
            XCTAssertTrue(sent.succeeded, sent.summary)
            // A debug build prints slower than packets arrive: give it time to catch up.
            let complete = child.wait(until: { !child.isRunning }, timeout: 30)
            if !complete { child.send(signal: SIGINT) }
            let outcome = child.finish(timeout: 10)
            XCTAssertTrue(outcome.succeeded, "\(label): \(outcome.summary)")
            let statistics = try XCTUnwrap(RunStatistics(outcome.stderrText), "\(label): \(outcome.stderrText)")
            let rate = sent.stdoutLines.first { $0.contains("Rated:") } ?? sent.stdoutText
            XCTAssertEqual(statistics.droppedByKernel, 0, "\(label): kernel drops at \(rate)")
            XCTAssertEqual(statistics.packets, relevant, "\(label): packets captured (\(rate))")
            XCTAssertTrue(complete, "\(label): did not receive every relevant packet (\(rate)): \(outcome.stderrText)")
        }
    }

    /// The flood's bounds hold live: forged adverts at 100,000 packets/s, the timeline's memory stays
    /// within 64 MiB, and one flood finding per VRID is printed when the run stops.
    func testFloodBoundsHoldLive() throws {
        let namespace = try TestNamespace()
        _ = try PeerTool.require("tcpreplay", purpose: "the live flood test")
        try vethPair(in: namespace)
        let scratch = try ScratchDirectory("live-flood")
        let flood = try GeneratedCapture.make(.flood, packets: FloodTests.packets, in: scratch)
        let child = try VRRPDumpRunner.start(in: namespace, ["-i", "vb", "--timeline"])
        defer { if child.isRunning { child.send(signal: SIGKILL) } }
        usleep(1_000_000)
        let idle = peakMemory(of: child.process.processIdentifier)
        let sent = try replay(flood, packetsPerSecond: 100_000, in: namespace)
        XCTAssertTrue(sent.succeeded, sent.summary)
        usleep(1_000_000)
        // `ip netns exec` replaced itself with vrrpdump: the child's PID is vrrpdump's.
        let peak = peakMemory(of: child.process.processIdentifier)
        child.send(signal: SIGTERM)
        let outcome = child.finish(timeout: 10)
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        // The whole process, binary and 16 MiB capture ring included, stays within the bound.
        print("live flood: idle \(idle ?? 0) KiB, peak \(peak ?? 0) KiB")
        XCTAssertLessThanOrEqual(try XCTUnwrap(peak), FloodTests.memoryBoundKiB, "peak RSS of the live flood")
        let lines = outcome.stdoutLines
        XCTAssertLessThan(lines.count, 10_000)
        XCTAssertGreaterThan(lines.filter { $0.contains(": flood ") }.count, 200, "flood findings at the end")
    }
}
