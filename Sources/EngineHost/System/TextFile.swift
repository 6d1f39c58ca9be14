import SystemPackage

/// A small text file read whole: a /proc status, the node's state file.
enum TextFile {
    /// nil when there is no such file; other failures are swift-system's `Errno`.
    static func read(_ path: String) throws -> String? {
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(FilePath(path), .readOnly) } catch Errno.noSuchFileOrDirectory { return nil }
        return try fd.closeAfter {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
                if count == 0 { break }
                bytes += chunk[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
