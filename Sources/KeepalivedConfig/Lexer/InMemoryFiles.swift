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
