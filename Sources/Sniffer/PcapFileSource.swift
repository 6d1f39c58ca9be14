import Codec

/// Replays a classic pcap file (microsecond or nanosecond magic, either byte order).
final class PcapFileSource: PacketSource {
    static let microsecondMagic: UInt32 = 0xa1b2_c3d4
    static let nanosecondMagic: UInt32 = 0xa1b2_3c4d
    private static let fileHeaderLength = 24
    private static let recordHeaderLength = 16
    /// libpcap's own ceiling; files may declare a smaller snaplen yet hold up to this.
    private static let defaultCaptureLimit = 262_144

    let interfaces: [CaptureInterface]
    private var buffer: ReadBuffer
    private let loader: FieldLoader
    private let nanosecondsPerUnit: Int64
    private let linkType: LinkType
    /// Largest believable captured length: beyond it the file is damaged, not just big.
    private let captureLimit: Int
    private var program: BPFProgram?
    private var recordNumber = 0
    let stopper = CaptureStopper()

    init(buffer: consuming ReadBuffer) throws(CaptureError) {
        let present = try buffer.fill(Self.fileHeaderLength)
        guard present >= Self.fileHeaderLength else {
            throw .truncatedFileHeader(buffer.name, needed: Self.fileHeaderLength, present: present)
        }
        let header = buffer.available
        let magic = header.loadUnaligned(as: UInt32.self)
        loader = FieldLoader(swapped: magic == Self.microsecondMagic.byteSwapped || magic == Self.nanosecondMagic.byteSwapped)
        let nanosecond = magic == Self.nanosecondMagic || magic == Self.nanosecondMagic.byteSwapped
        nanosecondsPerUnit = nanosecond ? 1 : 1_000
        let snapLength = Int(loader.uint32(header, at: 16))
        // The upper 16 bits carry FCS length flags, not the link type.
        let rawLinkType = loader.uint32(header, at: 20) & 0xffff
        guard let linkType = LinkType(rawValue: rawLinkType) else {
            throw .unsupportedLinkType(buffer.name, linkType: rawLinkType)
        }
        self.linkType = linkType
        captureLimit = min(max(snapLength, Self.defaultCaptureLimit), ReadBuffer.maximumRecord)
        interfaces = [
            CaptureInterface(
                name: nil, linkType: linkType, snapLength: snapLength,
                timestampPrecision: nanosecond ? .nanoseconds : .microseconds)
        ]
        buffer.consume(Self.fileHeaderLength)
        self.buffer = buffer
    }

    func setFilter(_ filter: PacketFilter) throws(CaptureError) {
        program = try filter.offlineProgram(for: linkType)
    }

    func forEach(_ body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool) throws {
        while !stopper.isStopRequested {
            let position = RecordPosition(kind: "record", number: recordNumber + 1, byteOffset: buffer.offset)
            let headerPresent = try buffer.fill(Self.recordHeaderLength)
            if headerPresent == 0 { return }
            recordNumber += 1
            guard headerPresent >= Self.recordHeaderLength else {
                throw CaptureError.truncatedRecord(
                    buffer.name, position, needed: Self.recordHeaderLength, present: headerPresent)
            }
            let capturedLength = loader.uint32(buffer.available, at: 8)
            guard capturedLength <= captureLimit else {
                throw CaptureError.badCapturedLength(buffer.name, position, length: capturedLength, limit: captureLimit)
            }
            let recordLength = Self.recordHeaderLength + Int(capturedLength)
            let present = try buffer.fill(recordLength)
            guard present >= recordLength else {
                throw CaptureError.truncatedRecord(
                    buffer.name, position, needed: Int(capturedLength), present: present - Self.recordHeaderLength)
            }
            let record = buffer.available
            let seconds = Int64(loader.uint32(record, at: 0))
            let fraction = Int64(loader.uint32(record, at: 4))
            let info = PacketInfo(
                timestamp: seconds &* 1_000_000_000 &+ fraction &* nanosecondsPerUnit,
                capturedLength: Int(capturedLength),
                originalLength: Int(loader.uint32(record, at: 12)),
                interface: 0,
                linkType: linkType)
            let packet = UnsafeRawBufferPointer(rebasing: record[Self.recordHeaderLength..<recordLength])
            // Consuming moves no bytes: the view stays valid until the next fill.
            buffer.consume(recordLength)
            if let program, !program.matches(packet, originalLength: info.originalLength) { continue }
            guard try body(info, packet) else { return }
        }
    }

    var statistics: CaptureStatistics? { nil }
}
