/// Converts a pcapng interface's timestamp units (`if_tsresol`, `if_tsoffset`) to nanoseconds.
struct TimestampResolution: Sendable {
    private enum Scale: Sendable {
        case multiply(UInt64)
        case divide(UInt64)
        /// Units of 2^-shift seconds, 1...63.
        case binary(shift: Int)
    }

    private let scale: Scale
    private let offsetNanoseconds: Int64
    let precision: TimestampPrecision

    /// From the `if_tsresol` byte: high bit clear means units of 10^-n seconds, set means 2^-n.
    /// Nil when the units cannot be converted to 64-bit nanoseconds.
    init?(tsresol: UInt8, offsetSeconds: Int64) {
        let exponent = Int(tsresol & 0x7f)
        if tsresol & 0x80 == 0 {
            guard exponent <= 28 else { return nil }  // 10^(28-9) is the largest divisor in UInt64
            scale = exponent <= 9 ? .multiply(Self.power10(9 - exponent)) : .divide(Self.power10(exponent - 9))
            precision = exponent > 6 ? .nanoseconds : .microseconds
        } else {
            guard exponent <= 63 else { return nil }
            scale = exponent == 0 ? .multiply(1_000_000_000) : .binary(shift: exponent)
            precision = exponent > 19 ? .nanoseconds : .microseconds  // 2^-20 s is under 1 µs
        }
        offsetNanoseconds = offsetSeconds &* 1_000_000_000
    }

    /// Wraps instead of trapping: the units come from the file.
    func nanoseconds(_ units: UInt64) -> Int64 {
        let value: UInt64
        switch scale {
        case .multiply(let factor):
            value = units &* factor
        case .divide(let divisor):
            value = units / divisor
        case .binary(let shift):
            let fraction = units & ((1 << UInt64(shift)) - 1)
            let scaled = fraction.multipliedFullWidth(by: 1_000_000_000)
            let fractionNanoseconds = scaled.high << UInt64(64 - shift) | scaled.low >> UInt64(shift)
            value = (units >> UInt64(shift)) &* 1_000_000_000 &+ fractionNanoseconds
        }
        return Int64(truncatingIfNeeded: value) &+ offsetNanoseconds
    }

    private static func power10(_ exponent: Int) -> UInt64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
