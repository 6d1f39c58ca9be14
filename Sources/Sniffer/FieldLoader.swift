/// Loads fixed-size integers from a file's records in the byte order its header declared.
struct FieldLoader {
    /// True when the file was written on a machine of the other byte order.
    let swapped: Bool

    func uint16(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return swapped ? raw.byteSwapped : raw
    }

    func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return swapped ? raw.byteSwapped : raw
    }

    func uint64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return swapped ? raw.byteSwapped : raw
    }
}
