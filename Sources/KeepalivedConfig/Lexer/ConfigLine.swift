/// One line as keepalived's parser hands it to a keyword: the words (`alloc_strvec`) and the
/// decommented text the keyword may re-read with quoting and escapes (`script`, notify commands).
public struct ConfigLine: Sendable, Hashable {
    public struct Word: Sendable, Hashable {
        public let text: String
        public let column: Int
    }

    public let file: String
    public let line: Int
    public let words: [Word]
    /// The line after comment removal and brace splitting, as keepalived's `buf_extern`.
    public let text: String

    public var keyword: String { words.first?.text ?? "" }

    public func location(word index: Int = 0) -> SourceLocation {
        SourceLocation(file: file, line: line, column: index < words.count ? words[index].column : (words.first?.column ?? 1))
    }

    /// keepalived's `alloc_strvec_quoted_escaped`: words split on white space, `"` and `'` quote,
    /// `\` escapes; a quote joins with the text around it (`script"x"` is the one word `scriptx`).
    public var quotedWords: [String] {
        var result: [String] = []
        var chars = Array(text.unicodeScalars)[...]
        while true {
            while let c = chars.first, Self.isSpace(c) { chars = chars.dropFirst() }
            guard !chars.isEmpty else { break }
            var word = String.UnicodeScalarView()
            var quote: Unicode.Scalar?
            while let c = chars.first {
                if c == "\\" {
                    chars = chars.dropFirst()
                    guard let e = chars.first else { break }
                    chars = chars.dropFirst()
                    switch e {
                    case "n": word.append("\n")
                    case "t": word.append("\t")
                    case "r": word.append("\r")
                    default: word.append(e)
                    }
                    continue
                }
                if let q = quote {
                    chars = chars.dropFirst()
                    if c == q { quote = nil } else { word.append(c) }
                    continue
                }
                if c == "\"" || c == "'" {
                    quote = c
                    chars = chars.dropFirst()
                    continue
                }
                if Self.isSpace(c) { break }
                word.append(c)
                chars = chars.dropFirst()
            }
            result.append(String(word))
        }
        return result
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}"
    }
}
