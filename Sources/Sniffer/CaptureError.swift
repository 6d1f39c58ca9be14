import Codec
import CPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a capture could not be opened, read, filtered or written.
///
/// Each `description` is one line naming the file, interface or expression and the reason.
public enum CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSuchFile(String)
    case permissionDenied(String)
    /// Another `open(2)`, `read(2)` or `write(2)` failure, with its errno.
    case systemError(String, operation: String, errno: Int32)
    /// The first bytes match neither pcap nor pcapng; holds up to four of them.
    case notACaptureFile(String, firstBytes: [UInt8])
    case truncatedFileHeader(String, needed: Int, present: Int)
    case unsupportedLinkType(String, linkType: UInt32)
    /// A record or block ends before the length its header claims.
    case truncatedRecord(String, RecordPosition, needed: Int, present: Int)
    /// A captured length beyond any sane snapshot length: the file is damaged or not what it says.
    case badCapturedLength(String, RecordPosition, length: UInt32, limit: Int)
    /// A pcapng block whose structure is inconsistent (length, interface id, …).
    case badBlock(String, RecordPosition, reason: String)
    case noSuchDevice(String)
    case capturePermissionDenied(String)
    case promiscuousPermissionDenied(String)
    case interfaceDown(String)
    /// libpcap failed on a live interface; holds its message.
    case captureFailed(String, message: String)
    case badFilter(expression: String, linkType: String, message: String)
    /// A pcap file can carry only one link type; the writer met a second one.
    case mixedLinkTypes(String, first: String, second: String)
    /// A packet names an interface its source does not list.
    case undefinedInterface(String, index: Int)

    public var description: String {
        switch self {
        case .noSuchFile(let file):
            "\(file): no such file"
        case .permissionDenied(let file):
            "\(file): permission denied"
        case .systemError(let file, let operation, let errno):
            "\(file): \(operation) failed: \(String(cString: strerror(errno)))"
        case .notACaptureFile(let file, let bytes) where bytes.isEmpty:
            "\(file): empty, not a pcap or pcapng file"
        case .notACaptureFile(let file, let bytes):
            "\(file): not a pcap or pcapng file (starts with \(bytes.map(Self.hex).joined(separator: " ")))"
        case .truncatedFileHeader(let file, let needed, let present):
            "\(file): truncated file header: needs \(needed) bytes, \(present) present"
        case .unsupportedLinkType(let source, let linkType):
            "\(source): unsupported link type \(Self.linkTypeName(linkType)); supported: "
                + LinkType.allCases.map(\.name).joined(separator: ", ")
        case .truncatedRecord(let file, let position, let needed, let present):
            "\(file): truncated \(position): header says \(needed) bytes, \(present) present"
        case .badCapturedLength(let file, let position, let length, let limit):
            "\(file): \(position): captured length \(length) exceeds the limit of \(limit) bytes (damaged file?)"
        case .badBlock(let file, let position, let reason):
            "\(file): bad pcapng \(position): \(reason)"
        case .noSuchDevice(let interface):
            "\(interface): no such device"
        case .capturePermissionDenied(let interface):
            "capturing on \(interface) needs CAP_NET_RAW (and CAP_NET_ADMIN for promiscuous mode): "
                + "run as root or grant them with setcap"
        case .promiscuousPermissionDenied(let interface):
            "\(interface): no permission for promiscuous mode: grant CAP_NET_ADMIN or capture with -p"
        case .interfaceDown(let interface):
            "\(interface): interface is down: bring it up with 'ip link set \(interface) up'"
        case .captureFailed(let interface, let message):
            "\(interface): \(message)"
        case .badFilter(let expression, let linkType, let message):
            "bad filter expression '\(expression)' for link type \(linkType): \(message)"
        case .mixedLinkTypes(let file, let first, let second):
            "\(file): cannot add a \(second) interface to a pcap file of \(first) packets"
        case .undefinedInterface(let file, let index):
            "\(file): packet names interface \(index), which its source does not define"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
    }

    /// Names a link type as tcpdump's -y does, e.g. "105 (IEEE802_11)", "147 (USER0)".
    private static func linkTypeName(_ linkType: UInt32) -> String {
        // libpcap 1.10 has no names for the private-use types users most often stumble on.
        if (147...162).contains(linkType) { return "\(linkType) (USER\(linkType - 147))" }
        // LINKTYPE_ and DLT_ values agree except for a few old ones we would not name anyway.
        guard linkType <= Int32.max, let name = pcap_datalink_val_to_name(Int32(linkType)) else {
            return "\(linkType)"
        }
        return "\(linkType) (\(String(cString: name)))"
    }
}
