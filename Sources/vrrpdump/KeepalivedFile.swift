import KeepalivedConfig
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// A keepalived.conf a run uses (`--what-if --config`, `--participate --config`), read as keepalived
/// 2.2.7 reads it, its diagnostics printed on standard error first.
enum KeepalivedFile {
    /// nil after printing why: errors (vrrpdump refuses what it cannot read as keepalived does), or with
    /// `strict` any warning.
    static func read(_ path: String, strict: Bool = false) -> KeepalivedConfiguration? {
        let (configuration, diagnostics) = ConfigReader.read(path, files: LocalConfigFiles())
        var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
        let printer = KeepalivedConfigPrinter()
        for d in diagnostics { try? printer.printDiagnostic(d, to: &err) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            _ = fail(Problem.errors(path))
            return nil
        }
        if strict, diagnostics.contains(where: { $0.severity == .warning }) {
            _ = fail(Problem.warnings(path))
            return nil
        }
        return configuration
    }

    enum Problem: Error, CustomStringConvertible {
        case errors(String)
        case warnings(String)

        var description: String {
            switch self {
            case .errors(let path): "\(path): errors above; vrrpdump does not run a file it cannot read as keepalived does"
            case .warnings(let path): "\(path): warnings above (--strict)"
            }
        }
    }
}
