/// The protocol's own timers (RFC 3768 §6.1 for version 2, RFC 9568 §6.1 for version 3), in one place
/// for the router engine, which runs them, and the election analyser, which judges the wire by them.
///
/// All durations are nanoseconds.
public enum VRRPTimers {
    public static let second: Int64 = 1_000_000_000
    public static let millisecond: Int64 = 1_000_000

    /// The advert interval in nanoseconds. A zero interval (malformed; the decoder flags
    /// `interval-zero`) counts as the RFC default of one second, so no window collapses to nothing.
    public static func interval(centiseconds: Int) -> Int64 {
        centiseconds > 0 ? Int64(centiseconds) * 10 * millisecond : second
    }

    /// Skew_Time: version 2 uses (256 − priority) / 256 seconds whatever the interval (RFC 3768 §6.1);
    /// version 3 scales it by the master's advert interval (RFC 9568 §6.1).
    public static func skew(priority: UInt8, interval: Int64, version: UInt8) -> Int64 {
        let share = Int64(256 - Int(priority))
        return version == 2 ? share * second / 256 : share * interval / 256
    }

    /// Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time: how long a backup of `priority`
    /// waits after the last advert it heard before it takes over.
    public static func masterDownInterval(priority: UInt8, interval: Int64, version: UInt8) -> Int64 {
        3 * interval + skew(priority: priority, interval: interval, version: version)
    }
}
