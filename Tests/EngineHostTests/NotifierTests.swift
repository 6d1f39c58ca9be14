@testable import EngineHost
import XCTest

/// keepalived's notify scripts: the state's own with no arguments, then `notify` with
/// INSTANCE NAME STATE PRIORITY; Initialize (stopping) is STOP.
final class NotifierTests: XCTestCase {
    func testEveryStateEnteredRunsItsScriptThenNotify() throws {
        let launcher = RecordingLauncher()
        let scripts = Notifier.Scripts(master: .shell("master"), backup: .shell("backup"), stop: .shell("stop"),
                                       notify: .exec(path: "/usr/local/bin/notify", arguments: ["notify"]))
        let node = FakeNode(priority: 150, notifier: Notifier(instance: "VI_1", scripts: scripts, user: nil, launcher: launcher))
        try node.runtime.start()
        node.advance(4)
        node.runtime.stop()
        XCTAssertEqual(launcher.launched.map(\.program.description),
                       ["backup", "notify", "master", "notify", "stop", "notify"])
        XCTAssertEqual(launcher.launched.map(\.extra), [
            [], ["INSTANCE", "VI_1", "BACKUP", "150"], [], ["INSTANCE", "VI_1", "MASTER", "150"],
            [], ["INSTANCE", "VI_1", "STOP", "150"],
        ])
    }

    func testAFaultWithoutItsOwnScriptStillRunsNotify() throws {
        let launcher = RecordingLauncher()
        let node = FakeNode(priority: 150, notifier: Notifier(instance: "VI_1", scripts: .init(notify: .shell("n")), user: nil,
                                                              launcher: launcher))
        try node.runtime.start()
        node.advance(4)
        node.monitor.events = [.link(index: 2, up: false)]
        node.advance(0.01)
        XCTAssertEqual(launcher.launched.last?.extra, ["INSTANCE", "VI_1", "FAULT", "150"])
    }

    /// Appended to a shell line quoted, so a name with a space or quote stays one argument.
    func testShellLinesGetTheArgumentsQuoted() {
        XCTAssertEqual(CheckProgram.shell("echo").argv(appending: ["INSTANCE", "it's"]).arguments,
                       ["/bin/sh", "-c", "echo 'INSTANCE' 'it'\\''s'"])
    }
}
