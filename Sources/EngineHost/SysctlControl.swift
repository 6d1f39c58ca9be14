#if canImport(Glibc)
import Glibc
#endif

/// Per-interface sysctls under /proc/sys/net; a directory tree in tests.
public protocol SysctlControl: AnyObject {
    func read(_ key: String) -> String?
    func write(_ key: String, _ value: String) throws(HostError)
}

/// One setting the node changed, with the value to put back.
public struct SysctlChange: Sendable, Hashable {
    /// Relative to /proc/sys, e.g. `net/ipv4/conf/vrrp4-51/arp_ignore`.
    public var key: String
    public var previous: String
    public var value: String
}

/// /proc/sys itself.
public final class ProcSysctl: SysctlControl {
    let root: String

    public init(root: String = "/proc/sys") { self.root = root }

    public func read(_ key: String) -> String? {
        guard let file = fopen("\(root)/\(key)", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        return String(cString: buffer).filter { !$0.isNewline }
    }

    public func write(_ key: String, _ value: String) throws(HostError) {
        guard let file = fopen("\(root)/\(key)", "w") else { throw HostError.lastError("open \(root)/\(key)") }
        let ok = fputs(value + "\n", file) >= 0
        let closed = fclose(file) == 0
        guard ok, closed else { throw HostError.lastError("write \(root)/\(key)") }
    }
}

/// The ARP settings a macvlan carrying the virtual MAC needs so that the VIP is answered from the
/// virtual MAC and not the parent's: on the macvlan and its parent only, never `all` or `default`.
/// keepalived also relaxes rp_filter on `all`, `default` and every interface; the node instead sets
/// `accept_local` on the two interfaces, which is what lets the parent accept adverts whose source is
/// an address of this host seen through the macvlan, and leaves rp_filter alone.
public enum VirtualMACSysctls {
    public static func settings(parent: String, macvlan: String) -> [(key: String, value: String)] {
        [
            ("net/ipv4/conf/\(macvlan)/arp_ignore", "1"),
            ("net/ipv4/conf/\(macvlan)/arp_announce", "2"),
            ("net/ipv4/conf/\(macvlan)/accept_local", "1"),
            ("net/ipv4/conf/\(parent)/arp_ignore", "1"),
            ("net/ipv4/conf/\(parent)/arp_announce", "2"),
            ("net/ipv4/conf/\(parent)/accept_local", "1"),
        ]
    }

    /// Applies `settings`, returning what was changed (value differed) so that exactly those are restored.
    public static func apply(_ settings: [(key: String, value: String)], with control: SysctlControl) throws(HostError) -> [SysctlChange] {
        var changes: [SysctlChange] = []
        for (key, value) in settings {
            guard let previous = control.read(key), previous != value else { continue }
            try control.write(key, value)
            changes.append(SysctlChange(key: key, previous: previous, value: value))
        }
        return changes
    }
}
