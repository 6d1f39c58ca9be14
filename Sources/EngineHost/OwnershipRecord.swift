import Codec
#if canImport(Glibc)
import Glibc
#endif

/// What a running node changed on the host, written to its state file (`path`) before each change
/// and removed after a clean stop, so that a restart after SIGKILL undoes exactly its own leftovers.
///
/// One fact per line, `key value`: `pid`, `address ADDR/LEN` (added by us, carrying our label or
/// protocol tag).
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
        lines += addresses.map { "address \($0.address)/\($0.prefixLength)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses `text`; lines it does not understand are skipped (a record is only ever written by us).
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
                if parts.count == 2, let address = IPAddress(parts[0]), let length = UInt8(parts[1]) {
                    record.addresses.append(InterfaceAddress(address: address, prefixLength: length, interfaceIndex: interfaceIndex))
                }
            default: continue
            }
        }
        guard let pid else { return nil }
        record.pid = pid
        self = record
    }
}

/// Reads and writes ownership records; files in production.
public protocol OwnershipStore: AnyObject {
    func load() throws(HostError) -> String?
    func save(_ text: String) throws(HostError)
    func delete()
}

public final class OwnershipFile: OwnershipStore {
    public let path: String

    public init(path: String) { self.path = path }

    public func load() throws(HostError) -> String? {
        guard let file = fopen(path, "r") else {
            if errno == ENOENT { return nil }
            throw HostError.stateFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 256)
        while fgets(&buffer, Int32(buffer.count), file) != nil { text += String(cString: buffer) }
        return text
    }

    /// Written to a temporary file and renamed, so a kill mid-write leaves the old record whole.
    public func save(_ text: String) throws(HostError) {
        var directory = ""
        for component in path.split(separator: "/").dropLast() {
            directory += "/" + component
            if mkdir(directory, 0o755) != 0, errno != EEXIST {
                throw HostError.stateFile(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        let temporary = path + ".tmp"
        guard let file = fopen(temporary, "w") else {
            throw HostError.stateFile(path: temporary, reason: String(cString: strerror(errno)))
        }
        let written = fputs(text, file) >= 0
        let closed = fclose(file) == 0
        guard written, closed, rename(temporary, path) == 0 else {
            throw HostError.stateFile(path: path, reason: String(cString: strerror(errno)))
        }
    }

    public func delete() { unlink(path) }
}
