import Foundation

/// A throw-away network namespace holding a veth pair, so live tests never touch host interfaces.
///
/// Names start with `vdsn-<pid>`; `remove()` deletes the namespace and with it both ends.
final class NetworkNamespace: @unchecked Sendable {
    let name: String
    /// The capturing end and the sending end of the veth pair.
    let captureEnd: String
    let sendEnd: String

    init() throws {
        let pid = getpid()
        name = "vdsn-\(pid)"
        captureEnd = "vdsn-\(pid)a"
        sendEnd = "vdsn-\(pid)b"
        try Self.run("/usr/sbin/ip", "netns", "add", name)
        do {
            try Self.run("/usr/sbin/ip", "-n", name, "link", "add", captureEnd, "type", "veth", "peer", "name", sendEnd)
            for end in [captureEnd, sendEnd] { try Self.run("/usr/sbin/ip", "-n", name, "link", "set", end, "up") }
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        try? Self.run("/usr/sbin/ip", "netns", "del", name)
    }

    /// Moves the calling thread (only it) into the namespace; call on a thread made for the purpose.
    func enter() throws {
        // glibc's setns is not visible through Swift's Glibc module.
        typealias SetNS = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else {
            throw NamespaceError("setns not found")
        }
        let fd = open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NamespaceError("open /var/run/netns/\(name): errno \(errno)") }
        defer { close(fd) }
        let cloneNewNet: Int32 = 0x4000_0000
        guard unsafeBitCast(symbol, to: SetNS.self)(fd, cloneNewNet) == 0 else {
            throw NamespaceError("setns \(name): errno \(errno)")
        }
    }

    /// Sends raw frames out of the sending end through an AF_PACKET socket inside the namespace.
    func send(_ frames: [[UInt8]]) throws {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((sys.argv[1], 0))
            for frame in sys.argv[2:]:
                s.send(bytes.fromhex(frame))
            """
        let hex = frames.map { $0.map { String(format: "%02x", $0) }.joined() }
        try Self.run(["/usr/sbin/ip", "netns", "exec", name, "/usr/bin/python3", "-c", script, sendEnd] + hex)
    }

    static func run(_ arguments: String...) throws {
        try run(arguments)
    }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NamespaceError("\(arguments.joined(separator: " ")): \(message)")
        }
    }
}

struct NamespaceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
