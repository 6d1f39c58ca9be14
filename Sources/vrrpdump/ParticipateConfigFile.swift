import Codec
import Engine
import EngineHost
import KeepalivedConfig

/// `--participate --config FILE [--instance NAME] [--strict]`: the file, read at start and again on SIGHUP.
struct ParticipateConfigFile {
    /// What a load gives: the file as read, a router per instance run, and the sync groups' own notify
    /// scripts (by group name).
    struct Loaded {
        let configuration: KeepalivedConfiguration
        let routers: [ParticipateRouter]
        let groupNotifiers: [String: Notifier]
    }

    let path: String
    let instance: String?
    let strict: Bool

    /// Every instance of the file (or the one named) as keepalived 2.2.7 would run it, or nil
    /// after printing why: the file's diagnostics come first, its errors refusing the run; `strict`
    /// refuses any warning too. Then how each tracked vrrp_script will run (`KeepalivedScripts`: one
    /// check per script, shared by the instances tracking it; on a reload a check of `running` whose
    /// settings did not change is kept).
    func load(reusing running: [CheckCommand] = []) -> Loaded? {
        guard let configuration = KeepalivedFile.read(path, strict: strict) else { return nil }
        let name = instance
        let instances = configuration.instances.filter { name == nil || $0.name == name }
        if instances.isEmpty {
            _ = fail(PlainError(message: name.map { "\(path): no vrrp_instance \($0)" } ?? "\(path): no vrrp_instance"))
            return nil
        }
        var routers: [ParticipateRouter] = []
        var scripts = KeepalivedScripts(reusing: running)
        for instance in instances {
            let placeholder: IPAddress = instance.isIPv6 ? .v6(IPv6Address(high: 0xFE80_0000_0000_0000, low: 1)) : .v4(IPv4Address(192, 0, 2, 1))
            do throws(RouterConfigMappingError) {
                let config = try instance.routerConfig(primaryAddress: placeholder, global: configuration.global)
                // The reader reports an instance without an interface as an error, so there is one here.
                routers.append(ParticipateRouter(instance: instance.name, interface: instance.interface ?? "",
                                                 config: config, trackedInterfaces: Self.trackedInterfaces(of: instance),
                                                 addressDevices: instance.addressDevices, addressLabels: instance.addressLabels, checks: scripts.checks(for: instance, in: configuration),
                                                 notifier: scripts.notifier(for: instance, global: configuration.global)))
            } catch {
                _ = fail(PlainError(message: "\(path): \(error)"))
                return nil
            }
        }
        var groupNotifiers: [String: Notifier] = [:]
        let names = Set(instances.map(\.name))
        for group in configuration.syncGroups where !names.isDisjoint(with: group.members) {
            groupNotifiers[group.name] = scripts.notifier(for: group, global: configuration.global)
        }
        for line in scripts.lines + scripts.sharing + scripts.securityViolation(configuration.global) { printError("\(path): \(line)") }
        if scripts.failed {
            _ = fail(PlainError(message: "\(path): errors above"))
            return nil
        }
        return Loaded(configuration: configuration, routers: routers, groupNotifiers: groupNotifiers)
    }

    /// `track_interface`, then the interfaces of addresses with their own `dev` that it does not
    /// name, each a fault while down (weight 0), as keepalived 2.2.7 follows them.
    static func trackedInterfaces(of instance: VRRPInstance) -> [TrackedInterface] {
        let named = instance.trackInterfaces.map { TrackedInterface($0.name, weight: $0.weight) }
        return named + instance.addressTrackedInterfaces.filter { device in !named.contains { $0.name == device } }
            .map { TrackedInterface($0) }
    }
}
