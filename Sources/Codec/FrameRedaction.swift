extension Frame {
    /// Replaces VRRPv2 simple-text passwords with asterisks, keeping lengths and a valid checksum
    /// where it was valid. Returns whether anything changed.
    public mutating func redactPasswords() -> Bool {
        guard case .ipv4(let header, let payload) = network, let redacted = payload.redactingPasswords(
            source: .v4(header.source), destination: .v4(header.destination)) else { return false }
        network = .ipv4(header, redacted)
        return true
    }
}

extension IPPayload {
    func redactingPasswords(source: IPAddress, destination: IPAddress) -> IPPayload? {
        switch self {
        case .vrrp(var packet):
            guard packet.hasVersion2Layout, packet.authType == 1, let data = packet.authData, data != 0 else { return nil }
            var masked: UInt64 = 0
            for i in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: data >> (56 - 8 * i))
                masked = masked << 8 | (byte == 0 ? 0 : UInt64(UInt8(ascii: "*")))
            }
            packet.authData = masked
            if packet.checksumCheck.isValid {
                packet.checksum = packet.computedChecksum(form: .plain, source: source, destination: destination)
            }
            return .vrrp(packet)
        case .authenticated(let header, let inner):
            return inner.redactingPasswords(source: source, destination: destination).map { .authenticated(header, $0) }
        default:
            return nil
        }
    }
}
