/// The states of a VRRP router (RFC 9568 §6.4, RFC 3768 §6.4), plus Fault as keepalived has it: a
/// tracked interface is down or a check with weight 0 failed, so the router takes no part.
public enum RouterState: String, Sendable, Hashable, CaseIterable {
    case initialize
    case backup
    case master
    case fault
}
