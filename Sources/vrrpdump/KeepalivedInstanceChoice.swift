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
        guard let configuration = KeepalivedFile.read(path) else { return nil }
        let candidates = configuration.instances.filter { name == nil || $0.name == name }
        guard candidates.count == 1, let chosen = candidates.first else {
            _ = fail(name == nil ? Problem.choose(path, configuration.instances.map(\.name)) : Problem.missing(path, name ?? ""))
            return nil
        }
        if !chosen.trackScripts.isEmpty || !chosen.trackInterfaces.isEmpty {
            var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
            err.append("vrrpdump: \(path): (\(chosen.name)) track_script/track_interface are not replayed: the virtual router keeps priority \(chosen.priority)")
            try? err.endLine()
        }
        return KeepalivedInstanceChoice(instance: chosen, global: configuration.global)
    }

    enum Problem: Error, CustomStringConvertible {
        case choose(String, [String])
        case missing(String, String)

        var description: String {
            switch self {
            case .choose(let path, let names):
                names.isEmpty ? "\(path): no vrrp_instance" : "\(path): several instances (\(names.joined(separator: ", "))): name one with --instance"
            case .missing(let path, let name): "\(path): no vrrp_instance \(name)"
            }
        }
    }
}
