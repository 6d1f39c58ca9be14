extension PacketSource {
    public var progress: ReadProgress? { nil }

    /// Files name the interface; an SLL2 index in a file belongs to the capturing machine.
    public func interfaceName(of packet: UnsafeRawBufferPointer, info: PacketInfo) -> String? {
        interfaces.indices.contains(info.interface) ? interfaces[info.interface].name : nil
    }
}
