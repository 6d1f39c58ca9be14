import Codec

/// Parses pcapng blocks out of a read buffer: every section, each interface with its own link
/// type and clock. Skips blocks it does not need (statistics, name resolution, secrets, custom).
///
/// A value type so `PcapngFileSource` can iterate with it in a local variable: stored in a class,
/// every field access in the hot loop would pay a dynamic exclusivity check.
struct PcapngReader: ~Copyable {
    static let sectionHeaderType: UInt32 = 0x0a0d_0d0a
    static let byteOrderMagic: UInt32 = 0x1a2b_3c4d
    static let interfaceType: UInt32 = 1
    private static let obsoletePacketType: UInt32 = 2
    private static let simplePacketType: UInt32 = 3
    static let enhancedPacketType: UInt32 = 6

    enum Event {
        /// A packet the filter passed; the view is valid until the next call to `next()`.
        case packet(PacketInfo, UnsafeRawBufferPointer)
        /// An interface description block, appended to `interfaces`.
        case interface(CaptureInterface)
    }

    /// A block's type and length, read before its body is.
    private struct BlockHeader {
        let type: UInt32
        let length: Int
        let position: RecordPosition
    }

    private(set) var interfaces: [CaptureInterface] = []
    private var clocks: [TimestampResolution] = []
    private var filter: PacketFilter?
    /// One per interface while a filter is set; nil entries accept everything.
    private var programs: [BPFProgram?] = []
    private var buffer: ReadBuffer
    private var loader = FieldLoader(swapped: false)
    /// Interface ids restart at 0 in each section; this is where the current section's begin.
    private var sectionBase = 0
    private var blockNumber = 0

    /// Reads the definitions up to the first packet, so `interfaces` is known before `next()`.
    init(buffer: consuming ReadBuffer) throws(CaptureError) {
        self.buffer = buffer
        while try nextBlockIsDefinition(), let block = try nextBlock() {
            try readDefinition(block)
        }
    }

    mutating func setFilter(_ filter: PacketFilter) throws(CaptureError) {
        var programs: [BPFProgram?] = []
        for interface in interfaces {
            programs.append(try Self.program(for: interface.linkType, filter: filter, reusing: programs, of: interfaces))
        }
        self.filter = filter
        self.programs = programs
    }

    /// The next packet the filter passes or interface defined; nil at the end of the file.
    mutating func next() throws(CaptureError) -> Event? {
        while let block = try nextBlock() {
            switch block.type {
            case Self.enhancedPacketType, Self.simplePacketType, Self.obsoletePacketType:
                let (info, packet) = try readPacket(block)
                // Consuming moves no bytes: the view stays valid until the next fill.
                buffer.consume(block.length)
                if !programs.isEmpty, let program = programs[info.interface],
                    !program.matches(packet, originalLength: info.originalLength)
                {
                    continue
                }
                return .packet(info, packet)
            case Self.sectionHeaderType, Self.interfaceType:
                if let interface = try readDefinition(block) { return .interface(interface) }
            default:
                let skipped = try buffer.skip(block.length)
                guard skipped == block.length else {
                    throw .truncatedRecord(buffer.name, block.position, needed: block.length, present: skipped)
                }
            }
        }
        return nil
    }

    // MARK: Blocks

    private mutating func nextBlockIsDefinition() throws(CaptureError) -> Bool {
        guard try buffer.fill(4) >= 4 else { return false }
        let type = loader.uint32(buffer.available, at: 0)
        return type == Self.sectionHeaderType || type == Self.interfaceType
    }

    /// Reads a block's type and length (and, for a section header, the section's byte order);
    /// nil at the end of the file.
    private mutating func nextBlock() throws(CaptureError) -> BlockHeader? {
        let position = RecordPosition(kind: "block", number: blockNumber + 1, byteOffset: buffer.offset)
        let present = try buffer.fill(12)
        if present == 0 { return nil }
        blockNumber += 1
        guard present >= 12 else { throw .truncatedRecord(buffer.name, position, needed: 12, present: present) }
        let bytes = buffer.available
        // The section header's type reads the same in both byte orders; its byte-order magic
        // decides how everything up to the next section header is read.
        let type = loader.uint32(bytes, at: 0)
        if type == Self.sectionHeaderType {
            switch bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self) {
            case Self.byteOrderMagic: loader = FieldLoader(swapped: false)
            case Self.byteOrderMagic.byteSwapped: loader = FieldLoader(swapped: true)
            case let magic: throw .badBlock(buffer.name, position, reason: "unknown byte-order magic \(Self.hex(magic))")
            }
        }
        let length = loader.uint32(bytes, at: 4)
        guard length >= 12, length % 4 == 0 else {
            throw .badBlock(buffer.name, position, reason: "length \(length) is not a multiple of 4 of at least 12")
        }
        return BlockHeader(type: type, length: Int(length), position: position)
    }

    /// Brings a whole block into the buffer and checks its trailing length; returns its body.
    private mutating func readBody(_ block: BlockHeader) throws(CaptureError) -> UnsafeRawBufferPointer {
        guard block.length <= ReadBuffer.maximumRecord else {
            throw .badBlock(buffer.name, block.position, reason: "length \(block.length) exceeds the 256 MiB limit")
        }
        let present = try buffer.fill(block.length)
        guard present >= block.length else {
            throw .truncatedRecord(buffer.name, block.position, needed: block.length, present: present)
        }
        let bytes = buffer.available
        let trailer = loader.uint32(bytes, at: block.length - 4)
        guard trailer == block.length else {
            throw .badBlock(
                buffer.name, block.position, reason: "trailing length \(trailer) differs from leading length \(block.length)")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[8..<(block.length - 4)])
    }

    /// Starts a section or adds an interface; returns the interface added.
    @discardableResult
    private mutating func readDefinition(_ block: BlockHeader) throws(CaptureError) -> CaptureInterface? {
        let body = try readBody(block)
        var added: CaptureInterface?
        if block.type == Self.sectionHeaderType {
            sectionBase = interfaces.count
        } else {
            added = try addInterface(body, block.position)
        }
        buffer.consume(block.length)
        return added
    }

    // MARK: Interfaces

    private mutating func addInterface(_ body: UnsafeRawBufferPointer, _ position: RecordPosition) throws(CaptureError) -> CaptureInterface {
        guard body.count >= 8 else {
            throw .badBlock(buffer.name, position, reason: "interface description of \(body.count) bytes, needs 8")
        }
        let rawLinkType = UInt32(loader.uint16(body, at: 0))
        guard let linkType = LinkType(rawValue: rawLinkType) else {
            throw .unsupportedLinkType(buffer.name, linkType: rawLinkType)
        }
        var name: String?
        var tsresol: UInt8 = 6  // pcapng's default: microseconds
        var offsetSeconds: Int64 = 0
        var offset = 8
        while offset + 4 <= body.count {
            let code = loader.uint16(body, at: offset)
            let length = Int(loader.uint16(body, at: offset + 2))
            let value = offset + 4
            guard value + length <= body.count else {
                throw .badBlock(buffer.name, position, reason: "option \(code) of \(length) bytes overruns the block")
            }
            switch (code, length) {
            case (0, _): break  // opt_endofopt
            case (2, _): name = String(decoding: body[value..<(value + length)], as: UTF8.self)
            case (9, 1...): tsresol = body[value]
            case (14, 8...): offsetSeconds = Int64(bitPattern: loader.uint64(body, at: value))
            default: break
            }
            offset = code == 0 ? body.count : value + (length + 3) & ~3
        }
        guard let clock = TimestampResolution(tsresol: tsresol, offsetSeconds: offsetSeconds) else {
            throw .badBlock(buffer.name, position, reason: "if_tsresol \(Self.hex(UInt32(tsresol))) is finer than 64-bit nanoseconds allow")
        }
        let interface = CaptureInterface(
            name: name, linkType: linkType, snapLength: Int(loader.uint32(body, at: 4)),
            timestampPrecision: clock.precision)
        if let filter {
            programs.append(try Self.program(for: linkType, filter: filter, reusing: programs, of: interfaces))
        }
        interfaces.append(interface)
        clocks.append(clock)
        return interface
    }

    /// Reuses the program of an earlier interface with the same link type.
    private static func program(
        for linkType: LinkType, filter: PacketFilter, reusing programs: [BPFProgram?], of interfaces: [CaptureInterface]
    ) throws(CaptureError) -> BPFProgram? {
        if let index = interfaces.firstIndex(where: { $0.linkType == linkType }), index < programs.count {
            return programs[index]
        }
        return try filter.offlineProgram(for: linkType)
    }

    // MARK: Packets

    private mutating func readPacket(_ block: BlockHeader) throws(CaptureError) -> (PacketInfo, UnsafeRawBufferPointer) {
        let body = try readBody(block)
        let interfaceID: Int
        let timestamp: UInt64
        let capturedLength: Int
        let originalLength: Int
        let dataOffset: Int
        if block.type == Self.simplePacketType {
            guard body.count >= 4 else { throw badPacket(block, "simple packet block of \(body.count) bytes, needs 4") }
            interfaceID = 0
            timestamp = 0  // simple packets carry no timestamp
            originalLength = Int(loader.uint32(body, at: 0))
            dataOffset = 4
            let snapLength = sectionBase < interfaces.count ? interfaces[sectionBase].snapLength : 0
            // Without a captured length, the packet is the smaller of what was sent and what fits.
            capturedLength = min(originalLength, body.count - dataOffset, snapLength == 0 ? .max : snapLength)
        } else {
            let obsolete = block.type == Self.obsoletePacketType
            guard body.count >= 20 else { throw badPacket(block, "packet block of \(body.count) bytes, needs 20") }
            interfaceID = obsolete ? Int(loader.uint16(body, at: 0)) : Int(loader.uint32(body, at: 0))
            timestamp = UInt64(loader.uint32(body, at: 4)) << 32 | UInt64(loader.uint32(body, at: 8))
            capturedLength = Int(loader.uint32(body, at: 12))
            originalLength = Int(loader.uint32(body, at: 16))
            dataOffset = 20
            guard capturedLength <= body.count - dataOffset else {
                throw badPacket(block, "captured length \(capturedLength) overruns the \(block.length)-byte block")
            }
        }
        let interface = sectionBase + interfaceID
        guard interface < interfaces.count else {
            throw badPacket(block, "packet names interface \(interfaceID), but its section defines \(interfaces.count - sectionBase)")
        }
        let info = PacketInfo(
            timestamp: clocks[interface].nanoseconds(timestamp),
            capturedLength: capturedLength,
            originalLength: originalLength,
            interface: interface,
            linkType: interfaces[interface].linkType)
        return (info, UnsafeRawBufferPointer(rebasing: body[dataOffset..<(dataOffset + capturedLength)]))
    }

    private func badPacket(_ block: BlockHeader, _ reason: String) -> CaptureError {
        .badBlock(buffer.name, block.position, reason: reason)
    }

    private static func hex(_ value: UInt32) -> String {
        "0x" + String(value, radix: 16)
    }
}
