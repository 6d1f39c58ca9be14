import Codec
import Sniffer

/// `-w`: the packets of a run (printed or analysed) written as captured, or re-encoded with
/// passwords hidden under `--redact`, through tcpdump's rotation. The file is created with the first
/// packet, when a pcapng source has defined its interfaces.
struct CaptureSink {
    let path: String
    let rotation: CaptureRotation
    let redact: Bool
    private var writer: RotatingCaptureWriter?

    init(path: String, rotation: CaptureRotation, redact: Bool) {
        self.path = path
        self.rotation = rotation
        self.redact = redact
    }

    /// Writes one packet; `frame` is its decoding when the caller has one. Returns false once
    /// `-G` with `-W` has written its last file: the run then ends, as tcpdump's does.
    mutating func write(_ bytes: UnsafeRawBufferPointer, info: PacketInfo, frame: Frame? = nil,
                        from source: any PacketSource) throws(CaptureError) -> Bool {
        let writer: RotatingCaptureWriter
        if let existing = self.writer {
            writer = existing
        } else {
            writer = try RotatingCaptureWriter(path: path, rotation: rotation, for: source)
            self.writer = writer
        }
        if redact {
            var frame = frame ?? Frame.decode(bytes, linkType: info.linkType)
            if frame.redactPasswords() {
                let encoded = frame.encode()
                var redactedInfo = info
                redactedInfo.capturedLength = encoded.count
                var result: Result<Bool, CaptureError> = .success(true)
                encoded.withUnsafeBytes { view in
                    do throws(CaptureError) { result = .success(try writer.write(view, info: redactedInfo)) } catch {
                        result = .failure(error)
                    }
                }
                return try result.get()
            }
        }
        return try writer.write(bytes, info: info)
    }

    /// Pushes out what is buffered; with nothing written, still leaves a valid, empty capture, as
    /// tcpdump does.
    mutating func finish(source: any PacketSource) throws(CaptureError) {
        if writer == nil { writer = try RotatingCaptureWriter(path: path, rotation: rotation, for: source) }
        try writer?.flush()
    }

    func flush() throws(CaptureError) {
        try writer?.flush()
    }

    /// tcpdump's words when `-G` with `-W` ends the run.
    var limitMessage: String { "Maximum file limit reached: \(rotation.fileCount ?? 0)" }
}
