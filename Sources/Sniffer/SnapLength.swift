/// Snapshot lengths as libpcap and tcpdump use them.
public enum SnapLength {
    /// tcpdump's default and libpcap's ceiling (MAXIMUM_SNAPLEN): whole frames on any common link.
    /// Files may declare a smaller snapshot length yet hold records up to this.
    public static let maximum = 262_144
    /// A live timeline's default: the largest VRRP advert (VRRPv3 over IPv6 with 255 addresses, 4,142
    /// bytes with VLAN tags) fits. In immediate mode every packet takes a ring slot of the snapshot
    /// length, so whole 64 KiB frames would leave room for a few hundred packets.
    public static let timeline = 8_192
}
