import Codec
import ElectionModel

/// What a router's adverts reveal of its configuration: compared between routers of one virtual router
/// to find misconfigurations, and reported in the summary.
struct AdvertSettings: Sendable, Hashable {
    var version: UInt8
    var intervalCentiseconds: Int
    var authentication: Authentication
    /// As sent; compared as sets.
    var addresses: [IPAddress]
    /// The checksum form of a valid VRRPv3-over-IPv4 advert; nil where there is only one form.
    var checksumForm: ChecksumForm?

    /// - Parameter addresses: `packet.addresses` as an array (see `AddressArrays`).
    init(_ packet: borrowing VRRPPacket, addresses: [IPAddress], isIPv6: Bool, insideAH: Bool) {
        version = packet.version
        intervalCentiseconds = packet.intervalCentiseconds
        authentication = Authentication(packet, insideAH: insideAH)
        self.addresses = addresses
        if packet.version == 3, !isIPv6, case .valid(let form) = packet.checksumCheck {
            checksumForm = form
        } else {
            checksumForm = nil
        }
    }

    var interval: Int64 { VRRPTimers.interval(centiseconds: intervalCentiseconds) }

    /// VRRPv2 authentication (RFC 3768 §5.3.6; RFC 2338 for AH), or IPsec AH around any version.
    enum Authentication: Sendable, Hashable, CustomStringConvertible {
        case none
        /// The 8 password bytes; compared, never printed.
        case simple(UInt64)
        case ipAH
        /// Cisco's auth type 254: the digest differs per packet, so only the kind is compared.
        case ciscoMD5
        case other(UInt8)

        init(_ packet: borrowing VRRPPacket, insideAH: Bool) {
            if insideAH { self = .ipAH; return }
            guard packet.hasVersion2Layout else { self = .none; return }
            switch packet.authType {
            case 0: self = .none
            case 1: self = .simple(packet.authData ?? 0)
            case 2: self = .ipAH
            case CiscoMD5Authentication.authType where packet.ciscoMD5 != nil: self = .ciscoMD5
            default: self = .other(packet.authType)
            }
        }

        var description: String {
            switch self {
            case .none: "none"
            case .simple: "simple"
            case .ipAH: "ah"
            case .ciscoMD5: "md5"
            case .other(let type): "type \(type)"
            }
        }
    }
}
