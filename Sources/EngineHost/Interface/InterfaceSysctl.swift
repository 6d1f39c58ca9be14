import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// One per-interface sysctl, `/proc/sys/net/FAMILY/conf/INTERFACE/NAME`, read and written as an integer.
/// Only ever the node's interface or its macvlan: never `all` or `default`.
public struct InterfaceSysctl: Sendable, Hashable, CustomStringConvertible {
    public var path: String

    public init(family: String = "ipv4", interface: String, name: String) {
        path = "/proc/sys/net/\(family)/conf/\(interface)/\(name)"
    }

    /// "ipv4" or "ipv6".
    public var family: Substring { path.split(separator: "/").dropFirst(3).first ?? "" }

    public init(path: String) { self.path = path }

    /// As `sysctl` names it: net.ipv4.conf.eth0.arp_ignore.
    public var description: String { path.split(separator: "/").dropFirst(2).joined(separator: ".") }

    public func read() throws(HostError) -> Int {
        let text: String?
        do { text = try TextFile.read(path) } catch {
            throw HostError.system(what: "read \(description)", errno: (error as? Errno)?.rawValue ?? EIO)
        }
        guard let text else { throw HostError.system(what: "read \(description)", errno: ENOENT) }
        guard let value = Int(text.split(separator: "\n").first ?? "") else {
            throw HostError.system(what: "read \(description)", errno: EINVAL)
        }
        return value
    }

    public func write(_ value: Int) throws(HostError) {
        guard let file = fopen(path, "w") else { throw HostError.lastError("write \(description)") }
        let written = fputs("\(value)\n", file) >= 0
        guard fclose(file) == 0, written else { throw HostError.lastError("write \(description)") }
    }
}
