import CPcap

/// Owns a `pcap_t`, closing it when the last user (source or stopper) lets go.
final class PcapHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { pcap_close(pointer) }

    var lastError: String { String(cString: pcap_geterr(pointer)) }
}
