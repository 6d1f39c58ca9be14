public enum Authentication: Sendable, Hashable, CustomStringConvertible {
    case none
    /// Simple text password, at most 8 bytes (keepalived truncates longer ones).
    case password(String)

    public var description: String {
        switch self {
        case .none: "no authentication"
        case .password(let p): "PASS '\(p)'"
        }
    }
}
