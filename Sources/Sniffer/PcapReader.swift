import Codec

/// Parses classic pcap records (microsecond or nanosecond magic, either byte order) out of a
/// read buffer.
///
/// A value type so `PcapFileSource` can iterate with it in a local variable: stored in a class,
/// every field access in the hot loop would pay a dynamic exclusivity check.
struct PcapReader: ~Copyable {
    static let microsecondMagic: UInt32 = 0xa1b2_c3d4
    static let nanosecondMagic: UInt32 = 0xa1b2_3c4d
    private static let fileHeaderLength = 24
    private static let recordHeaderLength = 16

    let interface: CaptureInterface
    /// Applied before a packet is returned; nil passes everything.
    var program: BPFProgram? = nil
    private var buffer: ReadBuffer
    private let loader: FieldLoader
    private let nanosecondsPerUnit: Int64
    /// Largest believable captured length: beyond it the file is damaged, not just big.
    private let captureLimit: Int
    private var recordNumber = 0

    init(buffer: consuming ReadBuffer) throws(CaptureError) {
        let present = try buffer.fill(Self.fileHeaderLength)
        guard present >= Self.fileHeaderLength else {
            throw .truncatedFileHeader(buffer.name, needed: Self.fileHeaderLength, present: present)
        }
        let header = buffer.available
        let magic = header.loadUnaligned(as: UInt32.self)
        let loader = FieldLoader(swapped: magic == Self.microsecondMagic.byteSwapped || magic == Self.nanosecondMagic.byteSwapped)
        let nanosecond = magic == Self.nanosecondMagic || magic == Self.nanosecondMagic.byteSwapped
        let snapLength = Int(loader.uint32(header, at: 16))
        // The upper 16 bits carry FCS length flags, not the link type.
        let rawLinkType = loader.uint32(header, at: 20) & 0xffff
        guard let linkType = LinkType(rawValue: rawLinkType) else {
            throw .unsupportedLinkType(buffer.name, linkType: rawLinkType)
        }
        // Every stored property is set after the last throw: a noncopyable value cannot be left
        // half-initialized.
        self.loader = loader
        nanosecondsPerUnit = nanosecond ? 1 : 1_000
        captureLimit = min(max(snapLength, SnapLength.maximum), ReadBuffer.maximumRecord)
        interface = CaptureInterface(
            name: nil, linkType: linkType, snapLength: snapLength,
            timestampPrecision: nanosecond ? .nanoseconds : .microseconds)
        buffer.consume(Self.fileHeaderLength)
        self.buffer = buffer
    }

    /// The next packet the program passes, nil at the end of the file. The view is valid until
    /// the next call.
    mutating func next() throws(CaptureError) -> (PacketInfo, UnsafeRawBufferPointer)? {
        while true {
            let headerPresent = try buffer.fill(Self.recordHeaderLength)
            if headerPresent == 0 { return nil }
            guard headerPresent >= Self.recordHeaderLength else {
                throw .truncatedRecord(buffer.name, nextPosition, needed: Self.recordHeaderLength, present: headerPresent)
            }
            let capturedLength = loader.uint32(buffer.available, at: 8)
            guard capturedLength <= captureLimit else {
                throw .badCapturedLength(buffer.name, nextPosition, length: capturedLength, limit: captureLimit)
            }
            let recordLength = Self.recordHeaderLength + Int(capturedLength)
            let present = try buffer.fill(recordLength)
            guard present >= recordLength else {
                throw .truncatedRecord(
                    buffer.name, nextPosition, needed: Int(capturedLength), present: present - Self.recordHeaderLength)
            }
            let record = buffer.available
            recordNumber += 1
            let seconds = Int64(loader.uint32(record, at: 0))
            let fraction = Int64(loader.uint32(record, at: 4))
            let info = PacketInfo(
                timestamp: seconds &* 1_000_000_000 &+ fraction &* nanosecondsPerUnit,
                capturedLength: Int(capturedLength),
                originalLength: Int(loader.uint32(record, at: 12)),
                interface: 0,
                linkType: interface.linkType)
            let packet = UnsafeRawBufferPointer(rebasing: record[Self.recordHeaderLength..<recordLength])
            // Consuming moves no bytes: the view stays valid until the next fill.
            buffer.consume(recordLength)
            if let program, !program.matches(packet, originalLength: info.originalLength) { continue }
            return (info, packet)
        }
    }

    /// Where the record not read yet starts, for errors.
    private var nextPosition: RecordPosition {
        RecordPosition(kind: "record", number: recordNumber + 1, byteOffset: buffer.offset)
    }
}
