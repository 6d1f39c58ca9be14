import Foundation
import XCTest
@testable import KeepalivedConfig

/// Every keyword vrrpdump reads, ignores or refuses is one keepalived 2.2.7 knows in that block:
/// `keepalived -t` on a file holding just that keyword must not call it unknown. (Anything else is an
/// unknown keyword for both.)
final class KeywordTablesTests: XCTestCase {
    func testEveryListedKeywordIsKnownToKeepalived() throws {
        let keepalived = ["/usr/sbin/keepalived", "/usr/local/sbin/keepalived"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let keepalived else { throw XCTSkip("keepalived is not installed: run scripts/bootstrap --test") }
        let contexts: [(String, [String], (String) -> String)] = [
            ("global_defs", KeywordTables.globalKnown + Array(KeywordTables.globalRefused), { "global_defs {\n  \($0) 1\n}\n" }),
            ("vrrp_script", KeywordTables.scriptKnown, { "vrrp_script s {\n  \($0) 1\n}\n" }),
            ("vrrp_instance", KeywordTables.instanceKnown, { "vrrp_instance V {\n  \($0) 1\n}\n" }),
            ("authentication", KeywordTables.authenticationKnown, { "vrrp_instance V {\n  authentication {\n    \($0) 1\n  }\n}\n" }),
            ("vrrp_sync_group", KeywordTables.syncGroupKnown, { "vrrp_sync_group G {\n  \($0) 1\n}\n" }),
            ("top level", KeywordTables.topKnown, { "\($0) 1\n" }),
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keywords-\(UUID().uuidString).conf")
        defer { try? FileManager.default.removeItem(at: file) }
        var checked = 0
        for (block, keywords, text) in contexts {
            for keyword in Set(keywords) {
                try Data(text(keyword).utf8).write(to: file)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: keepalived)
                process.arguments = ["-t", "-f", file.path]
                let pipe = Pipe()
                process.standardError = pipe
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertFalse(output.contains("Unknown keyword '\(keyword)'"), "\(block): keepalived 2.2.7 does not know \(keyword)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
