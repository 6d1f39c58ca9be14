import Codec
#if canImport(Glibc)
import Glibc
#endif

/// `--use-vmac`: a macvlan `vrrp.VRID` (IPv6: `vrrp6.VRID`) on the node's interface carrying the VRRP
/// virtual MAC (00:00:5e:00:01:VRID, IPv6 00:00:5e:00:02:VRID), in private mode, as keepalived's
/// `use_vmac` makes it. The virtual addresses go on it, and adverts and announcements leave through
/// it, so they come from the virtual MAC (RFC 3768 §7.3, RFC 9568 §7.3); adverts are still received
/// on the interface itself.
///
/// The sysctls it needs are set on the macvlan and the interface only, never on `all` or `default`:
/// the macvlan's (`ownSysctls`) go with it; the interface's (`parentSysctls`, IPv4 only) are raised,
/// their old values recorded before each change and restored on stop, or by the next start after a
/// kill. rp_filter is not changed (keepalived lowers it on `all`, `default` and every interface).
///
/// What it made is recorded in its own state file (`VirtualMACRecord`) before it is made.
public final class VirtualMACInterface {
    public let name: String
    public let mac: MACAddress
    private let parent: LinkInfo
    private let ipv6: Bool
    private let netlink: RouteNetlink
    private let store: any OwnershipStore
    private var link: LinkInfo?
    /// The interface's sysctls we changed, with their old values, in the order changed.
    private var restore: [(sysctl: InterfaceSysctl, old: Int)] = []

    /// `vrrp.VRID` with 00:00:5e:00:01:VRID for IPv4, `vrrp6.VRID` with 00:00:5e:00:02:VRID for IPv6
    /// (a name of its own, so that an IPv4 and an IPv6 router of one VRID can run side by side).
    public init(parent: LinkInfo, vrid: UInt8, ipv6: Bool, netlink: RouteNetlink, store: any OwnershipStore) {
        name = "vrrp\(ipv6 ? "6" : "").\(vrid)"
        mac = .virtualRouter(vrid: vrid, ipv6: ipv6)
        self.parent = parent
        self.ipv6 = ipv6
        self.netlink = netlink
        self.store = store
    }

    /// The parent's sysctls and the values we need at least. IPv6 needs none: Linux answers neighbour
    /// solicitations only for the addresses of the interface they arrive on.
    private var parentSysctls: [(InterfaceSysctl, Int)] {
        if ipv6 { return [] }
        return [(InterfaceSysctl(interface: parent.name, name: "arp_ignore"), 1),
                (InterfaceSysctl(interface: parent.name, name: "arp_announce"), 2)]
    }

    /// The macvlan's own sysctls, set before it goes up; they go with it. IPv4: it answers ARP only for
    /// the VIPs on it, and has no IPv6. IPv6: it gets no link-local address (the one made from the
    /// virtual MAC would be the same on every router of the group); adverts leave it from the node's
    /// link-local address on the interface.
    private var ownSysctls: [(InterfaceSysctl, Int)] {
        if ipv6 { return [(InterfaceSysctl(family: "ipv6", interface: name, name: "addr_gen_mode"), 1)] }
        return [(InterfaceSysctl(family: "ipv6", interface: name, name: "disable_ipv6"), 1),
                (InterfaceSysctl(interface: name, name: "arp_ignore"), 1)]
    }

    /// A killed run's leftovers: its macvlan (when it still carries the virtual MAC) is deleted and the
    /// interface's sysctls it changed are put back. Returns what was done, for the log.
    public func cleanUpKilledRun() throws(HostError) -> [String] {
        guard let text = try store.load() else { return [] }
        let record = VirtualMACRecord(text: text)
        let pid = record.pid
        var notes: [String] = []
        if let pid, pid != getpid(), kill(pid, 0) == 0 {
            throw HostError.stateFile(path: "pid \(pid)", reason: "another vrrpdump already runs \(name) on \(parent.name)")
        }
        for leftover in record.links {
            guard let found = try? netlink.link(named: leftover), found.mac == mac else { continue }
            try netlink.deleteLink(index: found.index, name: leftover)
            notes.append("deleted \(leftover) left by a killed run (pid \(pid ?? 0))")
        }
        for (sysctl, old) in record.sysctls.reversed() {
            try sysctl.write(old)
            notes.append("restored \(sysctl) = \(old) left changed by a killed run")
        }
        store.delete()
        return notes
    }

    /// Records, creates and configures the macvlan, sets it up; returns it.
    /// On failure, whatever was made is undone before the error is thrown.
    public func create() throws(HostError) -> LinkInfo {
        try save()
        do throws(HostError) {
            try netlink.createMacvlan(name: name, parent: parent.index, mac: mac)
        } catch {
            store.delete()  // nothing was made; a link of that name is someone else's
            throw error
        }
        do throws(HostError) {
            let made = try netlink.link(named: name)
            link = made
            for (sysctl, value) in ownSysctls where ipv6 || sysctl.family != "ipv6" || access(sysctl.path, W_OK) == 0 {
                try sysctl.write(value)
            }
            for (sysctl, wanted) in parentSysctls {
                let old = try sysctl.read()
                guard old < wanted else { continue }
                restore.append((sysctl, old))
                try save()
                try sysctl.write(wanted)
            }
            try netlink.setUp(index: made.index, name: name)
            return try netlink.link(named: name)
        } catch {
            _ = remove()
            throw error
        }
    }

    /// Deletes the macvlan (and the addresses on it), puts the interface's sysctls back and forgets
    /// the record. Returns what failed, for the log.
    public func remove() -> [String] {
        var failures: [String] = []
        if let link {
            do { try netlink.deleteLink(index: link.index, name: name) } catch { failures.append("\(error)") }
        }
        for (sysctl, old) in restore.reversed() {
            do { try sysctl.write(old) } catch { failures.append("\(error)") }
        }
        link = nil
        restore = []
        store.delete()
        return failures
    }

    /// Whether reverse-path filtering is strict for the macvlan (the larger of `all` and its own):
    /// then the kernel drops traffic for a VIP whose sender it routes through the interface.
    public var strictReversePath: Bool {
        let all = (try? InterfaceSysctl(interface: "all", name: "rp_filter").read()) ?? 0
        let own = (try? InterfaceSysctl(interface: name, name: "rp_filter").read()) ?? 0
        return max(all, own) == 1
    }

    private func save() throws(HostError) {
        try store.save(VirtualMACRecord(pid: getpid(), links: [name], sysctls: restore).text)
    }
}
