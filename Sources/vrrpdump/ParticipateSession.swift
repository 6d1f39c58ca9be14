import Codec
import ElectionModel
import Engine
import EngineHost
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// One `--participate` run: the flags as a `RouterConfig`, the OS edges, and the node's loop.
struct ParticipateSession {
    let interface: String
    var config: RouterConfig
    let trackedInterfaces: [String]
    let checks: [CheckCommand]
    let force: Bool
    /// `--use-vmac`: the addresses on a macvlan with the virtual MAC (`VirtualMACInterface`).
    let useVirtualMAC: Bool
    let json: Bool
    let timestamps: TimestampFormat

    /// Returns the exit status: 0 after a clean stop; 1 after one error line (nothing changed when it
    /// happened before joining) or a refusal to join.
    func run() -> Int32 {
        let missing = Capabilities.missing()
        if !missing.isEmpty { return fail(HostError.missingCapabilities(missing)) }
        do throws(HostError) {
            // Signals are blocked first, so a SIGTERM during setup still goes through the clean stop.
            let signals = try SignalSource()
            let netlink = try RouteNetlink()
            let link = try netlink.link(named: interface)
            var config = config
            config.primaryAddress = try primaryAddress(on: link, netlink: netlink)
            if let problem = validationProblem(config) { return fail(problem) }
            let vr = VirtualRouterID(segment: Segment(interface: interface, vlan: nil), family: config.family, vrid: config.vrid)
            let output = ParticipateOutput(fd: STDOUT_FILENO, json: json, timestamps: timestamps, vr: vr)
            let vmac = useVirtualMAC
                ? VirtualMACInterface(parent: link, vrid: config.vrid, ipv6: config.family == .ipv6, netlink: netlink,
                                      store: OwnershipFile(path: OwnershipRecord.path(interface: "\(interface)-vmac", vrid: config.vrid)))
                : nil
            for text in try vmac?.cleanUpKilledRun() ?? [] { output.note(text, at: wallClockNanoseconds()) }
            let virtualLink = try vmac?.create()
            defer {
                for failure in vmac?.remove() ?? [] { output.note("cleaning up \(vmac?.name ?? ""): \(failure)", at: wallClockNanoseconds()) }
            }
            if let vmac, vmac.strictReversePath {
                output.note("rp_filter is strict (1) for \(vmac.name): the kernel drops traffic for the VIPs from senders it routes via \(interface); set it to 2 (loose) if that matters (not changed by vrrpdump)",
                            at: wallClockNanoseconds())
            }
            let receiving = try VRRPSocket(interface: interface, interfaceIndex: link.index, source: config.sourceAddress)
            var transport: any VRRPTransport = receiving
            if let virtualLink {
                let sending = try VRRPSocket(interface: virtualLink.name, interfaceIndex: virtualLink.index,
                                             source: config.sourceAddress, joinsGroup: false)
                transport = SplitTransport(receiving: receiving, sending: sending)
            }
            let host = HostEffects(
                transport: transport,
                announcer: try PacketSocket(interfaceIndex: virtualLink?.index ?? link.index),
                addresses: netlink, monitor: try LinkMonitor(), signals: signals, clock: MonotonicClock(),
                ownership: OwnershipFile(path: OwnershipRecord.path(interface: interface, vrid: config.vrid)),
                listener: try ListenSocket(interfaceIndex: link.index))
            let runtime = NodeRuntime(config: config, host: host,
                                      options: NodeOptions(link: link, trackedInterfaces: trackedInterfaces, checks: checks,
                                                           force: force, virtualMAC: virtualLink),
                                      output: output)
            try runtime.start()
            return runtime.run()
        } catch {
            return fail(PlainError(message: "\(interface): \(error)"))
        }
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
    private func primaryAddress(on link: LinkInfo, netlink: RouteNetlink) throws(HostError) -> IPAddress {
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
