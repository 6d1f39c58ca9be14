/// IP protocol numbers the codec recognises.
public enum IPProtocol {
    public static let hopByHop: UInt8 = 0
    public static let routing: UInt8 = 43
    public static let fragment: UInt8 = 44
    public static let ah: UInt8 = 51
    public static let icmpv6: UInt8 = 58
    public static let noNextHeader: UInt8 = 59
    public static let destinationOptions: UInt8 = 60
    /// VRRP, and CARP, which reuses it.
    public static let vrrp: UInt8 = 112
}
