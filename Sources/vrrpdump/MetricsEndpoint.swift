import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `--metrics ADDR:PORT`: where the sensor serves `/metrics`; `[ADDR]:PORT` for IPv6. An address is
/// required, so that exposing the sensor beyond the host is a choice (`0.0.0.0:9963`).
struct MetricsEndpoint: ExpressibleByArgument, CustomStringConvertible, Sendable {
    let host: String
    let port: UInt16
    let isIPv6: Bool

    init?(argument: String) {
        let host: Substring
        let port: Substring
        if argument.hasPrefix("["), let close = argument.firstIndex(of: "]") {
            host = argument[argument.index(after: argument.startIndex)..<close]
            let rest = argument[argument.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            port = rest.dropFirst()
            isIPv6 = true
        } else {
            guard let colon = argument.lastIndex(of: ":") else { return nil }
            host = argument[..<colon]
            port = argument[argument.index(after: colon)...]
            isIPv6 = false
        }
        guard let number = UInt16(port), number > 0 else { return nil }
        var buffer = in6_addr()
        guard inet_pton(isIPv6 ? AF_INET6 : AF_INET, String(host), &buffer) == 1 else { return nil }
        self.host = String(host)
        self.port = number
    }

    var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    static var defaultCompletionKind: CompletionKind { .default }
}
