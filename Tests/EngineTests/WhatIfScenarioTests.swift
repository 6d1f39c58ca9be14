import Codec
import ElectionModel
import Foundation
import Sniffer
import XCTest
@testable import Engine

/// What-if replays of the lab's scenario captures (real keepalived and FRR). The expectations come
/// from the RFC timers (computed here by hand) and the scenarios' `actions.jsonl`, never from
/// vrrpdump's output.
final class WhatIfScenarioTests: XCTestCase {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../captures/scenarios").standardized

    func frames(_ name: String) throws -> [(ts: Int64, frame: Frame)] {
        let path = Self.scenarios.appendingPathComponent(name).appendingPathComponent("capture.pcap").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no capture \(path)") }
        let capture = try CaptureFile.open(path)
        var frames: [(ts: Int64, frame: Frame)] = []
        try capture.forEach { info, bytes in
            frames.append((info.timestamp, Frame.decode(bytes, linkType: info.linkType)))
            return true
        }
        return frames
    }

    func replay(_ name: String, priority: UInt8, preempt: Bool = true) throws -> (WhatIfReplay.Result, RouterConfig, Int64) {
        let frames = try frames(name)
        var config = try XCTUnwrap(WhatIfReplay.template(vrid: 51, priority: priority, address: nil, frames: frames))
        config.preempt = preempt
        return (WhatIfReplay(config: config).run(frames), config, frames[0].ts)
    }

    func virtualMasters(_ result: WhatIfReplay.Result) -> [(ts: Int64, change: MasterChange)] {
        result.lines.compactMap { line in
            guard line.isVirtual, case .event(let event) = line.what, case .master(let change) = event.detail else { return nil }
            return (line.ts, change)
        }
    }

    static let all = ["crash-failover", "frr-interop", "frr-ipv6", "frr-takeover", "interval-mismatch", "nopreempt",
                      "seed-failover", "seed-verbatim", "split-brain", "three-routers", "track-script", "v3-fast", "v3-ipv6"]

    func testBelowTheBackupsChangesNoMaster() throws {
        for name in Self.all {
            let (result, _, _) = try replay(name, priority: 1)
            XCTAssertTrue(virtualMasters(result).isEmpty, "\(name): \(virtualMasters(result).map(\.change))")
            XCTAssertNil(result.divergence, name)
            XCTAssertEqual(result.lines.filter { $0.origin == .modelled && !$0.isVirtual }, [], name)
        }
    }

    func testAboveTheMasterTakesOverOneMasterDownIntervalAfterJoining() throws {
        for name in Self.all {
            let (result, config, start) = try replay(name, priority: 120)
            let interval = Int64(config.advertInterval) * 10_000_000
            // 3 × interval + (256 − 120)/256 × (v2: 1 s, v3: interval)
            let skew = 136 * (config.version == 2 ? 1_000_000_000 : interval) / 256
            let first = try XCTUnwrap(virtualMasters(result).first, name)
            XCTAssertEqual(first.ts - start, 3 * interval + skew, name)
            XCTAssertEqual(result.divergence, first.ts, name)
            XCTAssertNotEqual(first.change.cause, .resigned, name)
        }
    }

    func testAfterAResignTakesOverOneSkewTimeAfterThePriorityZeroAdvert() throws {
        for name in ["seed-failover", "seed-verbatim", "frr-interop", "v3-fast", "v3-ipv6", "frr-ipv6"] {
            // No preempt: it follows the master (priority 100) until it resigns, then beats the backup (99).
            let (result, config, _) = try replay(name, priority: 120, preempt: false)
            let frames = try frames(name)
            let resign = try XCTUnwrap(frames.first { $0.frame.vrrp?.priority == 0 && $0.frame.vrrp?.vrid == 51 }?.ts, name)
            let interval = Int64(config.advertInterval) * 10_000_000
            let skew = 136 * (config.version == 2 ? 1_000_000_000 : interval) / 256
            let first = try XCTUnwrap(virtualMasters(result).first, name)
            XCTAssertEqual(first.change.cause, .resigned, name)
            XCTAssertEqual(first.ts, resign + skew, name)
            let outcome = try XCTUnwrap(result.outcomes.first, name)
            XCTAssertEqual(outcome.trigger, resign, name)
            // The recorded backup (priority 99) took over one of its own skew times later.
            let successorDelay = try XCTUnwrap(outcome.recordedSuccessorAt, name) - resign
            XCTAssertGreaterThan(successorDelay, skew, name)
            // After the divergence the recorded routers are modelled and every modelled line says so.
            XCTAssertTrue(result.lines.allSatisfy { $0.ts >= first.ts || $0.isVirtual }, name)
        }
    }
}
