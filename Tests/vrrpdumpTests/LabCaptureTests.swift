import Foundation
import XCTest

/// The seed's keepalived pair in network namespaces, captured live by `vrrpdump -i` while the master
/// is stopped and restarted: what vrrpdump decodes must be what the routers were configured to send.
final class LabCaptureTests: XCTestCase {
    struct Scenario: Decodable {
        struct Router: Decodable {
            struct Auth: Decodable {
                let type: String
                let password: String?
            }
            let name: String
            let ip: String
            let mac: String
            let priority: Int
            let advertInt: Double
            let version: Int
            let vrid: Int
            let vips: [String]
            let auth: Auth?
        }
        let name: String
        let routers: [Router]
    }

    func testSeedFailoverCapturedLiveMatchesConfiguration() throws {
        let (run, scenario, scratch) = try runLab("seed-failover")
        defer { _ = scratch }
        let records = try DumpRecord.decodeLines(Data(contentsOf: run.appendingPathComponent("vrrpdump.jsonl")),
                                                 source: "vrrpdump.jsonl")
        let byIP = Dictionary(uniqueKeysWithValues: scenario.routers.map { ($0.ip, $0) })

        var advertsFrom: [String: Int] = [:]
        var resignations: [String: Int] = [:]
        for record in records {
            guard let vrrp = record.vrrp, let source = record.ip?.src else { continue }
            let router = try XCTUnwrap(byIP[source], "advert from unknown router \(source)")
            advertsFrom[source, default: 0] += 1
            XCTAssertEqual(vrrp.version, router.version)
            XCTAssertEqual(vrrp.vrid, router.vrid)
            XCTAssertEqual(vrrp.intervalCs, Int(router.advertInt * 100))
            XCTAssertEqual(vrrp.addrs, router.vips)
            XCTAssertEqual(vrrp.checksum, "valid")
            XCTAssertEqual(record.ip?.ttl, 255)
            XCTAssertEqual(record.srcMac, router.mac)
            if router.auth?.type == "PASS" {
                XCTAssertEqual(vrrp.authType, 1)
                XCTAssertEqual(vrrp.auth, router.auth?.password)
            }
            if vrrp.priority == 0 { resignations[source, default: 0] += 1 } else { XCTAssertEqual(vrrp.priority, router.priority) }
        }
        for router in scenario.routers { XCTAssertGreaterThan(advertsFrom[router.ip] ?? 0, 2, "adverts from \(router.name)") }
        // The graceful stop of the master sends priority 0 (RFC 3768 §6.4.3).
        XCTAssertGreaterThanOrEqual(resignations[scenario.routers[0].ip] ?? 0, 1)

        // Every gratuitous ARP announces a virtual address with the sender's own MAC.
        let garps = records.compactMap(\.arp).filter(\.gratuitous)
        XCTAssertGreaterThanOrEqual(garps.count, 10, "each takeover sends a burst of gratuitous ARPs")
        let macs = Set(scenario.routers.map(\.mac))
        for garp in garps {
            XCTAssertTrue(scenario.routers[0].vips.contains(garp.senderIp), garp.senderIp)
            XCTAssertTrue(macs.contains(garp.senderMac ?? ""), garp.senderMac ?? "nil")
        }
        // The capture written alongside (-w) holds the same packets.
        let written = try VRRPDumpRunner.records(of: run.appendingPathComponent("capture.pcap"))
        XCTAssertEqual(written.records.count, records.count)

        try checkTimelineAgainstRouterLogs(run: run, scenario: scenario)
    }

    /// Crash (no priority 0: master-down by timer), split brain, a chain of failures, IPv6, and FRR's
    /// vrrpd with keepalived in one group: the live timeline follows the routers' own account.
    func testLiveTimelinesFollowTheRoutersLogs() throws {
        for name in ["crash-failover", "split-brain", "three-routers", "v3-ipv6", "frr-interop"] {
            // Debian's frr package keeps its daemons out of PATH.
            if name == "frr-interop", !FileManager.default.isExecutableFile(atPath: "/usr/lib/frr/vrrpd") {
                print("SKIP: frr-interop: FRR's vrrpd is not installed (run scripts/bootstrap --test)")
                continue
            }
            let (run, scenario, scratch) = try runLab(name)
            defer { _ = scratch }
            let records = try DumpRecord.decodeLines(Data(contentsOf: run.appendingPathComponent("vrrpdump.jsonl")),
                                                     source: "\(name)/vrrpdump.jsonl")
            XCTAssertFalse(records.isEmpty, name)
            try checkTimelineAgainstRouterLogs(run: run, scenario: scenario)
            // Only the nftables block splits the brain; failovers and preemptions must not look like one.
            let timeline = String(decoding: try Data(contentsOf: run.appendingPathComponent("timeline.jsonl")), as: UTF8.self)
            let splits = timeline.split(separator: "\n").filter { $0.contains("\"event\":\"split-brain\"") }.count
            XCTAssertEqual(splits, name == "split-brain" ? 1 : 0, "\(name): split-brain events in \(timeline)")
        }
    }

    /// Runs a lab scenario with vrrpdump capturing live; the scratch directory must outlive the checks.
    private func runLab(_ name: String) throws -> (URL, Scenario, ScratchDirectory) {
        guard ProcessRunner.isRoot else { throw XCTSkip("the namespace lab needs root (ip netns, keepalived)") }
        for tool in ["keepalived", "ip", "nft"] where ProcessRunner.which(tool) == nil {
            throw XCTSkip("\(tool) is not installed: run scripts/bootstrap --test")
        }
        let vrrpdump = try VRRPDumpRunner.executable()
        let scratch = try ScratchDirectory("lab")
        let run = scratch.file(name)
        let outcome = try ProcessRunner.run(
            Repository.url("scripts/lab"),
            ["run", name, "--out", run.path, "--capture", "vrrpdump", "--vrrpdump", vrrpdump.path, "-q"],
            timeout: 180)
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertFalse(outcome.timedOut, outcome.summary)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let scenario = try decoder.decode(Scenario.self, from: Data(contentsOf: run.appendingPathComponent("scenario.json")))
        return (run, scenario, scratch)
    }

    /// The live `--timeline` instance's master sequence must be the order in which the routers logged
    /// becoming master (one-second timestamps, so order and closeness are compared), and a
    /// replay of the written capture must tell the same story. The log lines are read by `lab events`,
    /// as `lab verify` reads them: only those before the harness's "capture stopped" marker count, since
    /// stopping the routers afterwards makes a backup take over within the same second.
    private func checkTimelineAgainstRouterLogs(run: URL, scenario: Scenario) throws {
        let live = try masterEvents(Data(contentsOf: run.appendingPathComponent("timeline.jsonl")))
        let replay = try VRRPDumpRunner.run(["-r", run.appendingPathComponent("capture.pcap").path, "--timeline", "--json"])
        XCTAssertEqual(replay.status, 0, replay.summary)
        XCTAssertEqual(try masterEvents(replay.stdout).map(\.router), live.map(\.router), "\(scenario.name): live and replayed timelines differ")

        let events = try ProcessRunner.run(Repository.url("scripts/lab"), ["events", run.path], timeout: 30)
        XCTAssertTrue(events.succeeded, events.summary)
        let logged = try events.stdoutLines.map { try JSONDecoder().decode(LogEvent.self, from: Data($0.utf8)) }
            .filter { $0.kind == "master" }.map { (time: $0.ts, router: $0.router) }
        XCTAssertEqual(live.count, logged.count, "\(scenario.name): master events \(live) vs the routers' logs \(logged)")
        // Pair the k-th master event of a router with its k-th log line.
        var nth: [String: Int] = [:]
        var previousLogTime = -Double.infinity
        for event in live {
            let k = nth[event.router, default: 0]
            nth[event.router] = k + 1
            let times = logged.filter { $0.router == event.router }.map(\.time).sorted()
            guard k < times.count else { return XCTFail("\(event.router) became master \(k + 1) times, its log says \(times.count)") }
            XCTAssertGreaterThanOrEqual(times[k], previousLogTime, "order differs from the routers' logs at \(event)")
            XCTAssertEqual(event.ts, times[k], accuracy: 2.0, "\(event) is far from its router's log line")
            previousLogTime = times[k]
        }
    }

    /// A state change a router logged (`scripts/lab events`).
    private struct LogEvent: Decodable {
        let ts: Double
        let router: String
        let kind: String
    }

    private struct MasterEvent: Decodable {
        let ts: Double
        let event: String
        let router: String?
    }

    private func masterEvents(_ data: Data) throws -> [(ts: Double, router: String)] {
        try ProcessOutcome.lines(String(decoding: data, as: UTF8.self)).compactMap { line in
            let event = try JSONDecoder().decode(MasterEvent.self, from: Data(line.utf8))
            guard event.event == "master", let router = event.router else { return nil }
            return (event.ts, router)
        }
    }
}
