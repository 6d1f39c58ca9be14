import ElectionModel
import Printers
import Sniffer

/// Where packets come from, as the command line named it.
enum SourceSpec {
    case file(String)
    case live(LiveOptions)

    /// How to open a live capture (`-i`, `-s`, `-p`, `-B`; immediate mode where output must not wait).
    struct LiveOptions {
        var interface: String
        var snapLength: Int
        var promiscuous: Bool
        /// Deliver each packet as it arrives: `-l` and a live timeline, whose events must not wait for a
        /// block of packets to fill.
        var immediate: Bool
        /// `-B`, in bytes; nil: `LiveCapture.defaultBufferSize`.
        var bufferSize: Int?
    }

    var name: String {
        switch self {
        case .file(let path): path == "-" ? "standard input" : path
        case .live(let options): options.interface
        }
    }

    var isLive: Bool { if case .live = self { true } else { false } }
    var isAnyInterface: Bool { if case .live(let options) = self { options.interface == "any" } else { false } }

    /// Opens the source with vrrpdump's default selection narrowed by a trailing `expression`.
    func open(narrowedBy expression: String?) throws(CaptureError) -> any PacketSource {
        let capture: any PacketSource = switch self {
        case .file(let path): try CaptureFile.open(path)
        case .live(let options):
            try LiveCapture(device: options.interface, promiscuous: options.promiscuous, snapLength: options.snapLength,
                            immediate: options.immediate, bufferSize: options.bufferSize)
        }
        try capture.setFilter(.vrrp(narrowedBy: expression))
        return capture
    }

    /// Opens the source as `open(narrowedBy:)` does, becomes `user` (`-Z`) when given, and runs
    /// `body` on it with SIGINT and SIGTERM stopping the capture; returns `body`'s exit status, or 1
    /// after a one-line error when the source cannot be opened or the user not become.
    func run(narrowedBy expression: String?, user: String? = nil, _ body: (any PacketSource) -> Int32) -> Int32 {
        let capture: any PacketSource
        do {
            capture = try open(narrowedBy: expression)
            if let user { try PrivilegeDrop.become(user) }
        } catch {
            return fail(error)
        }
        let signals = SignalTrap(stopping: capture.stopper)
        defer { signals.cancel() }
        return body(capture)
    }
}
