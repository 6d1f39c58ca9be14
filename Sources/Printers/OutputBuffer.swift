#if canImport(Glibc)
import Glibc
#endif
import Codec

/// Output bytes built without intermediate Strings, written to a file descriptor in large chunks.
///
/// Per-packet formatting is the hot path of a replay; appending digits and addresses directly keeps it
/// allocation-free.
package struct OutputBuffer {
    package private(set) var bytes: [UInt8] = []
    package let fd: Int32
    /// Flush after every line (`-l`) instead of when the buffer fills.
    package var lineBuffered: Bool
    private static let flushThreshold = 1 << 16

    /// A buffer that is only read back, never written out.
    package init() {
        fd = -1
        lineBuffered = false
    }

    package init(fd: Int32, lineBuffered: Bool) {
        self.fd = fd
        self.lineBuffered = lineBuffered
        bytes.reserveCapacity(Self.flushThreshold + 4096)
    }

    package mutating func endLine() throws(OutputError) {
        bytes.append(0x0A)
        if lineBuffered || bytes.count >= Self.flushThreshold { try flush() }
    }

    package mutating func flush() throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(errno: errno)
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }

    package mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func append(_ text: String) {
        var text = text
        // Appending the contiguous UTF-8 buffer is several times cheaper than iterating the view.
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    package mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Spaces after what was appended since `start` (a count of `bytes`), up to `width` characters; a
    /// UTF-8 continuation byte (the second of "µ") is no character.
    package mutating func pad(since start: Int, to width: Int) {
        var characters = 0
        for byte in bytes[start...] where byte & 0xC0 != 0x80 { characters += 1 }
        for _ in characters..<max(characters, width) { bytes.append(0x20) }
    }

    package mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    package mutating func append<T: BinaryInteger>(decimal value: T) {
        var v = UInt64(truncatingIfNeeded: value.magnitude)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        if v < 10 { bytes.append(0x30 + UInt8(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // scratch for up to 20 digits (UInt64.max), reversed
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            while v > 0 {
                scratch[count] = 0x30 + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(scratch[i]) }
        }
    }

    /// Zero-padded to `width` digits.
    package mutating func append(decimal value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    package mutating func append(hex value: UInt64, digits: Int) {
        for i in stride(from: digits - 1, through: 0, by: -1) {
            bytes.append(Self.hexDigits[Int(value >> (4 * UInt64(i)) & 0xF)])
        }
    }

    /// Lowercase hex without leading zeros, as in IPv6 text.
    package mutating func append(hexTrimmed value: UInt16) {
        var started = false
        for i in stride(from: 3, through: 0, by: -1) {
            let nibble = Int(value >> (4 * UInt16(i)) & 0xF)
            if nibble != 0 || started || i == 0 {
                bytes.append(Self.hexDigits[nibble])
                started = true
            }
        }
    }

    /// `IPv4Address.description` (a small string, made without an allocation), the one dotted quad.
    package mutating func append(_ address: IPv4Address) {
        append(address.description)
    }

    /// RFC 5952 text, as `IPv6Address.description` but without building a String.
    package mutating func append(_ address: IPv6Address) {
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && address.group(i) == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var i = 0
        var needsColon = false
        while i < 8 {
            if i == bestStart {
                bytes.append(0x3A); bytes.append(0x3A)
                i += bestLength
                needsColon = false
                continue
            }
            if needsColon { bytes.append(0x3A) }
            append(hexTrimmed: address.group(i))
            needsColon = true
            i += 1
        }
    }

    package mutating func append(_ address: IPAddress) {
        switch address {
        case .v4(let a): append(a)
        case .v6(let a): append(a)
        }
    }

    package mutating func append(_ mac: MACAddress) {
        for i in 0..<6 {
            if i > 0 { bytes.append(0x3A) }
            append(hex: UInt64(mac.byte(i)), digits: 2)
        }
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    package mutating func append(jsonString text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                append(hex: UInt64(byte), digits: 2)
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}

/// Writing output failed (a closed pipe, a full disk).
package struct OutputError: Error, CustomStringConvertible {
    package let errno: Int32
    package var description: String { "writing output failed: \(String(cString: strerror(errno)))" }
}
