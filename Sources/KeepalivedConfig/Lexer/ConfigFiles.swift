/// How the reader gets at files: the CLI passes the real file system, tests pass strings.
public protocol ConfigFiles {
    /// The whole text of `path`; throws when it cannot be read.
    func contents(of path: String) throws -> String
    /// The regular files matching a shell glob (keepalived's `include`), sorted as glob(3) sorts them.
    func glob(_ pattern: String) -> [String]
}

/// Files held in memory, keyed by path; `glob` matches `*`, `?` and `[...]` within one path component.
public struct InMemoryFiles: ConfigFiles {
    public var files: [String: String]

    public init(_ files: [String: String]) { self.files = files }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): no such file" }
    }

    public func contents(of path: String) throws -> String {
        guard let text = files[path] else { throw Missing(path: path) }
        return text
    }

    public func glob(_ pattern: String) -> [String] {
        files.keys.filter { GlobPattern(pattern).matches($0) }.sorted()
    }
}

/// Shell wildcard matching as glob(3) applies it to a whole path (`/` is never matched by a wildcard).
struct GlobPattern {
    let pattern: [Character]

    init(_ text: String) { pattern = Array(text) }

    func matches(_ text: String) -> Bool { match(pattern[...], Array(text)[...]) }

    private func match(_ p: ArraySlice<Character>, _ s: ArraySlice<Character>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        switch first {
        case "*":
            var rest = s
            while true {
                if match(p.dropFirst(), rest) { return true }
                guard let c = rest.first, c != "/" else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            guard let c = s.first, c != "/" else { return false }
            return match(p.dropFirst(), s.dropFirst())
        case "[":
            guard let close = p.dropFirst().firstIndex(of: "]"), let c = s.first else { return false }
            var set = p[(p.startIndex + 1)..<close]
            let negate = set.first == "!" || set.first == "^"
            if negate { set = set.dropFirst() }
            var found = false
            var i = set.startIndex
            while i < set.endIndex {
                if i + 2 < set.endIndex, set[i + 1] == "-" {
                    if set[i] <= c && c <= set[i + 2] { found = true }
                    i += 3
                } else {
                    if set[i] == c { found = true }
                    i += 1
                }
            }
            return found != negate && match(p[(close + 1)...], s.dropFirst())
        default:
            return s.first == first && match(p.dropFirst(), s.dropFirst())
        }
    }
}
