/// Replays a classic pcap file.
final class PcapFileSource: PacketSource {
    let interfaces: [CaptureInterface]
    let stopper: CaptureStopper
    let progress: ReadProgress?
    /// Out on loan to `forEach` while it runs.
    private var reader: PcapReader?

    init(buffer: consuming ReadBuffer, stopper: CaptureStopper, progress: ReadProgress?) throws(CaptureError) {
        self.stopper = stopper
        self.progress = progress
        let reader = try PcapReader(buffer: buffer)
        interfaces = [reader.interface]
        self.reader = consume reader
    }

    func setFilter(_ filter: PacketFilter) throws(CaptureError) {
        let program = try filter.offlineProgram(for: interfaces[0].linkType)
        reader?.program = program
    }

    func forEach(_ body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool) throws {
        guard var reader = reader.take() else { return }
        do {
            while !stopper.isStopRequested, let (info, packet) = try reader.next() {
                guard try body(info, packet) else { break }
            }
        } catch {
            self.reader = consume reader
            throw error
        }
        self.reader = consume reader
    }

    var statistics: CaptureStatistics? { nil }
}
