/// Replays a pcapng file; libpcap 1.10 refuses files whose interfaces differ in link type, this
/// source does not.
final class PcapngFileSource: PacketSource {
    /// The reader's interfaces, kept here too so `forEach`'s body can read them while the
    /// reader is out on loan.
    private(set) var interfaces: [CaptureInterface]
    let stopper: CaptureStopper
    let progress: ReadProgress?
    private var reader: PcapngReader?

    init(buffer: consuming ReadBuffer, stopper: CaptureStopper, progress: ReadProgress?) throws(CaptureError) {
        self.stopper = stopper
        self.progress = progress
        let reader = try PcapngReader(buffer: buffer)
        interfaces = reader.interfaces
        self.reader = consume reader
    }

    func setFilter(_ filter: PacketFilter) throws(CaptureError) {
        try reader?.setFilter(filter)
    }

    func forEach(_ body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool) throws {
        guard var reader = reader.take() else { return }
        do {
            loop: while !stopper.isStopRequested, let event = try reader.next() {
                switch event {
                case .packet(let info, let packet):
                    guard try body(info, packet) else { break loop }
                case .interface(let interface):
                    interfaces.append(interface)
                }
            }
        } catch {
            self.reader = consume reader
            throw error
        }
        self.reader = consume reader
    }

    var statistics: CaptureStatistics? { nil }
}
