import Codec

/// Writes packets to a capture file (`-` for standard output) that tcpdump and Wireshark open.
///
/// Classic pcap when every interface shares one link type (nanosecond magic only if an input
/// interface records nanoseconds; microseconds are what most tools expect), otherwise pcapng with
/// one interface description per interface, each keeping its name and timestamp precision
/// (tcpdump 4.99 with libpcap 1.10 refuses such pcapng files; Wireshark reads them).
///
/// Output is buffered: call `flush()` to push it out (per packet for `-U`/`-l`, and before
/// exiting); errors surface there or in `write`.
public final class CaptureWriter {
    private enum Format {
        /// One precision for the whole file, declared by its magic.
        case pcap(linkType: LinkType, precision: TimestampPrecision)
        case pcapng
    }

    private var output: WriteBuffer
    private let format: Format
    private let source: any PacketSource
    private var written: [CaptureInterface] = []

    /// Chooses the format from `source`'s interfaces; interfaces it defines later are added as
    /// their first packets arrive.
    public init(path: String, for source: any PacketSource) throws(CaptureError) {
        let interfaces = source.interfaces
        output = WriteBuffer(file: try .openForWriting(path))
        self.source = source
        let linkTypes = Set(interfaces.map(\.linkType))
        if linkTypes.count == 1, let linkType = linkTypes.first {
            let precision: TimestampPrecision =
                interfaces.contains { $0.timestampPrecision == .nanoseconds } ? .nanoseconds : .microseconds
            format = .pcap(linkType: linkType, precision: precision)
            try writePcapHeader(
                linkType: linkType, snapLength: interfaces.map(\.snapLength).max() ?? 0, precision: precision)
        } else {
            format = .pcapng
            try writeSectionHeader()
        }
        for interface in interfaces { try add(interface) }
    }

    deinit {
        try? output.flush()  // best effort; callers who care about errors flush first
    }

    public func write(_ packet: UnsafeRawBufferPointer, info: PacketInfo) throws(CaptureError) {
        if info.interface >= written.count { try addInterfaces(through: info.interface) }
        guard written.indices.contains(info.interface) else {
            throw .undefinedInterface(output.file.displayName, index: info.interface)
        }
        let seconds = info.timestamp / 1_000_000_000
        let nanoseconds = info.timestamp % 1_000_000_000
        switch format {
        case .pcap(_, let precision):
            let fraction = precision == .nanoseconds ? nanoseconds : nanoseconds / 1_000
            let header = (
                UInt32(truncatingIfNeeded: seconds), UInt32(truncatingIfNeeded: fraction),
                UInt32(truncatingIfNeeded: packet.count), UInt32(truncatingIfNeeded: info.originalLength)
            )
            try output.appendRecord(header: header, packet: packet, alignment: 1, trailer: nil)
        case .pcapng:
            let nanosecondUnits = written[info.interface].timestampPrecision == .nanoseconds
            let units: Int64 = nanosecondUnits ? 1_000_000_000 : 1_000_000
            let fraction = nanosecondUnits ? nanoseconds : nanoseconds / 1_000
            let timestamp = UInt64(bitPattern: seconds &* units &+ fraction)
            let length = UInt32(truncatingIfNeeded: 32 + (packet.count + 3) & ~3)
            let header = (
                PcapngReader.enhancedPacketType, length, UInt32(truncatingIfNeeded: info.interface),
                UInt32(truncatingIfNeeded: timestamp >> 32), UInt32(truncatingIfNeeded: timestamp),
                UInt32(truncatingIfNeeded: packet.count), UInt32(truncatingIfNeeded: info.originalLength)
            )
            try output.appendRecord(header: header, packet: packet, alignment: 4, trailer: length)
        }
    }

    /// The file's size so far, counting what is still buffered (tcpdump's `pcap_dump_ftell`).
    public var size: Int64 { output.position }

    public func flush() throws(CaptureError) {
        try output.flush()
    }

    private func addInterfaces(through index: Int) throws(CaptureError) {
        let interfaces = source.interfaces
        while written.count <= index, written.count < interfaces.count {
            try add(interfaces[written.count])
        }
    }

    private func add(_ interface: CaptureInterface) throws(CaptureError) {
        switch format {
        case .pcap(let linkType, _) where interface.linkType != linkType:
            throw .mixedLinkTypes(output.file.displayName, first: linkType.name, second: interface.linkType.name)
        case .pcap:
            break
        case .pcapng:
            try writeInterfaceDescription(interface)
        }
        written.append(interface)
    }

    private func writePcapHeader(linkType: LinkType, snapLength: Int, precision: TimestampPrecision) throws(CaptureError) {
        try output.append(precision == .nanoseconds ? PcapReader.nanosecondMagic : PcapReader.microsecondMagic)
        try output.append(UInt16(2))
        try output.append(UInt16(4))
        try output.append(Int32(0))  // thiszone: timestamps are UTC
        try output.append(UInt32(0))  // sigfigs
        try output.append(UInt32(truncatingIfNeeded: snapLength == 0 ? SnapLength.maximum : snapLength))
        try output.append(linkType.rawValue)
    }

    private func writeSectionHeader() throws(CaptureError) {
        try output.append(PcapngReader.sectionHeaderType)
        try output.append(UInt32(28))
        try output.append(PcapngReader.byteOrderMagic)
        try output.append(UInt16(1))
        try output.append(UInt16(0))
        try output.append(Int64(-1))  // section length unknown: we stream
        try output.append(UInt32(28))
    }

    private func writeInterfaceDescription(_ interface: CaptureInterface) throws(CaptureError) {
        // An option holds at most 0xFFFF bytes; a longer name (a hostile input file's, or invalid UTF-8
        // that grew when read) is cut there rather than overflowing the length field.
        let name = Array((interface.name ?? "").utf8.prefix(Int(UInt16.max)))
        let nameOption = name.isEmpty ? 0 : 4 + (name.count + 3) & ~3
        let nanoseconds = interface.timestampPrecision == .nanoseconds
        let resolutionOption = nanoseconds ? 8 : 0
        let optionsLength = nameOption + resolutionOption + (nameOption + resolutionOption > 0 ? 4 : 0)
        let length = UInt32(20 + optionsLength)
        try output.append(PcapngReader.interfaceType)
        try output.append(length)
        try output.append(UInt16(interface.linkType.rawValue))
        try output.append(UInt16(0))
        try output.append(UInt32(truncatingIfNeeded: interface.snapLength))
        if !name.isEmpty {
            try output.append(UInt16(2))
            try output.append(UInt16(name.count))
            try output.append(name, paddedTo: 4)
        }
        if nanoseconds {
            try output.append(UInt16(9))
            try output.append(UInt16(1))
            try output.append([9], paddedTo: 4)  // if_tsresol: 10^-9 seconds
        }
        if optionsLength > 0 { try output.append(UInt32(0)) }  // opt_endofopt
        try output.append(length)
    }
}
