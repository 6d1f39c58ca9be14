import ElectionModel
@testable import Sniffer

/// A delivered packet, copied out of the source's buffer.
struct Collected: Equatable {
    let info: PacketInfo
    let bytes: [UInt8]
}

extension PacketSource {
    /// Every packet the source delivers, copied.
    func collect() throws -> [Collected] {
        var packets: [Collected] = []
        try forEach { info, bytes in
            packets.append(Collected(info: info, bytes: Array(bytes)))
            return true
        }
        return packets
    }
}

/// The packets delivered before a failure, and the failure's one-line description.
func collectUntilFailure(_ source: any PacketSource) -> (packets: [Collected], error: String?) {
    var packets: [Collected] = []
    do {
        try source.forEach { info, bytes in
            packets.append(Collected(info: info, bytes: Array(bytes)))
            return true
        }
        return (packets, nil)
    } catch {
        return (packets, "\(error)")
    }
}
