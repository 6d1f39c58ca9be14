import Foundation
import XCTest

/// `vrrpdump --check-config` and `--what-if --config` as a user runs them on the seed's files.
final class CheckConfigCLITests: XCTestCase {
    private func seed(_ name: String) -> String { Repository.url("scripts/vrrplab/seed/\(name)").path }

    func testSeedPairPredictsMaster100Backup99() throws {
        let outcome = try VRRPDumpRunner.run(["--check-config", seed("master.conf"), seed("slave.conf")])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertTrue(outcome.stdoutLines.contains { $0.hasPrefix("VRID 51: master ") && $0.hasSuffix("master.conf VI_1 priority 100; backup \(seed("slave.conf")) VI_1 priority 99") },
                      outcome.stdoutText)
        XCTAssertTrue(outcome.stderrLines.contains("\(seed("slave.conf")):27:4: warning: (VI_1) unknown state 'SLAVE', defaulting to BACKUP"), outcome.stderrText)
        XCTAssertTrue(outcome.stderrLines.contains("    fix: router_id LVS_DEVEL"))
    }

    func testPortCheckVariantWithSlavePredictsSplitBrainAndFails() throws {
        let outcome = try VRRPDumpRunner.run(["--check-config", seed("master-with-port-checks.conf"), seed("slave.conf")])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertTrue(outcome.stdoutLines.contains { $0.hasPrefix("VRID 51: split brain") }, outcome.stdoutText)
        XCTAssertTrue(outcome.stderrText.contains("error: VRID 51: authentication differs"))
    }

    func testStrictFailsOnKeepalivedsSilentDegradations() throws {
        XCTAssertEqual(try VRRPDumpRunner.run(["--check-config", seed("master.conf")]).status, 0)
        XCTAssertEqual(try VRRPDumpRunner.run(["--check-config", "--strict", seed("master.conf")]).status, 1)
    }

    func testJSONIsOneObjectPerFileThenThePair() throws {
        let outcome = try VRRPDumpRunner.run(["--check-config", "--json", seed("master.conf"), seed("slave.conf")])
        XCTAssertEqual(outcome.stdoutLines.count, 3)
        let pair = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdoutLines[2].utf8)) as? [String: Any])
        XCTAssertEqual((pair["verdicts"] as? [String])?.count, 2)
    }

    func testRefusedConstructsNameTheirLine() throws {
        let scratch = try ScratchDirectory("check-config")
        let file = scratch.file("k.conf")
        try Data("global_defs {\n  vrrp_strict\n}\n@node1 priority 100\n".utf8).write(to: file)
        let outcome = try VRRPDumpRunner.run(["--check-config", file.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderrText.contains("\(file.path):2:3: error: 'vrrp_strict'"), outcome.stderrText)
        XCTAssertTrue(outcome.stderrText.contains("\(file.path):4:1: error: '@' conditional lines"), outcome.stderrText)
    }

    /// An address on another interface than the instance's (`dev X`) shows where it goes.
    func testAnAddressOnItsOwnInterfaceShowsIt() throws {
        let scratch = try ScratchDirectory("check-config")
        let file = try AddressDeviceFile.write(in: scratch)
        let outcome = try VRRPDumpRunner.run(["--check-config", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertTrue(outcome.stdoutLines.contains("    virtual addresses: 192.0.2.223/24, 192.0.2.9 dev vrrpdump-no1"), outcome.stdoutText)
    }

    /// "Had slave.conf's router been on this segment": the seed-verbatim recording (the seed's pair,
    /// master 192.0.2.111 resigning at 4.8 s) with slave.conf's instance as the extra router.
    func testWhatIfWithTheSlaveConf() throws {
        let capture = try XCTUnwrap(Repository.files(in: "captures/scenarios/seed-verbatim") { $0.hasPrefix("capture.pcap") }.first)
        let outcome = try VRRPDumpRunner.run(["-r", capture.path, "--what-if", "--config", seed("slave.conf"), "--time", "relative"])
        XCTAssertEqual(outcome.status, 0, outcome.summary)
        XCTAssertTrue(outcome.stdoutLines.contains { $0.contains("master 192.0.2.254 prio 99 (resigned from 192.0.2.111") }, outcome.stdoutText)
        let both = try VRRPDumpRunner.run(["-r", capture.path, "--what-if", "--config", seed("slave.conf"), "--vrid", "51", "--priority", "9"])
        XCTAssertEqual(both.status, 64)
    }
}
