#if canImport(Glibc)
import Glibc
#endif

/// The capabilities the node needs, read from the effective set in /proc/self/status before anything
/// is touched, so that a user without them gets one error naming them and no half-configured interface.
public enum Capabilities {
    static let netAdmin = 12
    static let netRaw = 13

    /// The names of the missing ones, empty when the process may go ahead.
    public static func missing(statusText: String? = readStatus()) -> [String] {
        guard let statusText,
              let line = statusText.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
              let mask = UInt64(String(line.dropFirst("CapEff:".count).filter { !$0.isWhitespace }), radix: 16)
        else { return ["CAP_NET_RAW", "CAP_NET_ADMIN"] }
        var names: [String] = []
        if mask & (1 << netRaw) == 0 { names.append("CAP_NET_RAW") }
        if mask & (1 << netAdmin) == 0 { names.append("CAP_NET_ADMIN") }
        return names
    }

    public static func readStatus() -> String? {
        (try? TextFile.read("/proc/self/status")) ?? nil
    }
}
