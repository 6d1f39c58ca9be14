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
        let routers: [Router]
    }

    func testSeedFailoverCapturedLiveMatchesConfiguration() throws {
        guard ProcessRunner.isRoot else { throw XCTSkip("the namespace lab needs root (ip netns, keepalived)") }
        for tool in ["keepalived", "ip", "nft"] where ProcessRunner.which(tool) == nil {
            throw XCTSkip("\(tool) is not installed: run scripts/bootstrap --test")
        }
        let vrrpdump = try VRRPDumpRunner.executable()
        let scratch = try ScratchDirectory("lab")
        let run = scratch.file("seed-failover")
        let outcome = try ProcessRunner.run(
            Repository.url("scripts/lab"),
            ["run", "seed-failover", "--out", run.path, "--capture", "vrrpdump", "--vrrpdump", vrrpdump.path, "-q"],
            timeout: 180)
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertFalse(outcome.timedOut, outcome.summary)

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let scenario = try decoder.decode(Scenario.self, from: Data(contentsOf: run.appendingPathComponent("scenario.json")))
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
    }
}
