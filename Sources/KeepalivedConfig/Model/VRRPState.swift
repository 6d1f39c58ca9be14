/// The state an instance starts in (keepalived's `state`).
public enum VRRPState: String, Sendable, Hashable {
    case master = "MASTER", backup = "BACKUP"
}
