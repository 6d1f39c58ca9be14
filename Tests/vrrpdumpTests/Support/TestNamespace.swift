import Foundation
import XCTest

/// A network namespace of the test's own (only its loopback, brought up), deleted on deinit: live
/// captures in tests never open an interface of the machine itself.
final class TestNamespace {
    let name: String
    private let ip: URL

    /// Skips the test (with the reason printed) when not root or `ip` is missing.
    init() throws {
        guard ProcessRunner.isRoot else {
            print("SKIP: not root: a test network namespace needs CAP_SYS_ADMIN")
            throw XCTSkip("not root: a test network namespace needs CAP_SYS_ADMIN")
        }
        guard let ip = ProcessRunner.which("ip") else {
            print("SKIP: ip (iproute2) is not installed")
            throw XCTSkip("ip (iproute2) is not installed: run scripts/bootstrap --test")
        }
        self.ip = ip
        name = "vdtest-\(getpid())-\(UUID().uuidString.prefix(8))"
        let added = try ProcessRunner.run(ip, ["netns", "add", name], timeout: 10)
        guard added.succeeded else { throw XCTSkip("ip netns add \(name) failed: \(added.summary)") }
        let up = try ProcessRunner.run(ip, ["-n", name, "link", "set", "lo", "up"], timeout: 10)
        XCTAssertTrue(up.succeeded, up.summary)
    }

    deinit { _ = try? ProcessRunner.run(ip, ["netns", "delete", name], timeout: 10) }

    /// `ip netns exec` replaces itself with the command, so signals sent to the child reach it.
    var exec: (wrapper: URL, arguments: [String]) { (ip, ["netns", "exec", name]) }
}
