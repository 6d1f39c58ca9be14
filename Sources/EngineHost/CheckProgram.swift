#if canImport(Glibc)
import Glibc
#endif

/// What a check runs. keepalived 2.2.7 executes a script's first word directly when it is an executable
/// file (looked up on PATH when it has no `/`), by its real path, which is also its argv[0] (`/bin/sh`
/// runs as `/usr/bin/sh` on a merged-/usr system: seen in the lab); only a script that is not an
/// executable file goes through `/bin/sh -c` with the whole line (on Debian that is dash: no `/dev/tcp`).
public enum CheckProgram: Sendable, Hashable, CustomStringConvertible {
    case exec(path: String, arguments: [String])
    case shell(String)

    /// keepalived's choice for a script's words, on this host's file system.
    public static func keepalived(_ words: [String], searchPath: String = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        -> CheckProgram {
        guard let first = words.first else { return .shell("") }
        let candidates = first.contains("/") ? [first] : searchPath.split(separator: ":").map { "\($0)/\(first)" }
        for candidate in candidates where isExecutableFile(candidate) {
            let path = realPath(candidate)
            return .exec(path: path, arguments: [path] + words.dropFirst())
        }
        return .shell(words.joined(separator: " "))
    }

    /// The program and its argv, with `extra` appended: as arguments of an executable; for the shell,
    /// to the line, as keepalived appends `notify`'s arguments to the command it hands to the shell.
    func argv(appending extra: [String] = []) -> (path: String, arguments: [String]) {
        switch self {
        case .exec(let path, let arguments): (path, arguments + extra)
        case .shell(let line): ("/bin/sh", ["/bin/sh", "-c", ([line] + extra.map(Self.shellQuoted)).joined(separator: " ")])
        }
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    public var description: String {
        switch self {
        case .exec(_, let arguments): arguments.joined(separator: " ")
        case .shell(let line): line
        }
    }

    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
