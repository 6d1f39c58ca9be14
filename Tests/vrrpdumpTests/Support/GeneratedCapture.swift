import Foundation
import XCTest

/// Captures made by scripts/gen-bench-capture for a test, in its scratch directory (never committed:
/// they are tens of MB).
enum GeneratedCapture {
    enum Shape: String {
        case standard = ""
        case flood = "--flood"
        case groups = "--groups"
        case mixed = "--mixed"
    }

    static func make(_ shape: Shape, packets: Int, in scratch: ScratchDirectory) throws -> URL {
        guard let python = ProcessRunner.which("python3") else {
            throw XCTSkip("python3 is missing: scripts/gen-bench-capture needs it")
        }
        let file = scratch.url.appendingPathComponent("\(shape == .standard ? "standard" : String(shape.rawValue.dropFirst(2)))-\(packets).pcap")
        let outcome = try ProcessRunner.run(
            python, [Repository.url("scripts/gen-bench-capture").path] + (shape == .standard ? [] : [shape.rawValue])
                + [file.path, String(packets)], timeout: 300)
        guard outcome.succeeded else { throw GenerationFailed(summary: outcome.summary) }
        return file
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        let summary: String
        var description: String { "scripts/gen-bench-capture failed: \(summary)" }
    }
}

/// The closing statistics vrrpdump prints on standard error.
struct RunStatistics {
    /// "N packets read" or "N packets captured".
    let packets: Int
    /// libpcap's counters of a live capture.
    let receivedByFilter: Int?
    let droppedByKernel: Int?

    init?(_ stderr: String) {
        func number(before marker: String) -> Int? {
            guard let range = stderr.range(of: marker) else { return nil }
            let digits = stderr[..<range.lowerBound].reversed().prefix { $0.isNumber }
            return Int(String(digits.reversed()))
        }
        guard let packets = number(before: " packets read") ?? number(before: " packets captured") else { return nil }
        self.packets = packets
        receivedByFilter = number(before: " packets received by filter")
        droppedByKernel = number(before: " dropped by kernel")
    }
}
