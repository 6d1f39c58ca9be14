#if canImport(Glibc)
import Glibc
#endif

/// How packet times are printed: tcpdump's default wall clock (with the date, in local time as TZ says),
/// seconds since the first packet, or epoch seconds.
package enum TimestampFormat: String, CaseIterable {
    case absolute
    case relative
    case epoch
}

/// Formats nanosecond timestamps, caching the date-and-time prefix of the current second.
package struct TimestampFormatter {
    package let format: TimestampFormat
    private var first: Int64?
    private var cachedSecond: Int64 = .min
    private var cachedPrefix: [UInt8] = []

    /// - Parameter origin: what `relative` counts from; nil: the first time printed.
    package init(format: TimestampFormat, origin: Int64? = nil) {
        self.format = format
        first = origin
    }

    package mutating func append(_ nanoseconds: Int64, to out: inout OutputBuffer) {
        switch format {
        case .absolute:
            let second = nanoseconds.floorDiv(1_000_000_000)
            if second != cachedSecond {
                cachedSecond = second
                cachedPrefix = Self.localDateTime(second)
            }
            out.append(contentsOf: cachedPrefix)
            out.append(byte: UInt8(ascii: "."))
            out.append(decimal: Int(nanoseconds - second * 1_000_000_000) / 1000, width: 6)
        case .relative:
            let origin = first ?? nanoseconds
            first = origin
            Self.appendSeconds(nanoseconds - origin, to: &out)
        case .epoch:
            Self.appendSeconds(nanoseconds, to: &out)
        }
    }

    package static func appendSeconds(_ nanoseconds: Int64, to out: inout OutputBuffer) {
        if nanoseconds < 0 { out.append(byte: UInt8(ascii: "-")) }
        let magnitude = nanoseconds.magnitude
        out.append(decimal: magnitude / 1_000_000_000)
        out.append(byte: UInt8(ascii: "."))
        out.append(decimal: Int(magnitude % 1_000_000_000 / 1000), width: 6)
    }

    private static func localDateTime(_ second: Int64) -> [UInt8] {
        var time = time_t(second)
        var parts = tm()
        localtime_r(&time, &parts)
        var out = OutputBuffer(fd: -1, lineBuffered: false)
        out.append(decimal: Int(parts.tm_year) + 1900, width: 4)
        out.append(byte: UInt8(ascii: "-"))
        out.append(decimal: Int(parts.tm_mon) + 1, width: 2)
        out.append(byte: UInt8(ascii: "-"))
        out.append(decimal: Int(parts.tm_mday), width: 2)
        out.append(byte: UInt8(ascii: " "))
        out.append(decimal: Int(parts.tm_hour), width: 2)
        out.append(byte: UInt8(ascii: ":"))
        out.append(decimal: Int(parts.tm_min), width: 2)
        out.append(byte: UInt8(ascii: ":"))
        out.append(decimal: Int(parts.tm_sec), width: 2)
        return out.bytes
    }
}

extension Int64 {
    /// Division rounding towards negative infinity, so times before 1970 still split into second and fraction.
    package func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor < 0) ? q - 1 : q
    }
}
