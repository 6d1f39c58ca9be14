import KeepalivedConfig
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// `--config FILE [--instance NAME]`: the one keepalived instance a run uses, read as keepalived 2.2.7
/// reads it. Its diagnostics go to standard error; errors (or an instance that cannot be chosen) stop the run.
struct KeepalivedInstanceChoice {
    let instance: VRRPInstance
    let global: GlobalDefinitions

    var vrid: UInt8? { instance.vrid.flatMap { UInt8(exactly: $0) } }

    /// nil after printing why on standard error.
    static func load(_ path: String, instance name: String?) -> KeepalivedInstanceChoice? {
        let (configuration, diagnostics) = ConfigReader.read(path, files: LocalConfigFiles())
        var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
        let printer = KeepalivedConfigPrinter()
        for d in diagnostics { try? printer.printDiagnostic(d, to: &err) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            _ = fail(Problem.errors(path))
            return nil
        }
        let candidates = configuration.instances.filter { name == nil || $0.name == name }
        guard candidates.count == 1, let chosen = candidates.first else {
            _ = fail(name == nil ? Problem.choose(path, configuration.instances.map(\.name)) : Problem.missing(path, name ?? ""))
            return nil
        }
        if !chosen.trackScripts.isEmpty || !chosen.trackInterfaces.isEmpty {
            err.append("vrrpdump: \(path): (\(chosen.name)) track_script/track_interface are not replayed: the virtual router keeps priority \(chosen.priority)")
            try? err.endLine()
        }
        return KeepalivedInstanceChoice(instance: chosen, global: configuration.global)
    }

    enum Problem: Error, CustomStringConvertible {
        case errors(String)
        case choose(String, [String])
        case missing(String, String)

        var description: String {
            switch self {
            case .errors(let path): "\(path): errors above; vrrpdump does not run a file it cannot read as keepalived does"
            case .choose(let path, let names):
                names.isEmpty ? "\(path): no vrrp_instance" : "\(path): several instances (\(names.joined(separator: ", "))): name one with --instance"
            case .missing(let path, let name): "\(path): no vrrp_instance \(name)"
            }
        }
    }
}
