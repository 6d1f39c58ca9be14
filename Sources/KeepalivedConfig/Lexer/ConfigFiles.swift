/// How the reader gets at files: the CLI passes the real file system, tests pass strings.
public protocol ConfigFiles {
    /// The whole text of `path`; throws when it cannot be read.
    func contents(of path: String) throws -> String
    /// The regular files matching a shell glob (keepalived's `include`), sorted as glob(3) sorts them.
    func glob(_ pattern: String) -> [String]
}
