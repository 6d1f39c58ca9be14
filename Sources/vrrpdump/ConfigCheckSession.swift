import KeepalivedConfig
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// `--check-config FILE...`: each file read as keepalived 2.2.7 reads it, its diagnostics on standard
/// error (compiler-style), the effective instances on standard output, then, with several files, the
/// check of the routers against each other. No network.
struct ConfigCheckSession {
    let files: [String]
    let json: Bool
    /// `--strict`: a warning fails the check too.
    let strict: Bool

    /// 0 when the files can run (and, with several, work together); 1 on any error (or warning with --strict).
    func run() -> Int32 {
        var out = OutputBuffer(fd: STDOUT_FILENO, lineBuffered: false)
        var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
        let printer = KeepalivedConfigPrinter()
        var routers: [PairCheck.Router] = []
        var failed = false
        do {
            for file in files {
                let (configuration, diagnostics) = ConfigReader.read(file, files: LocalConfigFiles())
                failed = failed || diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
                for d in diagnostics { try printer.printDiagnostic(d, to: &err) }
                if json {
                    try printer.printJSON(configuration, file: file, diagnostics: diagnostics, to: &out)
                } else {
                    try printer.printText(configuration, file: file, to: &out)
                }
                routers.append(PairCheck.Router(file: file, configuration: configuration))
            }
            if routers.count > 1 {
                let check = PairCheck(routers)
                failed = failed || check.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
                for d in check.diagnostics { try printer.printDiagnostic(d, to: &err) }
                if json {
                    try printer.printJSON(check, to: &out)
                } else {
                    for verdict in check.verdicts {
                        out.append(verdict)
                        try out.endLine()
                    }
                }
            }
            try out.flush()
        } catch {
            return fail(error)
        }
        return failed ? 1 : 0
    }
}
