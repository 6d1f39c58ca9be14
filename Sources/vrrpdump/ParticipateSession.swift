import Codec
import ElectionModel
import Engine
import EngineHost
import KeepalivedConfig
import Printers
#if canImport(Glibc)
import Glibc
#endif

/// One `--participate` run: its routers (the flags' one, or a keepalived file's instances), the OS
/// edges they share, and the loop (`NodeHost`); with a file, SIGHUP reloads it (`ParticipateReload`).
struct ParticipateSession {
    let routers: [ParticipateRouter]
    /// With `--config`: the file and what it read, for the sync groups and SIGHUP.
    var file: ParticipateConfigFile?
    var loaded: ParticipateConfigFile.Loaded?
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
        let macvlans = Macvlans()
        defer { macvlans.removeAll() }
        let make = { (router: ParticipateRouter) throws(PlainError) -> NodeRuntime in
            try runtime(for: router, netlink: netlink, clock: clock, macvlans: macvlans)
        }
        var runtimes: [NodeRuntime] = []
        for router in routers {
            do throws(PlainError) {
                runtimes.append(try runtime(for: router, netlink: netlink, clock: clock, macvlans: macvlans,
                                            note: runtimes.isEmpty ? schedulingNote : nil))
            } catch {
                return fail(error)
            }
        }
        let node = NodeHost(runtimes: runtimes, monitor: monitor, signals: signals, clock: clock)
        if let file, let loaded {
            let running = Dictionary(uniqueKeysWithValues: zip(routers.map { $0.instance ?? "" }, runtimes))
            node.syncGroups = KeepalivedSyncGroups.runtimes(loaded, running: running)
            let reloader = ParticipateReload(file: file, loaded: loaded, running: running, make: make)
            node.reload = { [unowned node] current in
                let next = reloader.reload(current)
                node.syncGroups = reloader.syncGroups
                return next
            }
        }
        do throws(HostError) {
            try node.start()
        } catch {
            return fail(PlainError(message: "\(error)"))
        }
        return node.run()
    }

    private var schedulingNote: String? {
        let parts = (realtimePriority.map { ["real-time (SCHED_RR priority \($0))"] } ?? []) + (lockMemory ? ["locked in memory"] : [])
        return parts.isEmpty ? nil : "running " + parts.joined(separator: ", ")
    }

    /// The router's runtime on its interface: its sockets, announcer, state file and output (where
    /// `note` is said first).
    private func runtime(for router: ParticipateRouter, netlink: RouteNetlink, clock: MonotonicClock, macvlans: Macvlans,
                         note: String? = nil) throws(PlainError) -> NodeRuntime {
        let addressLinks = try addressLinks(of: router, netlink: netlink)
        do {
            let link = try netlink.link(named: router.interface)
            var config = router.config
            config.primaryAddress = try primaryAddress(of: config, on: link, netlink: netlink)
            try config.validate()
            let vr = VirtualRouterID(segment: Segment(interface: link.name, vlan: nil), family: config.family, vrid: config.vrid)
            let output = ParticipateOutput(fd: STDOUT_FILENO, json: json, timestamps: timestamps, vr: vr, instance: router.instance)
            if let note { output.note(note, at: wallClockNanoseconds()) }
            let virtualLink = config.useVirtualMAC ? try macvlans.make(for: config, on: link, netlink: netlink, output: output) : nil
            let receiving = try VRRPSocket(interface: link.name, interfaceIndex: link.index, source: config.sourceAddress)
            var transport: any VRRPTransport = receiving
            if let virtualLink {
                // Adverts leave from the macvlan (the virtual MAC); they are heard on the interface.
                let sending = try VRRPSocket(interface: virtualLink.name, interfaceIndex: virtualLink.index,
                                             source: config.sourceAddress, joinsGroup: false)
                transport = SplitTransport(receiving: receiving, sending: sending)
            }
            let host = HostEffects(
                transport: transport,
                announcer: try PacketSocket(), addresses: netlink, clock: clock,
                ownership: OwnershipFile(path: OwnershipRecord.path(interface: link.name, vrid: config.vrid)),
                listener: try ListenSocket(interfaceIndex: link.index))
            let options = NodeOptions(link: link, trackedInterfaces: router.trackedInterfaces, checks: router.checks, force: force,
                                      notifier: router.notifier, virtualMAC: virtualLink, addressLinks: addressLinks,
                                      addressLabels: router.addressLabels)
            return NodeRuntime(config: config, host: host, options: options, output: output)
        } catch let error as ConfigError {
            throw PlainError(message: "\(router.label)\(error)")
        } catch {
            throw PlainError(message: "\(router.label)\(router.interface): \(error)")
        }
    }

    /// The interfaces of the addresses that name their own (`dev X`), each looked up before anything is
    /// opened or changed.
    private func addressLinks(of router: ParticipateRouter, netlink: RouteNetlink) throws(PlainError) -> [IPAddress: LinkInfo] {
        var links: [IPAddress: LinkInfo] = [:]
        for (address, device) in router.addressDevices.sorted(by: { $0.key.description < $1.key.description }) {
            do throws(HostError) {
                links[address] = try netlink.link(named: device)
            } catch {
                throw PlainError(message: "\(router.label)\(address) dev \(device): \(error)")
            }
        }
        return links
    }

    /// The interface's IPv4 address, or its IPv6 link-local one, that is none of the virtual (or
    /// excluded) addresses.
    private func primaryAddress(of config: RouterConfig, on link: LinkInfo, netlink: RouteNetlink) throws(HostError) -> IPAddress {
        let virtual = Set((config.virtualAddresses + config.excludedAddresses).map(\.address))
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
