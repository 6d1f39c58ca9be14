import Foundation
import XCTest

/// What ships beside the binary: alerting rules (promtool), the man page (in step with --help),
/// shell completions and systemd units (systemd-analyze).
final class PackagingTests: XCTestCase {
    private func require(_ tool: String) throws -> URL {
        guard let url = ProcessRunner.which(tool) else {
            throw XCTSkip("\(tool) is not installed: run scripts/bootstrap --test")
        }
        return url
    }

    func testAlertingRulesPassPromtool() throws {
        let promtool = try require("promtool")
        let check = try ProcessRunner.run(promtool, ["check", "rules", Repository.url("packaging/vrrpdump.rules.yml").path])
        XCTAssertTrue(check.succeeded, check.summary + check.stdoutText + check.stderrText)
        // promtool resolves rule_files relative to the test file.
        let unit = try ProcessRunner.run(promtool, ["test", "rules", Repository.url("packaging/vrrpdump.rules.test.yml").path])
        XCTAssertTrue(unit.succeeded, unit.summary + unit.stdoutText + unit.stderrText)
    }

    private struct Help: Decodable {
        struct Command: Decodable { let arguments: [Argument] }
        struct Argument: Decodable {
            struct Name: Decodable { let kind: String; let name: String }
            let names: [Name]?
            let abstract: String?
            let valueName: String?
            let kind: String
            let shouldDisplay: Bool
        }
        let command: Command
    }

    /// Every option `--help` shows is in packaging/vrrpdump.8 with the same help text: regenerate it
    /// with scripts/man after changing an option.
    func testManPageFollowsHelp() throws {
        let dump = try VRRPDumpRunner.run(["--experimental-dump-help"])
        XCTAssertTrue(dump.succeeded, dump.summary)
        let help = try JSONDecoder().decode(Help.self, from: dump.stdout)
        let page = try String(contentsOf: Repository.url("packaging/vrrpdump.8"), encoding: .utf8)
        XCTAssertTrue(page.contains(".Dt VRRPDUMP 8"))
        XCTAssertFalse(page.contains(".Ar subcommand"), "vrrpdump has no subcommands")
        var checked = 0
        for argument in help.command.arguments where argument.shouldDisplay && argument.kind != "positional" {
            let name = try XCTUnwrap(argument.names?.first)
            let flag = name.kind == "short" ? "Fl \(name.name)" : "Fl -\(name.name)"
            XCTAssertTrue(page.contains(".It \(flag)"), "\(flag) is missing from the man page: run scripts/man")
            if let abstract = argument.abstract, !abstract.isEmpty {
                XCTAssertTrue(page.contains(abstract), "\(flag): the man page's text differs from --help (\(abstract)): run scripts/man")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
        if let man = ProcessRunner.which("man") {
            let rendered = try ProcessRunner.run(man, ["-l", "-P", "cat", Repository.url("packaging/vrrpdump.8").path])
            XCTAssertTrue(rendered.succeeded, rendered.summary)
            XCTAssertTrue(rendered.stdoutText.contains("metrics"), rendered.stdoutText)
        }
    }

    func testCompletionScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try VRRPDumpRunner.run(["--generate-completion-script", shell])
            XCTAssertTrue(script.succeeded, "\(shell): \(script.summary)")
            // fish names long options without their dashes (-l 'metrics').
            for option in ["metrics", "timeline"] {
                XCTAssertTrue(script.stdoutText.contains(shell == "fish" ? "-l '\(option)'" : "--\(option)"),
                              "\(shell) completion lacks --\(option)")
            }
            // Syntax, where the shell is here to check it.
            guard let interpreter = ProcessRunner.which(shell) else { continue }
            let scratch = try ScratchDirectory("completion")
            let file = try scratch.write(Array(script.stdout), named: "vrrpdump.\(shell)")
            let parsed = try ProcessRunner.run(interpreter, shell == "fish" ? ["--no-execute", file.path] : ["-n", file.path])
            XCTAssertTrue(parsed.succeeded, "\(shell) -n: \(parsed.summary) \(parsed.stderrText)")
        }
    }

    /// `systemd-analyze verify` on both units, their ExecStart pointed at the built binary and the man
    /// page reachable through MANPATH (verify runs `man` for Documentation=); the sensor's exposure
    /// as `systemd-analyze security --offline=yes` rates it stays "OK" (below 2.0 of 10).
    func testSystemdUnitsVerify() throws {
        let analyze = try require("systemd-analyze")
        let scratch = try ScratchDirectory("units")
        let man8 = scratch.url.appendingPathComponent("man/man8")
        try FileManager.default.createDirectory(at: man8, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.url("packaging/vrrpdump.8"), to: man8.appendingPathComponent("vrrpdump.8"))
        let binary = try VRRPDumpRunner.executable().path
        for unit in ["vrrpdump@.service", "vrrpdump-engine@.service"] {
            let text = try String(contentsOf: Repository.url("packaging/systemd/\(unit)"), encoding: .utf8)
            XCTAssertTrue(text.contains("ExecStart=/usr/bin/vrrpdump "), unit)
            try text.replacingOccurrences(of: "/usr/bin/vrrpdump", with: binary)
                .write(to: scratch.url.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["MANPATH"] = scratch.url.appendingPathComponent("man").path
        let instances = ["vrrpdump@eth0.service", "vrrpdump-engine@eth0.service"].map { scratch.url.appendingPathComponent($0).path }
        let verify = try ProcessRunner.run(analyze, ["verify"] + instances, environment: environment)
        XCTAssertTrue(verify.succeeded && verify.stderrText.isEmpty, verify.summary + verify.stderrText)
        let security = try ProcessRunner.run(analyze, ["security", "--offline=yes", instances[0]], environment: environment)
        let exposure = security.stdoutText.components(separatedBy: "Overall exposure level for vrrpdump@eth0.service: ").last?
            .split(separator: " ").first.flatMap { Double($0) }
        XCTAssertLessThan(try XCTUnwrap(exposure, security.stdoutText), 2.0, security.stdoutText)
    }
}
