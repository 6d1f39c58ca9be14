/// keepalived 2.2.7's `read_line` as far as vrrpdump reproduces it: physical lines, comments (`#` and `!`
/// anywhere outside double quotes, `\#`/`\!` for the literal character), double-quoted words,
/// `{`/`}` split off into lines of their own, and `include GLOB` (relative to the including file's
/// directory, matches in glob order). 2.2.7 does not join a line ending in `\` with the next one (only
/// `$NAME=` definitions continue), so the `\` stays in the last word, as keepalived leaves it.
///
/// Refused with an error naming the line, never guessed: `@id`/`@^id` conditional lines, `$NAME=`
/// definitions and `$_PWD`/`$_INSTANCE`/`$_RANDOM`/`${...}` substitutions, and `~SEQ` and other `~` lines.
public struct ConfigLexer {
    let files: any ConfigFiles
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var lines: [ConfigLine] = []
    private var includeDepth = 0

    public init(files: any ConfigFiles) { self.files = files }

    /// Reads `path` (and what it includes) into `lines`; problems go to `diagnostics`.
    public mutating func read(_ path: String) {
        do {
            let text = try files.contents(of: path)
            lex(text, file: path)
        } catch {
            diagnostics.append(Diagnostic(.error, at: nil, "cannot read \(path): \(error)"))
        }
    }

    private mutating func lex(_ text: String, file: String) {
        var number = 0
        for physical in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var raw = Substring(physical)
            while raw.last == "\r" { raw = raw.dropLast() }
            let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
            guard let cleaned = decomment(String(raw.dropFirst(indent)), file: file, line: number) else { continue }
            var pending = cleaned
            var column = indent + 1
            while !pending.isEmpty {
                let (head, residue, residueOffset) = Self.splitBrace(pending)
                handle(head, file: file, line: number, column: column)
                guard let residue else { break }
                column += residueOffset
                pending = residue
            }
        }
    }

    /// keepalived's `decomment`: leading white space, comments, `\#` unescaping, trailing white space.
    private mutating func decomment(_ line: String, file: String, line number: Int) -> String? {
        var out = ""
        var quote = false
        var chars = line[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\"" { quote.toggle() }
            if c == "\\", let next = chars.first {
                if !quote && (next == "#" || next == "!") {
                    out.append(next)
                } else {
                    out.append(c)
                    out.append(next)
                }
                chars = chars.dropFirst()
                continue
            }
            if !quote && (c == "#" || c == "!") { break }
            out.append(c)
        }
        if quote {
            diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: file, line: number, column: 1),
                                          "Unterminated quote '\(out)'", consequence: "comments are not removed from the rest of the line"))
        }
        while let last = out.last, last == " " || last == "\t" { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// keepalived splits a line at the first `{` or `}` outside quotes: text before it is one line, the
    /// brace and what follows are read as the next line(s).
    static func splitBrace(_ line: String) -> (String, String?, Int) {
        let chars = Array(line)
        if chars.first == "{" || chars.first == "}" {
            var skip = 1
            while skip < chars.count, chars[skip] == " " || chars[skip] == "\t" { skip += 1 }
            return skip < chars.count ? (String(chars[0..<1]), String(chars[skip...]), skip) : (line, nil, 0)
        }
        var i = 0
        while i < chars.count {
            if chars[i] == "\"" {
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { break }
                i = close + 1
                continue
            }
            if chars[i] == "{" || chars[i] == "}" {
                var head = String(chars[0..<i])
                while let last = head.last, last == " " || last == "\t" { head.removeLast() }
                return (head, String(chars[i...]), i)
            }
            i += 1
        }
        return (line, nil, 0)
    }

    private mutating func handle(_ text: String, file: String, line: Int, column: Int) {
        let location = SourceLocation(file: file, line: line, column: column)
        if text.hasPrefix("@") {
            diagnostics.append(Diagnostic(.error, at: location,
                "'@' conditional lines are not supported by vrrpdump",
                consequence: "keepalived keeps or drops this line depending on its -i config id; vrrpdump refuses rather than guess"))
            return
        }
        if text.hasPrefix("~") {
            diagnostics.append(Diagnostic(.error, at: location,
                "'~' lines (~SEQ) are not supported by vrrpdump",
                consequence: "keepalived expands this into a sequence of lines; vrrpdump refuses rather than guess"))
            return
        }
        if text.hasPrefix("$") || Self.substitutes(text) {
            diagnostics.append(Diagnostic(.error, at: location,
                "'$' definitions and substitutions are not supported by vrrpdump",
                consequence: "keepalived would substitute text here; vrrpdump refuses rather than guess"))
            return
        }
        let (words, unmatched) = Self.words(text, column: column)
        if unmatched {
            diagnostics.append(Diagnostic(.warning, at: location, "Unmatched quote: '\(text)'",
                                          consequence: "keepalived drops the line from the quote on"))
        }
        guard !words.isEmpty else { return }
        if words[0].text == "include" && words.count == 2 {
            include(words[1].text, from: file, at: location)
            return
        }
        lines.append(ConfigLine(file: file, line: line, words: words, text: text))
    }

    /// A `$` keepalived replaces even without definitions of the file's own: its built-in ones.
    static func substitutes(_ text: String) -> Bool {
        ["$_PWD", "$_INSTANCE", "$_RANDOM", "${"].contains { text.contains($0) }
    }

    /// keepalived's `alloc_strvec`: white-space separated words; a word starting with `"` runs to the
    /// next `"` (no escapes); an unquoted word also ends at a `"`. `unmatched`: a quote never closed
    /// (keepalived stops reading the line there).
    static func words(_ text: String, column: Int) -> (words: [ConfigLine.Word], unmatched: Bool) {
        let chars = Array(text)
        var result: [ConfigLine.Word] = []
        var i = 0
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{0B}" || c == "\u{0C}" || c == "\r" }
        while true {
            while i < chars.count, isSpace(chars[i]) { i += 1 }
            guard i < chars.count else { break }
            let start = i
            if chars[i] == "\"" {
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { return (result, true) }
                result.append(.init(text: String(chars[(i + 1)..<close]), column: column + start))
                i = close + 1
            } else {
                while i < chars.count, !isSpace(chars[i]), chars[i] != "\"" { i += 1 }
                result.append(.init(text: String(chars[start..<i]), column: column + start))
            }
        }
        return (result, false)
    }

    private mutating func include(_ pattern: String, from file: String, at location: SourceLocation) {
        guard includeDepth < 32 else {
            diagnostics.append(Diagnostic(.error, at: location, "include nesting deeper than 32 (an include loop?)"))
            return
        }
        let directory = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
        let resolved = pattern.hasPrefix("/") ? pattern : (directory == "." ? pattern : directory + "/" + pattern)
        let matches = files.glob(resolved)
        if matches.isEmpty {
            diagnostics.append(Diagnostic(.warning, at: location, "No config files matched '\(pattern)'.",
                                          consequence: "keepalived includes nothing here"))
            return
        }
        includeDepth += 1
        for match in matches { read(match) }
        includeDepth -= 1
    }
}
