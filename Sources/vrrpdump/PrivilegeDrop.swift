#if canImport(Glibc)
import Glibc
#endif

/// `-Z USER`: as tcpdump, once the capture is open and before any output file is created, a root
/// process becomes USER (its uid, primary gid and supplementary groups); the open capture keeps
/// working. A process that is not root keeps its identity, as tcpdump's does.
enum PrivilegeDrop {
    enum Failure: Error, CustomStringConvertible {
        case noSuchUser(String)
        case failed(String, step: String, errno: Int32)

        var description: String {
            switch self {
            case .noSuchUser(let user): "-Z \(user): no such user"
            case .failed(let user, let step, let code):
                "-Z \(user): \(step) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    static func become(_ user: String) throws(Failure) {
        guard getuid() == 0 || geteuid() == 0 else { return }
        guard let entry = getpwnam(user) else { throw .noSuchUser(user) }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        guard initgroups(user, gid) == 0 else { throw .failed(user, step: "initgroups", errno: errno) }
        guard setgid(gid) == 0 else { throw .failed(user, step: "setgid", errno: errno) }
        guard setuid(uid) == 0 else { throw .failed(user, step: "setuid", errno: errno) }
    }
}
