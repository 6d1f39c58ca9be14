/// An ARP message for IPv4 over an IEEE 802 network (hardware length 6, protocol length 4).
public struct ARPPacket: Hashable, Sendable {
    public var hardwareType: UInt16
    public var protocolType: UInt16
    public var operation: UInt16
    public var senderMAC: MACAddress
    public var senderIP: IPv4Address
    public var targetMAC: MACAddress
    public var targetIP: IPv4Address

    public init(hardwareType: UInt16 = 1, protocolType: UInt16 = EtherType.ipv4, operation: UInt16,
                senderMAC: MACAddress, senderIP: IPv4Address, targetMAC: MACAddress, targetIP: IPv4Address) {
        self.hardwareType = hardwareType
        self.protocolType = protocolType
        self.operation = operation
        self.senderMAC = senderMAC
        self.senderIP = senderIP
        self.targetMAC = targetMAC
        self.targetIP = targetIP
    }

    public static let request: UInt16 = 1
    public static let reply: UInt16 = 2

    /// What the message does, in the terms of RFC 5227 and of the two gratuitous-ARP styles.
    public enum Kind: String, Sendable {
        /// Request with sender IP 0.0.0.0 (RFC 5227 §2.1.1).
        case probe
        /// Request with sender IP = target IP and a zero target MAC: RFC 5227 §2.3, as keepalived sends.
        case announcement
        /// Request with sender IP = target IP and a non-zero target MAC.
        case gratuitousRequest = "gratuitous-request"
        /// Reply for the sender's own address (target MAC broadcast, or sender IP = target IP), as Cisco sends.
        case gratuitousReply = "gratuitous-reply"
        case request
        case reply
        case other
    }

    public var kind: Kind {
        switch operation {
        case Self.request:
            if senderIP == .any { return .probe }
            if senderIP == targetIP { return targetMAC == .zero ? .announcement : .gratuitousRequest }
            return .request
        case Self.reply:
            return targetMAC == .broadcast || senderIP == targetIP ? .gratuitousReply : .reply
        default:
            return .other
        }
    }

    /// Whether the message advertises the sender's own binding unasked (a GARP in either style).
    public var isGratuitous: Bool {
        switch kind {
        case .announcement, .gratuitousRequest, .gratuitousReply: true
        default: false
        }
    }

    public static func decode(_ reader: inout ByteReader) throws(DecodeError) -> ARPPacket {
        let hardwareType = try reader.readUInt16()
        let protocolType = try reader.readUInt16()
        let hardwareLength = try reader.readUInt8()
        let protocolLength = try reader.readUInt8()
        guard hardwareLength == 6, protocolLength == 4 else {
            throw .invalid(.arp, "address lengths \(hardwareLength)/\(protocolLength), only 6/4 (Ethernet/IPv4) decoded")
        }
        return ARPPacket(
            hardwareType: hardwareType, protocolType: protocolType, operation: try reader.readUInt16(),
            senderMAC: try reader.readMAC(), senderIP: try reader.readIPv4(),
            targetMAC: try reader.readMAC(), targetIP: try reader.readIPv4())
    }

    public func encode(into writer: inout ByteWriter) {
        writer.write(hardwareType)
        writer.write(protocolType)
        writer.write(UInt8(6))
        writer.write(UInt8(4))
        writer.write(operation)
        writer.write(senderMAC)
        writer.write(senderIP)
        writer.write(targetMAC)
        writer.write(targetIP)
    }
}
