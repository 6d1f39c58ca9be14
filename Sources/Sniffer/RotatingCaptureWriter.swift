#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock in whole seconds, as tcpdump's `-G` reads it; injected so that tests do not wait.
public protocol RotationClock: Sendable {
    func seconds() -> Int
}

public struct SystemRotationClock: RotationClock {
    public init() {}
    public func seconds() -> Int { Int(time(nil)) }
}

/// `-w` with tcpdump's rotation: a `CaptureWriter` per file, replaced between packets so that every
/// file is a complete capture of its own.
///
/// As in tcpdump, time is checked when a packet arrives (a quiet segment keeps its file open past
/// `-G`), and size before writing (a file exceeds `-C` by at most one packet).
public final class RotatingCaptureWriter {
    private let template: String
    private let rotation: CaptureRotation
    private let source: any PacketSource
    private let clock: any RotationClock
    private var writer: CaptureWriter
    /// tcpdump's `Gflag_time`, `Gflag_count` and `Cflag_count`.
    private var periodStart: Int
    private var periods = 0
    private var counter = 0
    public private(set) var currentPath: String

    public init(path: String, rotation: CaptureRotation, for source: any PacketSource,
                clock: any RotationClock = SystemRotationClock()) throws(CaptureError) {
        template = path
        self.rotation = rotation
        self.source = source
        self.clock = clock
        periodStart = clock.seconds()
        currentPath = rotation.rotates
            ? rotation.fileName(template: path, counter: 0, digits: rotation.fileSize == nil ? 0 : rotation.counterDigits,
                                periodStart: periodStart)
            : path
        writer = try CaptureWriter(path: currentPath, for: source)
    }

    /// Writes the packet, first moving to the next file when the rotation says so. Returns false,
    /// without writing, once `-G` with `-W` (and no `-C`) has filled its last file: the run ends.
    public func write(_ packet: UnsafeRawBufferPointer, info: PacketInfo) throws(CaptureError) -> Bool {
        if let seconds = rotation.seconds {
            let now = clock.seconds()
            if now - periodStart >= seconds {
                periodStart = now
                periods += 1
                if let limit = rotation.fileCount, rotation.fileSize == nil, periods >= limit {
                    try writer.flush()
                    return false
                }
                counter = 0
                try open(rotation.fileName(template: template, counter: 0,
                                           digits: rotation.fileSize == nil ? 0 : rotation.counterDigits,
                                           periodStart: periodStart))
            }
        }
        if let fileSize = rotation.fileSize, writer.size > fileSize {
            if let limit = rotation.fileCount {
                counter = counter < limit - 1 ? counter + 1 : 0
            } else {
                counter += 1
            }
            try open(rotation.fileName(template: template, counter: counter, digits: rotation.counterDigits,
                                       periodStart: periodStart))
        }
        try writer.write(packet, info: info)
        return true
    }

    public func flush() throws(CaptureError) {
        try writer.flush()
    }

    private func open(_ path: String) throws(CaptureError) {
        try writer.flush()
        currentPath = path
        writer = try CaptureWriter(path: path, for: source)
    }
}
