#if canImport(Glibc)
import Glibc
#endif

/// What a check runs, as keepalived 2.2.7 runs a script (each seen in the lab):
/// - a script given as one quoted word is split again at its blanks, `'...'` and `"..."` grouping, so
///   `script "/bin/sh -c 'echo $0'"` runs `sh` itself with `-c` and `echo $0`;
/// - the first word is executed directly when it is an executable file (looked up on PATH when it has no
///   `/`), by its path with the directories' symlinks resolved, which is also its argv[0] (`/bin/sh` runs
///   as `/usr/bin/sh` on a merged-/usr system, not as `/usr/bin/dash`);
/// - only a script that is not an executable file goes through `/bin/sh -c` with the whole line (on
///   Debian that is dash: no `/dev/tcp`).
public enum CheckProgram: Sendable, Hashable, CustomStringConvertible {
    case exec(path: String, arguments: [String])
    case shell(String)

    /// keepalived's choice for a script's words, on this host's file system.
    public static func keepalived(_ words: [String], searchPath: String = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        -> CheckProgram {
        let split = words.count == 1 ? quotedWords(words[0]) : words
        guard let first = split.first else { return .shell(words.joined(separator: " ")) }
        let candidates = first.contains("/") ? [first] : searchPath.split(separator: ":").map { "\($0)/\(first)" }
        for candidate in candidates where isExecutableFile(candidate) {
            let path = resolvingDirectories(candidate)
            return .exec(path: path, arguments: [path] + split.dropFirst())
        }
        return .shell(words.joined(separator: " "))
    }

    /// keepalived's split of a script quoted whole: blanks separate words, quotes group and go.
    private static func quotedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
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

    /// The path with its directories' symlinks resolved, the file's own name kept.
    private static func resolvingDirectories(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        guard let resolved = realpath(directory, nil) else { return path }
        defer { free(resolved) }
        let real = String(cString: resolved)
        return (real == "/" ? "" : real) + path[slash...]
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
