import Foundation
@testable import EngineHost
import XCTest

/// How keepalived 2.2.7 starts a script, and the checks of `enable_script_security`, on real files.
final class CheckProgramTests: XCTestCase {
    /// By its path with the directories resolved, also its argv[0]: keepalived 2.2.7 runs `/bin/sh` as
    /// `/usr/bin/sh` on Debian 12 (not `/usr/bin/dash`). A script quoted whole is split again.
    func testExecutableFileRunsDirectlyAfterAPathSearch() {
        XCTAssertEqual(CheckProgram.keepalived(["true"]), .exec(path: "/usr/bin/true", arguments: ["/usr/bin/true"]))
        let bin = URL(fileURLWithPath: "/bin").resolvingSymlinksInPath().path
        XCTAssertEqual(CheckProgram.keepalived(["/bin/bash", "-c", "</dev/tcp/127.0.0.1/80"]),
                       .exec(path: bin + "/bash", arguments: [bin + "/bash", "-c", "</dev/tcp/127.0.0.1/80"]))
        XCTAssertEqual(CheckProgram.keepalived(["/bin/sh -c 'echo $0 \"a b\"' x"]),
                       .exec(path: bin + "/sh", arguments: [bin + "/sh", "-c", "echo $0 \"a b\"", "x"]))
    }

    /// The seed's check is no file: /bin/sh -c, which on Debian is dash, where it fails even with a listener.
    func testAnythingElseGoesThroughTheShell() throws {
        XCTAssertEqual(CheckProgram.keepalived(["</dev/tcp/127.0.0.1/80"]), .shell("</dev/tcp/127.0.0.1/80"))
        XCTAssertEqual(CheckProgram.keepalived(["nosuchprogram", "x"]), .shell("nosuchprogram x"))
        let check = CheckCommand(.init(name: "seed", program: .keepalived(["</dev/tcp/127.0.0.1/1"]), interval: 1_000_000_000,
                                       timeout: 1_000_000_000))
        XCTAssertEqual(try run(check), false)
    }

    func testRunsAsTheScriptUser() throws {
        guard getuid() == 0, let nobody = ScriptUser.named("nobody") else { throw XCTSkip("needs root and the user nobody") }
        let check = CheckCommand(.init(name: "id", program: .keepalived(["/bin/sh", "-c", "test $(id -u) = \(nobody.uid)"]),
                                       interval: 1_000_000_000, timeout: 1_000_000_000, user: nobody))
        XCTAssertEqual(try run(check), true)
    }

    func testScriptSecurityRefusesWhatANonRootUserCanChange() throws {
        guard getuid() == 0 else { throw XCTSkip("the files must be root's") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("check-program-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(directory.path, 0o755)
        let script = directory.appendingPathComponent("check.sh").path
        XCTAssertTrue(FileManager.default.createFile(atPath: script, contents: Data("#!/bin/sh\nexit 0\n".utf8)))
        chmod(script, 0o755)
        XCTAssertNil(ScriptSecurity.unsafeComponent(of: script), "root's file in root's directories (/tmp is sticky)")
        chmod(script, 0o777)
        XCTAssertEqual(ScriptSecurity.unsafeComponent(of: script), script, "world-writable")
        chmod(script, 0o755)
        chmod(directory.path, 0o777)
        XCTAssertEqual(ScriptSecurity.unsafeComponent(of: script), directory.path, "its directory world-writable")
        chmod(directory.path, 0o755)
        chown(script, 65534, 65534)
        XCTAssertEqual(ScriptSecurity.unsafeComponent(of: script), script, "owned by a non-root user")
    }

    /// Polls until the check decided (at most 5 s).
    private func run(_ check: CheckCommand) throws -> Bool? {
        var now: Int64 = 0
        _ = check.poll(now: now)
        for _ in 0..<500 {
            usleep(10_000)
            now += 10_000_000
            if let verdict = check.poll(now: now) { return verdict }
        }
        return nil
    }
}
