#if canImport(Glibc)
import Glibc
#endif

/// Reads and writes a state file: a node's `OwnershipRecord`, or what a `VirtualMACInterface` made; files in
/// production.
public protocol OwnershipStore: AnyObject {
    func load() throws(HostError) -> String?
    func save(_ text: String) throws(HostError)
    func delete()
}

public final class OwnershipFile: OwnershipStore {
    public let path: String

    public init(path: String) { self.path = path }

    public func load() throws(HostError) -> String? {
        do { return try TextFile.read(path) } catch { throw HostError.stateFile(path: path, reason: "\(error)") }
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
