/// Opens capture files, telling pcap from pcapng by their first four bytes.
public enum CaptureFile {
    /// Opens `path` (`-` for standard input) and reads its header and leading interface definitions,
    /// so `interfaces` is known before the first packet.
    public static func open(_ path: String) throws(CaptureError) -> any PacketSource {
        var buffer = ReadBuffer(file: try .openForReading(path))
        let stopper = CaptureStopper()
        buffer.wake = stopper.wakeDescriptor
        let progress = ReadProgress(totalBytes: buffer.file.regularFileSize())
        buffer.progress = progress
        let present = try buffer.fill(4)
        let head = Array(buffer.available.prefix(4))
        guard present >= 4 else { throw .notACaptureFile(buffer.name, firstBytes: head) }
        switch buffer.available.loadUnaligned(as: UInt32.self) {
        case PcapReader.microsecondMagic, PcapReader.microsecondMagic.byteSwapped,
            PcapReader.nanosecondMagic, PcapReader.nanosecondMagic.byteSwapped:
            return try PcapFileSource(buffer: buffer, stopper: stopper, progress: progress)
        case PcapngReader.sectionHeaderType:
            return try PcapngFileSource(buffer: buffer, stopper: stopper, progress: progress)
        default:
            throw .notACaptureFile(buffer.name, firstBytes: head)
        }
    }
}
