import ArgumentParser
import Codec
import ElectionModel
import Engine
import EngineHost

/// The flags only `--participate` has; the protocol flags (--vrid, --priority, --vrrp-version,
/// --advert-int, --auth-pass, --nopreempt, --preempt-delay, --v3-checksum, --lower-prio-no-advert) are
/// the `RouterOptions` it shares with `--what-if`.
struct ParticipateOptions: ParsableArguments {
    @Flag(help: "Join the election on -i INTERFACE as a VRRP router (needs CAP_NET_RAW and CAP_NET_ADMIN).")
    var participate = false

    @Option(help: ArgumentHelp("With --participate: a virtual address ADDR/LEN (repeatable).", valueName: "addr/len"))
    var vip: [String] = []

    @Option(name: .customLong("unicast-src"), help: ArgumentHelp("Send unicast adverts from this address.", valueName: "ip"))
    var unicastSource: String?

    @Option(name: .customLong("unicast-peer"), help: ArgumentHelp("Send adverts to this peer instead of multicast (repeatable).", valueName: "ip"))
    var unicastPeers: [String] = []

    @Option(name: .customLong("track-interface"), help: ArgumentHelp("Fault while this interface is down (repeatable).", valueName: "iface"))
    var trackInterfaces: [String] = []

    @Option(help: ArgumentHelp("A health check command run by /bin/sh (repeatable).", valueName: "command"))
    var check: [String] = []

    @Option(name: .customLong("check-interval"), help: ArgumentHelp("Seconds between runs of each --check, also its timeout (default 1).", valueName: "seconds"))
    var checkInterval: [Double] = []

    @Option(name: .customLong("check-weight"), help: ArgumentHelp("Each --check's weight as keepalived's: negative is subtracted while it fails, positive added while it succeeds, 0 (default) means fault while it fails.", valueName: "w"))
    var checkWeight: [Int] = []

    @Option(name: .customLong("garp-delay"), help: ArgumentHelp("Second announcement burst this long after becoming master (default 5, 0: none).", valueName: "seconds"))
    var garpDelay: Double = 5

    @Option(name: .customLong("garp-repeat"), help: ArgumentHelp("Announcements per address in each burst (default 5).", valueName: "n"))
    var garpRepeat: Int = 5

    @Option(name: .customLong("garp-refresh"), help: ArgumentHelp("While master, announce the addresses again every this many seconds (keepalived's garp_master_refresh; default: never).", valueName: "seconds"))
    var garpRefresh: Double?

    @Option(name: .customLong("notify-master"), help: ArgumentHelp("Run this command (/bin/sh) on becoming master, as keepalived's notify_master.", valueName: "command"))
    var notifyMaster: String?

    @Option(name: .customLong("notify-backup"), help: ArgumentHelp("Run this command on becoming backup (notify_backup).", valueName: "command"))
    var notifyBackup: String?

    @Option(name: .customLong("notify-fault"), help: ArgumentHelp("Run this command on entering fault (notify_fault).", valueName: "command"))
    var notifyFault: String?

    @Option(name: .customLong("notify-stop"), help: ArgumentHelp("Run this command on stopping (notify_stop).", valueName: "command"))
    var notifyStop: String?

    @Option(help: ArgumentHelp("Run this command on every state entered, with keepalived's arguments INSTANCE IFACE-VRID STATE PRIORITY appended (notify).", valueName: "command"))
    var notify: String?

    @Flag(help: "Join even when listening found the VRID in use by others (the reasons are still printed).")
    var force = false

    @Option(name: .customLong("rt-priority"), help: ArgumentHelp("Run real-time (SCHED_RR) at this priority, 1-99, as keepalived's vrrp_rt_priority (needs CAP_SYS_NICE).", valueName: "n"))
    var realtimePriority: Int32?

    @Flag(name: .customLong("no-swap"), help: "Lock the node in memory, as keepalived's vrrp_no_swap (needs CAP_IPC_LOCK).")
    var noSwap = false

    @Flag(name: .customLong("use-vmac"), help: "Put the VIPs on a macvlan vrrp.VRID (IPv6: vrrp6.VRID) carrying the virtual MAC 00:00:5e:00:01:VRID (IPv6: 00:00:5e:00:02:VRID) and send adverts and announcements from it.")
    var useVirtualMAC = false

    /// Whether a flag that only means something with --participate was given.
    var nodeFlagsGiven: Bool {
        !vip.isEmpty || !unicastPeers.isEmpty || unicastSource != nil || !trackInterfaces.isEmpty || !check.isEmpty || force
            || realtimePriority != nil || noSwap || useVirtualMAC || !notifyScripts.isEmpty
    }

    func validate(interface: String?, router: RouterOptions, configFile: String?) throws {
        guard participate else {
            if nodeFlagsGiven {
                throw ValidationError("--vip, --unicast-*, --track-interface, --check, --notify*, --force, --use-vmac, --rt-priority and --no-swap need --participate")
            }
            return
        }
        if configFile != nil {
            // The file gives the interfaces and every instance's settings.
            if interface != nil || router.vrid != nil || router.priority != nil || router.version != nil || router.advertInterval != nil
                || router.authPass != nil || router.nopreempt || router.preemptDelay != 0 || !vip.isEmpty || !unicastPeers.isEmpty
                || unicastSource != nil || !trackInterfaces.isEmpty || !check.isEmpty || useVirtualMAC || !notifyScripts.isEmpty {
                throw ValidationError("--participate --config takes the interfaces and the instances' settings from the file: only --instance, --strict, --force, --rt-priority, --no-swap, --json and timestamps go with it")
            }
            return
        }
        guard let interface, interface != "any" else { throw ValidationError("--participate needs -i INTERFACE (or --config keepalived.conf)") }
        _ = interface
        guard router.vrid != nil, router.priority != nil else { throw ValidationError("--participate needs --vrid and --priority") }
        guard !vip.isEmpty else { throw ValidationError("--participate needs at least one --vip ADDR/LEN") }
        for text in vip where VirtualAddress(text) == nil { throw ValidationError("--vip \(text): not an address/length") }
        for text in unicastPeers + (unicastSource.map { [$0] } ?? []) where IPAddress(text) == nil {
            throw ValidationError("\(text): not an IP address")
        }
        if checkInterval.contains(where: { $0 <= 0 }) { throw ValidationError("--check-interval must be positive") }
        if garpDelay < 0 { throw ValidationError("--garp-delay must not be negative") }
        if garpRepeat < 1 { throw ValidationError("--garp-repeat must be at least 1") }
        if let garpRefresh, garpRefresh <= 0 { throw ValidationError("--garp-refresh must be positive") }
        if let realtimePriority, !(1...99).contains(realtimePriority) { throw ValidationError("--rt-priority must be 1-99") }
        do {
            try config(router: router, primary: nil).validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The router's configuration; `primary` is the interface's address (nil before it is known: a
    /// placeholder of the right family).
    func config(router: RouterOptions, primary: IPAddress?) -> RouterConfig {
        let addresses = vip.compactMap { VirtualAddress($0) }
        let ipv6 = addresses.first?.address.isIPv6 ?? false
        let placeholder: IPAddress = ipv6 ? .v6(IPv6Address(high: 0xFE80_0000_0000_0000, low: 1)) : .v4(IPv4Address(192, 0, 2, 1))
        let template = RouterConfig(
            vrid: router.vrid ?? 1, version: ipv6 ? 3 : 2, family: ipv6 ? .ipv6 : .ipv4, priority: router.priority ?? 100,
            virtualAddresses: addresses, primaryAddress: primary ?? placeholder,
            unicastPeers: unicastPeers.compactMap { IPAddress($0) }, unicastSource: unicastSource.flatMap { IPAddress($0) },
            announcements: .init(garpDelay: nanoseconds(garpDelay), garpRepeat: garpRepeat, garpRefresh: garpRefresh.map(nanoseconds)))
        var config = router.apply(to: template)
        config.useVirtualMAC = useVirtualMAC
        return config
    }

    /// --track-interface: each as keepalived's weight 0, Fault while down.
    var trackedInterfaces: [TrackedInterface] { trackInterfaces.map { TrackedInterface($0) } }

    var checkCommands: [TrackedCheck] {
        check.enumerated().map { index, command in
            let interval = nanoseconds(checkInterval.indices.contains(index) ? checkInterval[index] : checkInterval.last ?? 1)
            let weight = checkWeight.indices.contains(index) ? checkWeight[index] : checkWeight.last ?? 0
            return TrackedCheck(CheckCommand(command: command, interval: interval, timeout: interval), weight: weight)
        }
    }

    /// The --notify* commands, each handed whole to /bin/sh as --check's are.
    var notifyScripts: Notifier.Scripts {
        Notifier.Scripts(master: notifyMaster.map(CheckProgram.shell), backup: notifyBackup.map(CheckProgram.shell),
                         fault: notifyFault.map(CheckProgram.shell), stop: notifyStop.map(CheckProgram.shell),
                         notify: notify.map(CheckProgram.shell))
    }

    /// The flags' router has no instance name: `notify` gets IFACE-VRID in its place (the name of its state file).
    func notifier(interface: String, router: RouterOptions) -> Notifier? {
        notifyScripts.isEmpty ? nil : Notifier(instance: "\(interface)-\(router.vrid ?? 1)", scripts: notifyScripts, user: nil)
    }

    private func nanoseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1e9).rounded()) }
}
