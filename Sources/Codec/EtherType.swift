/// The EtherType values the codec recognises.
public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    public static let ipv6: UInt16 = 0x86DD
    public static let vlan: UInt16 = 0x8100
    public static let qinq: UInt16 = 0x88A8
    public static let qinqLegacy: UInt16 = 0x9100

    /// Tag protocol identifiers that introduce another 802.1Q/802.1ad tag.
    public static func isVLANTag(_ type: UInt16) -> Bool { type == vlan || type == qinq || type == qinqLegacy }
}
