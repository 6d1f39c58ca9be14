#if canImport(Glibc)
import Glibc
#endif

/// What went wrong at the OS edge, worded so that the user can act on it.
public enum HostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed; `what` names the operation and its object.
    case system(what: String, errno: Int32)
    /// The kernel answered a netlink request with an error.
    case netlink(what: String, errno: Int32)
    case noSuchInterface(String)
    /// The interface has no address of the family to send adverts from.
    case noSourceAddress(interface: String, family: String)
    case missingCapabilities([String])
    case stateFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .system(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .netlink(let what, let code): "\(what): \(String(cString: strerror(code))) (rtnetlink)"
        case .noSuchInterface(let name): "no such interface: \(name)"
        case .noSourceAddress(let interface, let family):
            "\(interface) has no \(family) address to send adverts from"
        case .missingCapabilities(let names):
            "needs \(names.joined(separator: " and ")) (run as root or grant them with setcap); nothing was changed"
        case .stateFile(let path, let reason): "\(path): \(reason)"
        }
    }

    /// The current `errno` as a failure of `what`.
    static func lastError(_ what: String) -> HostError { .system(what: what, errno: errno) }
}
