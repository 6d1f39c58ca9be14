import Codec
import ElectionModel
import Engine
import EngineHost
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// One `--participate` run: its routers (the flags' one, or a keepalived file's instances), the OS
/// edges they share, and the loop (`NodeHost`).
struct ParticipateSession {
    let routers: [ParticipateRouter]
    let force: Bool
    /// keepalived's vrrp_rt_priority and vrrp_no_swap.
    let realtimePriority: Int32?
    let lockMemory: Bool
    let json: Bool
    let timestamps: TimestampFormat

    /// Returns the exit status: 0 after a clean stop; 1 after one error line (nothing changed when it
    /// happened before joining) or a refusal to join.
    func run() -> Int32 {
        let missing = Capabilities.missing()
        if !missing.isEmpty { return fail(HostError.missingCapabilities(missing)) }
        // Signals are blocked first, so a SIGTERM during setup still goes through the clean stop.
        let signals: SignalSource
        let netlink: RouteNetlink
        let monitor: LinkMonitor
        do throws(HostError) {
            if lockMemory { try ProcessScheduling.lockMemory() }
            if let realtimePriority { try ProcessScheduling.realtime(priority: realtimePriority) }
            signals = try SignalSource()
            netlink = try RouteNetlink()
            monitor = try LinkMonitor()
        } catch {
            return fail(error)
        }
        let clock = MonotonicClock()
        var runtimes: [NodeRuntime] = []
        // The macvlans made for --use-vmac go when the run ends, however it ends.
        var created: [(VirtualMACInterface, ParticipateOutput)] = []
        defer {
            for (vmac, output) in created {
                for failure in vmac.remove() { output.note("cleaning up \(vmac.name): \(failure)", at: wallClockNanoseconds()) }
            }
        }
        for router in routers {
            let name = router.instance.map { "(\($0)) " } ?? ""
            do throws(HostError) {
                let link = try netlink.link(named: router.interface)
                var config = router.config
                config.primaryAddress = try primaryAddress(of: config, on: link, netlink: netlink)
                if let problem = validationProblem(config) { return fail(PlainError(message: "\(name)\(problem)")) }
                let vr = VirtualRouterID(segment: Segment(interface: link.name, vlan: nil), family: config.family, vrid: config.vrid)
                let output = ParticipateOutput(fd: STDOUT_FILENO, json: json, timestamps: timestamps, vr: vr, instance: router.instance)
                if runtimes.isEmpty, let scheduling = schedulingNote { output.note(scheduling, at: wallClockNanoseconds()) }
                let virtualLink = try virtualMAC(for: config, on: link, netlink: netlink, output: output, created: &created)
                let receiving = try VRRPSocket(interface: link.name, interfaceIndex: link.index, source: config.sourceAddress)
                var transport: any VRRPTransport = receiving
                if let virtualLink {
                    let sending = try VRRPSocket(interface: virtualLink.name, interfaceIndex: virtualLink.index,
                                                 source: config.sourceAddress, joinsGroup: false)
                    transport = SplitTransport(receiving: receiving, sending: sending)
                }
                let host = HostEffects(
                    transport: transport,
                    announcer: try PacketSocket(interfaceIndex: virtualLink?.index ?? link.index), addresses: netlink, clock: clock,
                    ownership: OwnershipFile(path: OwnershipRecord.path(interface: link.name, vrid: config.vrid)),
                    listener: try ListenSocket(interfaceIndex: link.index))
                let options = NodeOptions(link: link, trackedInterfaces: router.trackedInterfaces, checks: router.checks, force: force,
                                          virtualMAC: virtualLink)
                runtimes.append(NodeRuntime(config: config, host: host, options: options, output: output))
            } catch {
                return fail(PlainError(message: "\(name)\(router.interface): \(error)"))
            }
        }
        let node = NodeHost(runtimes: runtimes, monitor: monitor, signals: signals, clock: clock)
        do throws(HostError) {
            try node.start()
        } catch {
            return fail(PlainError(message: "\(error)"))
        }
        return node.run()
    }

    /// With `useVirtualMAC`: the macvlan carrying the virtual MAC on `link` (after removing what a killed
    /// run left), else nil.
    private func virtualMAC(for config: RouterConfig, on link: LinkInfo, netlink: RouteNetlink, output: ParticipateOutput,
                            created: inout [(VirtualMACInterface, ParticipateOutput)]) throws(HostError) -> LinkInfo? {
        guard config.useVirtualMAC else { return nil }
        let vmac = VirtualMACInterface(parent: link, vrid: config.vrid, ipv6: config.family == .ipv6, netlink: netlink,
                                       store: OwnershipFile(path: OwnershipRecord.path(interface: "\(link.name)-vmac", vrid: config.vrid)))
        for text in try vmac.cleanUpKilledRun() { output.note(text, at: wallClockNanoseconds()) }
        let virtualLink = try vmac.create()
        created.append((vmac, output))
        if vmac.strictReversePath {
            output.note("rp_filter is strict (1) for \(vmac.name): the kernel drops traffic for the VIPs from senders it routes via \(link.name); set it to 2 (loose) if that matters (not changed by vrrpdump)",
                        at: wallClockNanoseconds())
        }
        return virtualLink
    }

    private var schedulingNote: String? {
        let parts = (realtimePriority.map { ["real-time (SCHED_RR priority \($0))"] } ?? []) + (lockMemory ? ["locked in memory"] : [])
        return parts.isEmpty ? nil : "running " + parts.joined(separator: ", ")
    }

    private func validationProblem(_ config: RouterConfig) -> PlainError? {
        do throws(ConfigError) {
            try config.validate()
            return nil
        } catch {
            return PlainError(message: "\(error)")
        }
    }

    /// The interface's IPv4 address, or its IPv6 link-local one, that is none of the virtual addresses.
    private func primaryAddress(of config: RouterConfig, on link: LinkInfo, netlink: RouteNetlink) throws(HostError) -> IPAddress {
        let virtual = Set(config.virtualAddresses.map(\.address))
        let candidates = try netlink.addresses(interfaceIndex: link.index).map(\.address).filter { !virtual.contains($0) }
        let found = config.family == .ipv6
            ? candidates.first { if case .v6(let address) = $0 { address.isLinkLocal } else { false } }
            : candidates.first { !$0.isIPv6 }
        guard let found else {
            throw HostError.noSourceAddress(interface: link.name, family: config.family == .ipv6 ? "IPv6 link-local" : "IPv4")
        }
        return found
    }
}

/// An error that is only its message.
struct PlainError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
