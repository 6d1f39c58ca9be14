import Foundation

/// One line of `vrrpdump --json`: the fixed keys of the schema (issue 2, "CLI output") plus the
/// extra ones the differential tests compare. Unknown keys are ignored, so the schema may grow.
struct DumpRecord: Decodable, Sendable {
    struct IP: Decodable, Sendable {
        let version: Int
        let src: String
        let dst: String
        let ttl: Int
    }

    struct VRRP: Decodable, Sendable {
        let version: Int
        let type: Int
        let vrid: Int
        let priority: Int
        let count: Int
        let intervalCs: Int
        /// Present for the v2 layout only.
        let authType: Int?
        let auth: String?
        let addrs: [String]
        /// "valid" | "invalid" | "unverified"
        let checksum: String
        /// "plain" | "pseudo-header" | "pseudo-header-224.0.0.18" | nil
        let checksumForm: String?
        let checksumValue: Int?

        var hasVersion2Layout: Bool { authType != nil }
    }

    struct ARP: Decodable, Sendable {
        let op: Int
        let senderMac: String?
        let senderIp: String
        let targetMac: String?
        let targetIp: String
        let gratuitous: Bool
    }

    struct NA: Decodable, Sendable {
        let target: String
        let router: Bool
        let solicited: Bool
        let override: Bool
        let tlla: String?
        let unsolicited: Bool
        let checksum: String?
    }

    struct CARP: Decodable, Sendable {
        let version: Int
        let type: Int
        let vhid: Int
        let advskew: Int
        let advbase: Int
        let demote: Int
        let counter: UInt64
        let checksum: String
    }

    struct AH: Decodable, Sendable {
        let spi: UInt32
        let seq: UInt32
        let nextHeader: Int
    }

    let ts: Double
    /// "vrrp" | "arp" | "na" | "carp" | "other"
    let kind: String
    let interface: String?
    let len: Int?
    let caplen: Int?
    let vlan: [Int]
    let srcMac: String?
    let dstMac: String?
    let ip: IP?
    let vrrp: VRRP?
    let arp: ARP?
    let na: NA?
    let carp: CARP?
    let ah: AH?
    /// Why a layer could not be decoded (malformed or truncated packets).
    let error: String?
    let problems: [String]

    /// Whole microseconds since the epoch (the precision tcpdump prints).
    var microseconds: Int64 { Int64((ts * 1_000_000).rounded()) }

    struct LineError: Error, CustomStringConvertible {
        let source: String
        let line: Int
        let text: String
        let reason: String
        var description: String { "\(source): stdout line \(line) is not a valid record (\(reason)): \(text.prefix(300))" }
    }

    /// Decodes JSON Lines: every line must be one JSON object (checked with JSONSerialization
    /// first, as any consumer would), and must match the fixed keys.
    static func decodeLines(_ data: Data, source: String) throws -> [DumpRecord] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var records: [DumpRecord] = []
        for (index, line) in ProcessOutcome.lines(String(decoding: data, as: UTF8.self)).enumerated() {
            let bytes = Data(line.utf8)
            guard (try? JSONSerialization.jsonObject(with: bytes)) is [String: Any] else {
                throw LineError(source: source, line: index + 1, text: line, reason: "not a JSON object")
            }
            do {
                records.append(try decoder.decode(DumpRecord.self, from: bytes))
            } catch {
                throw LineError(source: source, line: index + 1, text: line, reason: "\(error)")
            }
        }
        return records
    }
}
