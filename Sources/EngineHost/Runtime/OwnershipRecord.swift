import Codec
#if canImport(Glibc)
import Glibc
#endif

/// What a running node changed on the host, written to its state file (`path`) before each change
/// and removed after a clean stop, so that a restart after SIGKILL undoes exactly its own leftovers.
///
/// One fact per line, `key value`: `pid`, `address ADDR/LEN IFINDEX` (added by us on that interface,
/// carrying our label or protocol tag).
public struct OwnershipRecord: Sendable, Hashable {
    public var pid: Int32
    public var addresses: [InterfaceAddress] = []

    public init(pid: Int32) { self.pid = pid }

    /// `/run/vrrpdump/net-INODE/IFACE-VRID.state`: /run is shared by every network namespace of the host,
    /// so the namespace's inode keeps apart the nodes of namespaces that reuse a name like `eth0`.
    public static func path(interface: String, vrid: UInt8, directory: String = "/run/vrrpdump") -> String {
        var info = stat()
        let namespace = stat("/proc/self/ns/net", &info) == 0 ? "net-\(info.st_ino)" : "net-unknown"
        return "\(directory)/\(namespace)/\(interface)-\(vrid).state"
    }

    public var text: String {
        var lines = ["pid \(pid)"]
        lines += addresses.map { "address \($0.address)/\($0.prefixLength) \($0.interfaceIndex)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses `text`; lines it does not understand are skipped (a record is only ever written by us).
    /// An address without an interface index, as versions before `dev X` support wrote them, was on
    /// `interfaceIndex`.
    public init?(text: String, interfaceIndex: Int32) {
        var pid: Int32?
        var record = OwnershipRecord(pid: 0)
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 2 else { continue }
            switch words[0] {
            case "pid": pid = Int32(words[1])
            case "address":
                let parts = words[1].split(separator: "/")
                let index = words.count >= 3 ? Int32(words[2]) : interfaceIndex
                if parts.count == 2, let address = IPAddress(parts[0]), let length = UInt8(parts[1]), let index {
                    record.addresses.append(InterfaceAddress(address: address, prefixLength: length, interfaceIndex: index))
                }
            default: continue
            }
        }
        guard let pid else { return nil }
        record.pid = pid
        self = record
    }
}
