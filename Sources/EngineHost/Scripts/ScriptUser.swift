#if canImport(Glibc)
import Glibc
#endif

/// The user a script runs as (keepalived's `script_user`, or a vrrp_script's `user`).
public struct ScriptUser: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let uid: uid_t
    public let gid: gid_t

    public init(name: String, uid: uid_t, gid: gid_t) {
        self.name = name
        self.uid = uid
        self.gid = gid
    }

    /// The user from the password database, nil when there is none of that name.
    public static func named(_ name: String) -> ScriptUser? {
        guard let entry = getpwnam(name) else { return nil }
        return ScriptUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    public var description: String { "\(name) (uid \(uid))" }
}
