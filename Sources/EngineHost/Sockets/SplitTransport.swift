import Codec

/// Adverts received on one socket and sent on another: with `--use-vmac`, received on the interface
/// (where reverse-path filtering judges them as for any node) and sent from the macvlan, so they
/// leave from the virtual MAC.
public final class SplitTransport: VRRPTransport {
    private let receiving: any VRRPTransport
    private let sending: any VRRPTransport

    public init(receiving: any VRRPTransport, sending: any VRRPTransport) {
        self.receiving = receiving
        self.sending = sending
    }

    public var descriptor: Int32 { receiving.descriptor }
    public var sourceAddress: IPAddress { sending.sourceAddress }
    public func send(_ message: [UInt8], to destination: IPAddress) throws(HostError) { try sending.send(message, to: destination) }
    public func receive() -> ReceivedDatagram? { receiving.receive() }
}
