import XCTest
@testable import KeepalivedConfig

final class LexerTests: XCTestCase {
    private func lex(_ files: [String: String], _ path: String = "k.conf") -> ConfigLexer {
        var lexer = ConfigLexer(files: InMemoryFiles(files))
        lexer.read(path)
        return lexer
    }

    private func words(_ text: String) -> [[String]] { lex(["k.conf": text]).lines.map { $0.words.map(\.text) } }

    func testCommentsAnywhereOutsideQuotes() {
        XCTAssertEqual(words("priority 99#low\n! whole line\n  # too\nx \"a#b\" !c"), [["priority", "99"], ["x", "a#b"]])
        XCTAssertEqual(words("x a\\#b"), [["x", "a#b"]])
    }

    func testBracesSplitIntoTheirOwnLines() {
        XCTAssertEqual(words("authentication{\nvirtual_ipaddress { 192.0.2.1 }"),
                       [["authentication"], ["{"], ["virtual_ipaddress"], ["{"], ["192.0.2.1"], ["}"]])
        XCTAssertEqual(words("x \"{a}\" {"), [["x", "{a}"], ["{"]])
    }

    func testQuotesEndAWordAsKeepalivedDoes() {
        XCTAssertEqual(words("script\"</dev/tcp/1/80\""), [["script", "</dev/tcp/1/80"]])
        let line = lex(["k.conf": "script\"</dev/tcp/1/80\""]).lines[0]
        XCTAssertEqual(line.quotedWords, ["script</dev/tcp/1/80"])
        XCTAssertEqual(lex(["k.conf": "script \"/bin/a 'b c'\" d\\ e"]).lines[0].quotedWords, ["script", "/bin/a 'b c'", "d e"])
    }

    /// keepalived 2.2.7 `-t` says both for `state "BACKUP`, then stops at the missing parameter.
    func testUnterminatedQuote() {
        let lexer = lex(["k.conf": "x 1\n  state \"BACKUP\n"])
        XCTAssertEqual(lexer.diagnostics.map(\.message), ["Unterminated quote 'state \"BACKUP'", "Unmatched quote: 'state \"BACKUP'"])
        XCTAssertEqual(lexer.lines.last?.words.map(\.text), ["state"])
    }

    /// 2.2.7 joins no lines: a trailing backslash stays in the word (keepalived then rejects `100\`).
    func testTrailingBackslashIsNotAContinuation() {
        XCTAssertEqual(words("priority 100 \\\nadvert_int 1"), [["priority", "100", "\\"], ["advert_int", "1"]])
    }

    func testColumnsAndLines() {
        let lines = lex(["k.conf": "\n\n   router_idX\n"]).lines
        XCTAssertEqual(lines[0].location(), SourceLocation(file: "k.conf", line: 3, column: 4))
    }

    func testIncludeWithGlobRelativeToTheIncludingFile() {
        let lexer = lex(["/etc/k/main.conf": "include conf.d/*.conf\nlast 1",
                         "/etc/k/conf.d/b.conf": "b 1", "/etc/k/conf.d/a.conf": "a 1", "/etc/k/conf.d/x.txt": "x 1"],
                        "/etc/k/main.conf")
        XCTAssertEqual(lexer.lines.map(\.keyword), ["a", "b", "last"])
        XCTAssertEqual(lexer.lines[0].file, "/etc/k/conf.d/a.conf")
        XCTAssertTrue(lexer.diagnostics.isEmpty)
        let none = lex(["k.conf": "include nothing/*.conf"])
        XCTAssertEqual(none.diagnostics.first?.message, "No config files matched 'nothing/*.conf'.")
    }

    func testRefusesConditionalsDefinitionsAndSequences() {
        let lexer = lex(["k.conf": "@r1 priority 100\n$PRIO=100\npriority $PRIO\n~SEQ(i,1,3) x $i\nscript \"$_PWD/x\"\nok 1"])
        XCTAssertEqual(lexer.diagnostics.map { $0.location?.line }, [1, 2, 4, 5])
        XCTAssertTrue(lexer.diagnostics.allSatisfy { $0.severity == .error })
        // `$PRIO` with its definition refused stays literal, as keepalived would leave an undefined name.
        XCTAssertEqual(lexer.lines.map(\.keyword), ["priority", "ok"])
    }
}
