import Foundation
import XCTest

/// `--participate` refuses bad flags and missing capabilities with one line, before touching anything.
final class ParticipateCLITests: XCTestCase {
    func testFlagsAreValidatedBeforeAnythingRuns() throws {
        let cases: [([String], String)] = [
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100"], "at least one --vip"),
            (["--participate", "-i", "lo", "--vrid", "51", "--vip", "192.0.2.223/24"], "--vrid and --priority"),
            (["--participate", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.223/24"], "needs -i INTERFACE"),
            (["-i", "lo", "--vip", "192.0.2.223/24"], "need --participate"),
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "2001:db8::1/64", "--auth-pass", "x"],
             "VRRPv3 has no authentication"),
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.300/24"], "not an address"),
            (["-i", "lo", "--use-vmac"], "need --participate"),
            (["-i", "lo", "--rt-priority", "10"], "need --participate"),
            (["-i", "lo", "--notify-master", "true"], "need --participate"),
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.223/24", "--rt-priority", "100"],
             "--rt-priority must be 1-99"),
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.223/24", "--garp-refresh", "0"],
             "--garp-refresh must be positive"),
            (["--participate", "-i", "lo", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.223/24", "-r", "x.pcap"],
             "no -r, -w"),
        ]
        for (arguments, message) in cases {
            let outcome = try VRRPDumpRunner.run(arguments)
            XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.summary)")
            XCTAssertTrue(outcome.stderrText.contains(message), "\(arguments): \(outcome.stderrText)")
            XCTAssertTrue(outcome.stdout.isEmpty)
        }
    }

    /// Without CAP_NET_RAW / CAP_NET_ADMIN (dropped from the bounding set by setpriv): one line naming
    /// both, exit 1. The interface does not even need to exist: nothing is opened.
    func testMissingCapabilitiesAreNamed() throws {
        guard ProcessRunner.isRoot, let setpriv = ProcessRunner.which("setpriv") else {
            throw XCTSkip("needs root and setpriv to run vrrpdump without the two capabilities")
        }
        let outcome = try VRRPDumpRunner.run(
            wrappedBy: setpriv, ["--bounding-set", "-net_raw,-net_admin"], executable: try VRRPDumpRunner.executable(),
            ["--participate", "-i", "nosuch0", "--vrid", "51", "--priority", "100", "--vip", "192.0.2.223/24"])
        XCTAssertEqual(outcome.status, 1, outcome.summary)
        XCTAssertEqual(outcome.stderrLines.filter { !$0.isEmpty },
                       ["vrrpdump: needs CAP_NET_RAW and CAP_NET_ADMIN (run as root or grant them with setcap); nothing was changed"])
    }
}
