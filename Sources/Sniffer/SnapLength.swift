/// Snapshot lengths as libpcap and tcpdump use them.
public enum SnapLength {
    /// tcpdump's default and libpcap's ceiling (MAXIMUM_SNAPLEN): whole frames on any common link.
    /// Files may declare a smaller snapshot length yet hold records up to this.
    public static let maximum = 262_144
}
