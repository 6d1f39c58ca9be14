#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// tcpdump's savefile rotation (`-C`, `-G`, `-W`), with its file naming, so that scripts written
/// for tcpdump's files find ours.
public struct CaptureRotation: Sendable, Equatable {
    /// `-C`: start a new file before a packet once the current one exceeds this many bytes.
    public var fileSize: Int64?
    /// `-G`: start a new file before the first packet after this many seconds.
    public var seconds: Int?
    /// `-W`: with `-C`, a ring of this many files; with `-G` alone, stop after this many files.
    public var fileCount: Int?

    public init(fileSize: Int64? = nil, seconds: Int? = nil, fileCount: Int? = nil) {
        self.fileSize = fileSize
        self.seconds = seconds
        self.fileCount = fileCount
    }

    public var rotates: Bool { fileSize != nil || seconds != nil }

    /// Digits of the `-C` counter: those of `-W` minus one (tcpdump's `getWflagChars`), none without
    /// `-W`.
    var counterDigits: Int {
        guard let fileCount else { return 0 }
        var rest = fileCount - 1
        var digits = 0
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// tcpdump's `MakeFilename`: the template through strftime(3) in local time under `-G`, then the
    /// `-C` counter appended (zero-padded to `counterDigits`) unless both are zero.
    public func fileName(template: String, counter: Int, digits: Int, periodStart: Int) -> String {
        let base = seconds == nil ? template : Self.strftime(template, at: periodStart)
        guard counter != 0 || digits != 0 else { return base }
        let number = String(counter)
        return base + String(repeating: "0", count: max(0, digits - number.count)) + number
    }

    private static func strftime(_ format: String, at seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = Glibc.strftime(&buffer, buffer.count, format, &parts)
        // A format that expands past PATH_MAX yields nothing: keep the template rather than "".
        guard length > 0 else { return format }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
