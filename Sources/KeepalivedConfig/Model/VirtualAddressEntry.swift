/// A virtual address line: address, prefix length and the interface it goes on.
public struct VirtualAddressEntry: Sendable, Hashable {
    public var address: String
    public var prefixLength: Int?
    public var device: String?
    /// `label`: the IPv4 address's IFA_LABEL, as keepalived sets it (`eth0:1`).
    public var label: String?
    /// `no_track`: keepalived 2.2.7 otherwise puts the instance in Fault while `device` is down.
    public var noTrack = false

    /// As keepalived prints it: `192.0.2.1` or `192.0.2.1/24`.
    public var text: String { prefixLength.map { "\(address)/\($0)" } ?? address }
}
