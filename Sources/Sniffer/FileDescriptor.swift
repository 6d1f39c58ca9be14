#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor with the capture file's display name, mapping errno to `CaptureError`.
///
/// `-` names standard input (reading) or standard output (writing); those are never closed.
struct FileDescriptor: ~Copyable {
    let rawValue: Int32
    /// How errors name the file: the path, or "standard input"/"standard output".
    let displayName: String
    private let owned: Bool

    static func openForReading(_ path: String) throws(CaptureError) -> FileDescriptor {
        if path == "-" { return FileDescriptor(rawValue: STDIN_FILENO, displayName: "standard input", owned: false) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, path: path, operation: "open") }
        return FileDescriptor(rawValue: fd, displayName: path, owned: true)
    }

    static func openForWriting(_ path: String) throws(CaptureError) -> FileDescriptor {
        if path == "-" { return FileDescriptor(rawValue: STDOUT_FILENO, displayName: "standard output", owned: false) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(errno, path: path, operation: "create") }
        return FileDescriptor(rawValue: fd, displayName: path, owned: true)
    }

    private init(rawValue: Int32, displayName: String, owned: Bool) {
        self.rawValue = rawValue
        self.displayName = displayName
        self.owned = owned
    }

    deinit {
        if owned { close(rawValue) }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file, or that `wake` became readable.
    func readSome(into buffer: UnsafeMutableRawBufferPointer, wake: Int32) throws(CaptureError) -> Int {
        if wake >= 0 {
            var fds = [pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            while poll(&fds, 2, -1) < 0 {
                if errno != EINTR { throw Self.error(errno, path: displayName, operation: "poll") }
            }
            if fds[1].revents != 0 { return 0 }
        }
        while true {
            let count = read(rawValue, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw Self.error(errno, path: displayName, operation: "read") }
        }
    }

    /// The size of a regular file; nil for pipes, terminals and sockets.
    func regularFileSize() -> Int64? {
        var status = stat()
        guard fstat(rawValue, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(status.st_size)
    }

    /// Writes all of `bytes`, resuming after short writes and signals.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(CaptureError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let count = write(rawValue, base + done, bytes.count - done)
            if count >= 0 {
                done += count
            } else if errno != EINTR {
                throw Self.error(errno, path: displayName, operation: "write")
            }
        }
    }

    private static func error(_ code: Int32, path: String, operation: String) -> CaptureError {
        switch code {
        case ENOENT: .noSuchFile(path)
        case EACCES, EPERM: .permissionDenied(path)
        default: .systemError(path, operation: operation, errno: code)
        }
    }
}
