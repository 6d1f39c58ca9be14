import Foundation
import XCTest

/// `--participate --config`: the file's diagnostics first, then refusals, all before anything is opened.
final class ParticipateConfigCLITests: XCTestCase {
    func testFlagsTheFileGivesAreRefused() throws {
        for extra in [["-i", "lo"], ["--vrid", "51"], ["--vip", "192.0.2.1/24"], ["--check", "true"], ["--notify", "true"]] {
            let outcome = try VRRPDumpRunner.run(["--participate", "--config", "k.conf"] + extra)
            XCTAssertEqual(outcome.status, 64, "\(extra): \(outcome.summary)")
            XCTAssertTrue(outcome.stderrText.contains("takes the interfaces and the instances' settings from the file"), outcome.stderrText)
        }
        let strict = try VRRPDumpRunner.run(["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.1/24", "--strict"])
        XCTAssertEqual(strict.status, 64, strict.summary)
    }

    /// The seed's slave.conf: keepalived's four warnings are printed; --strict refuses them.
    func testStrictRefusesTheSeedsWarnings() throws {
        let slave = Repository.url("scripts/vrrplab/seed/slave.conf").path
        let outcome = try VRRPDumpRunner.run(["--participate", "--config", slave, "--strict"])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        let warnings = outcome.stderrLines.filter { $0.contains(": warning: ") }
        XCTAssertEqual(warnings.count, 4, outcome.stderrText)
        XCTAssertTrue(warnings.contains { $0.contains("slave.conf:27:") && $0.contains("SLAVE") }, outcome.stderrText)
        XCTAssertEqual(outcome.stderrLines.last { !$0.isEmpty }, "vrrpdump: \(slave): warnings above (--strict)")
        XCTAssertTrue(outcome.stdout.isEmpty)
    }

    /// keepalived's `dev X` on another interface than the instance's runs; X is looked up, like the
    /// instance's interface, before anything is opened, and an unknown one is named with its instance.
    func testUnknownAddressInterfaceIsNamed() throws {
        let scratch = try ScratchDirectory("participate-config")
        let file = try AddressDeviceFile.write(in: scratch)
        guard ProcessRunner.isRoot else { throw XCTSkip("the interfaces are looked up only with CAP_NET_RAW/CAP_NET_ADMIN") }
        // Interfaces that do not exist: the run cannot touch the host.
        let outcome = try VRRPDumpRunner.run(["--participate", "--config", file.path])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertTrue(outcome.stderrText.contains("(VI_1) 192.0.2.9 dev vrrpdump-no1: no such interface: vrrpdump-no1"), outcome.stderrText)
        XCTAssertFalse(outcome.stderrText.contains("error:"), "the file itself reads: \(outcome.stderrText)")
    }

    func testUnknownInstanceAndInterfaceAreNamed() throws {
        let scratch = try ScratchDirectory("participate-config")
        let file = try scratch.write(Array("""
            vrrp_instance VI_1 {
              interface nosuch0
              virtual_router_id 51
              virtual_ipaddress { 192.0.2.223/24 }
            }
            """.utf8), named: "k.conf")
        let missing = try VRRPDumpRunner.run(["--participate", "--config", file.path, "--instance", "VI_2"])
        XCTAssertEqual(missing.status, 1, missing.summary)
        XCTAssertTrue(missing.stderrText.contains("no vrrp_instance VI_2"), missing.stderrText)
        guard ProcessRunner.isRoot else { throw XCTSkip("the interface is looked up only with CAP_NET_RAW/CAP_NET_ADMIN") }
        let outcome = try VRRPDumpRunner.run(["--participate", "--config", file.path])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertTrue(outcome.stderrText.contains("(VI_1) nosuch0: "), outcome.stderrText)
    }

    /// keepalived 2.2.7 says SECURITY VIOLATION after reading a file that runs scripts without
    /// enable_script_security (its check_vrrp_script_security), and runs them anyway: so does vrrpdump.
    func testScriptsWithoutScriptSecurityAreASecurityViolation() throws {
        let scratch = try ScratchDirectory("participate-security")
        func run(_ global: String) throws -> ProcessOutcome {
            let file = try scratch.write(Array("""
                global_defs {
                  \(global)
                }
                vrrp_instance VI_1 {
                  interface vrrpdump-no0
                  virtual_router_id 51
                  virtual_ipaddress { 192.0.2.223/24 }
                  notify_master /bin/true
                }
                """.utf8), named: "k.conf")
            return try VRRPDumpRunner.run(["--participate", "--config", file.path])
        }
        let line = "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
        let open = try run("router_id A")
        XCTAssertTrue(open.stderrText.contains("k.conf: warning: \(line) (keepalived's"), open.stderrText)
        let secured = try run("enable_script_security")
        XCTAssertFalse(secured.stderrText.contains("SECURITY VIOLATION"), secured.stderrText)
    }
}
