import Foundation
import XCTest

/// `vrrpdump --check-config --json` against keepalived 2.2.7 itself, on the seed's three files and 29
/// mutations of them: keepalived runs each file in a namespace of its own (`scripts/vrrplab/kadump.py`:
/// `-d` dumps the parsed configuration, the interfaces the file names exist there as veths) and the
/// normalised fields must be equal; every line keepalived's log and `keepalived -t` complain about must
/// carry a vrrpdump diagnostic at that line with keepalived's own wording.
final class KeepalivedComparisonTests: XCTestCase {
    /// (name, seed file, edits applied in order).
    static let cases: [(String, String, [(String, String)])] = {
        let fixedScripts = [("script\"", "script \"")]
        let trueScripts = [("script\"</dev/tcp/127.0.0.1/80\"", "script \"/bin/true\""),
                           ("script\"</dev/tcp/127.0.0.1/3306\"", "script \"/bin/false\"")]
        return [
            ("master", "master.conf", []),
            ("slave", "slave.conf", []),
            ("port-checks", "master-with-port-checks.conf", []),
            ("m-router-id", "master.conf", [("router_idLVS_DEVEL", "router_id LVS_DEVEL")]),
            ("m-auth-fixed", "master.conf", [("auth_typePASS", "auth_type PASS")]),
            ("s-all-fixed", "slave.conf", [("state SLAVE", "state BACKUP"), ("auth_typePASS", "auth_type PASS"), ("auth_pass1111", "auth_pass 1111")]),
            ("s-priority-0", "slave.conf", [("priority 99#", "priority 0#")]),
            ("s-priority-256", "slave.conf", [("priority 99#", "priority 256#")]),
            ("m-advert-3", "master.conf", [("advert_int 1#", "advert_int 3#")]),
            ("m-nopreempt", "master.conf", [("    state MASTER", "    state BACKUP\n    nopreempt\n    preempt_delay 5")]),
            ("p-scripts-spaced", "master-with-port-checks.conf", fixedScripts),
            ("p-scripts-true", "master-with-port-checks.conf", trueScripts),
            ("p-weight-glued", "master-with-port-checks.conf", trueScripts + [("weight -2                       #", "weight-2 #")]),
            ("p-interval-glued", "master-with-port-checks.conf", trueScripts + [("interval 1                      # check every second\n\n       weight -2                   #", "interval1\n       weight -2 #")]),
            ("m-long-password", "master.conf", [("auth_typePASS", "auth_type PASS"), ("auth_pass 1111", "auth_pass 1111222233")]),
            ("m-more-vips", "master.conf", [("192.168.1.223#", "192.168.1.223/24\n        192.168.1.224 dev eno16777736\n        300.1.1.1\n        #")]),
            ("m-vip-unknown-word", "master.conf", [("192.168.1.223#", "192.168.1.223 foo#")]),
            ("m-vip-dev-missing", "master.conf", [("192.168.1.223#", "192.168.1.223\n        192.168.1.224 dev\n        #")]),
            ("m-unknown-block", "master.conf", [("    priority 100#", "    foo_bar {\n      x 1\n    }\n    priority 90#")]),
            ("s-state-lowercase", "slave.conf", [("state SLAVE", "state master")]),
            ("m-unicast", "master.conf", [("    state MASTER", "    state MASTER\n    unicast_src_ip 192.0.2.10\n    unicast_peer {\n      192.0.2.11\n      192.0.2.12\n    }")]),
            ("s-garp", "slave.conf", [("advert_int 1", "advert_int 1\n   garp_master_delay 2\n   garp_master_repeat 3\n   garp_master_refresh 60")]),
            ("m-global-garp", "master.conf", [("router_idLVS_DEVEL", "router_id LVS_DEVEL\n   vrrp_garp_master_delay 7\n   vrrp_garp_master_repeat 2")]),
            ("p-track-weight", "master-with-port-checks.conf", trueScripts + [("chk_mysql_port\n\n   }", "chk_mysql_port weight 10\n\n   }")]),
            ("p-rise-fall", "master-with-port-checks.conf", trueScripts + [("interval 1  ", "rise 3\n  fall 2\n  timeout 2\n  interval 4  ")]),
            ("m-comment-bang", "master.conf", [("priority 100#", "priority 100!bang"), ("virtual_router_id 51#", "virtual_router_id 52 #")]),
            ("s-no-accept", "slave.conf", [("advert_int 1", "advert_int 1\n   no_accept")]),
            ("m-quoted-keyword", "master.conf", [("    priority 100#", "    \"priority\" \"101\"#")]),
            ("s-track-missing", "slave.conf", [("   advert_int 1", "   advert_int 1\n   track_script {\n     chk_none\n   }")]),
            ("m-v3-half-second", "master.conf", [("    state MASTER", "    state MASTER\n    version 3"), ("advert_int 1#", "advert_int 0.5#")]),
            ("p-sync-group-weights", "master-with-port-checks.conf", trueScripts + [("chk_mysql_port\n\n   }", "chk_mysql_port weight 0\n\n   }"),
                                                                                   ("vrrp_instance VI_1", "vrrp_sync_group G {\n  group {\n    VI_1\n  }\n}\nvrrp_instance VI_1")]),
            ("m-ipv6-v3-global", "master.conf", [("192.168.1.223#", "fe80::223/64\n        2001:db8::223#"), ("advert_int 1#", "advert_int 0.25#"),
                                                  ("auth_pass 1111", ""), ("router_idLVS_DEVEL", "router_id X\n  vrrp_version 3")]),
        ]
    }()

    func testEffectiveConfigurationAndDiagnosticsMatchKeepalived() throws {
        guard ProcessRunner.isRoot else { throw XCTSkip("not root: keepalived's dump needs a network namespace") }
        guard ProcessRunner.which("keepalived") != nil else { throw XCTSkip("keepalived is not installed: run scripts/bootstrap --test") }
        let python = try XCTUnwrap(ProcessRunner.which("python3"))
        let keepalivedBinary = try XCTUnwrap(ProcessRunner.which("keepalived"))
        let scratch = try ScratchDirectory("keepalived-compare")
        var paths: [String] = []
        for (name, seed, edits) in Self.cases {
            var text = try String(contentsOf: Repository.url("scripts/vrrplab/seed/\(seed)"), encoding: .utf8)
            for (from, to) in edits {
                XCTAssertTrue(text.contains(from), "\(name): '\(from)' not in \(seed)")
                text = text.replacingOccurrences(of: from, with: to)
            }
            let file = scratch.file("\(name).conf")
            try Data(text.utf8).write(to: file)
            paths.append(file.path)
        }
        XCTAssertGreaterThanOrEqual(paths.count, 23)
        let dump = try ProcessRunner.run(python, [Repository.url("scripts/vrrplab/kadump.py").path] + paths, timeout: 600)
        XCTAssertTrue(dump.succeeded, dump.summary)
        let keepalived = try XCTUnwrap(JSONSerialization.jsonObject(with: dump.stdout) as? [String: Any])
        for path in paths {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let ours = try VRRPDumpRunner.run(["--check-config", "--json", path])
            let lines = ours.stdoutLines
            XCTAssertEqual(lines.count, 1, "\(name): \(ours.summary)")
            let mine = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
            let theirs = try XCTUnwrap(keepalived[path] as? [String: Any], name)
            compareInstances(mine, theirs, name)
            compareScripts(mine, theirs, name)
            compareDiagnostics(mine, theirs["log"] as? [String] ?? [], name)
            // `keepalived -t` checks the file without running it; its complaints must be there too.
            let test = try ProcessRunner.run(keepalivedBinary, ["-t", "-f", path], timeout: 30)
            compareDiagnostics(mine, test.stderrLines.filter { $0.hasPrefix("(") }, "\(name) (-t)")
        }
    }

    /// The pair check's prediction against the real thing: both files run as two keepalived routers on
    /// one segment (`kadump.py --pair`: two namespaces, a veth between them) for 9 s, and the states
    /// their logs settle in must be the predicted ones: master.conf MASTER / slave.conf BACKUP, and both
    /// MASTER for the port-check variant with slave.conf (different authentication and address).
    func testPairPredictionsHoldWithKeepalived() throws {
        guard ProcessRunner.isRoot else { throw XCTSkip("not root: the pair runs in network namespaces") }
        guard ProcessRunner.which("keepalived") != nil else { throw XCTSkip("keepalived is not installed: run scripts/bootstrap --test") }
        let python = try XCTUnwrap(ProcessRunner.which("python3"))
        let master = Repository.url("scripts/vrrplab/seed/master.conf").path
        let ports = Repository.url("scripts/vrrplab/seed/master-with-port-checks.conf").path
        let slave = Repository.url("scripts/vrrplab/seed/slave.conf").path
        for (a, b, expected) in [(master, slave, ["MASTER", "BACKUP"]), (ports, slave, ["MASTER", "MASTER"])] {
            let check = try VRRPDumpRunner.run(["--check-config", a, b])
            let verdict = try XCTUnwrap(check.stdoutLines.first { $0.hasPrefix("VRID 51: ") }, check.stdoutText)
            let predicted = verdict.hasPrefix("VRID 51: split brain") ? ["MASTER", "MASTER"] : ["MASTER", "BACKUP"]
            XCTAssertEqual(predicted, expected, verdict)
            XCTAssertTrue(verdict.contains("split brain") || verdict.hasPrefix("VRID 51: master \(a) VI_1"), verdict)
            let run = try ProcessRunner.run(python, [Repository.url("scripts/vrrplab/kadump.py").path, "--pair", a, b], timeout: 60)
            XCTAssertTrue(run.succeeded, run.summary)
            let states = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdout) as? [String: String], run.stdoutText)
            XCTAssertEqual([states[a], states[b]], expected.map { Optional($0) }, "keepalived's own states for \(a) + \(b)")
        }
    }

    private static let instanceFields = ["name", "state", "interface", "vrid", "priority", "version", "advertIntervalCentiseconds",
                                         "authentication", "password", "virtualAddresses", "unicastPeers", "preempt", "accept",
                                         "garpMasterDelay", "garpMasterRepeat", "garpMasterRefresh"]

    private func compareInstances(_ mine: [String: Any], _ theirs: [String: Any], _ name: String) {
        let a = mine["instances"] as? [[String: Any]] ?? [], b = theirs["instances"] as? [[String: Any]] ?? []
        XCTAssertEqual(a.count, b.count, "\(name): instance count")
        for (x, y) in zip(a, b) {
            for field in Self.instanceFields {
                XCTAssertEqual(Self.text(x[field]), Self.text(y[field]), "\(name): \(x["name"] ?? "?").\(field)")
            }
            XCTAssertEqual(Self.tracks(x["trackScripts"]), Self.tracks(y["trackScripts"]), "\(name): trackScripts")
        }
    }

    private func compareScripts(_ mine: [String: Any], _ theirs: [String: Any], _ name: String) {
        let a = mine["scripts"] as? [[String: Any]] ?? [], b = theirs["scripts"] as? [[String: Any]] ?? []
        XCTAssertEqual(a.map { Self.text($0["name"]) }, b.map { Self.text($0["name"]) }, "\(name): surviving vrrp_scripts")
        for (x, y) in zip(a, b) {
            for field in ["intervalSeconds", "timeoutSeconds", "weight", "rise", "fall"] {
                XCTAssertEqual(Self.text(x[field]), Self.text(y[field]), "\(name): \(x["name"] ?? "?").\(field)")
            }
        }
    }

    /// keepalived's "(file: Line N) message" lines, except those about interfaces of this host.
    private func compareDiagnostics(_ mine: [String: Any], _ theirs: [String], _ name: String) {
        let ours = (mine["diagnostics"] as? [[String: Any]] ?? []).map { (($0["line"] as? Int) ?? 0, ($0["message"] as? String) ?? "") }
        for entry in theirs {
            guard let close = entry.firstIndex(of: ")"), let lineText = entry[..<close].split(separator: " ").last,
                  let line = Int(lineText) else { continue }
            let message = entry[entry.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if message.contains("doesn't exist") && message.contains("interface") { continue }
            XCTAssertTrue(ours.contains { $0.0 == line && $0.1.hasPrefix(message) },
                          "\(name): keepalived says '\(entry)', vrrpdump has \(ours.filter { $0.0 == line })")
        }
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "null"
        case let a as [Any]: a.map { text($0) }.joined(separator: ",")
        // Both sides come through the same JSONSerialization, so numbers and booleans print alike.
        case let v?: String(describing: v)
        }
    }

    private static func tracks(_ value: Any?) -> [String] {
        (value as? [[String: Any]] ?? []).map { "\(text($0["name"])) \(text($0["weight"]))" }
    }
}
