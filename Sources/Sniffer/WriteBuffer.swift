/// Collects output in one large buffer so a capture file costs one `write(2)` per megabyte.
struct WriteBuffer: ~Copyable {
    private static let capacity = 1 << 20

    let file: FileDescriptor
    private let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
    private var count = 0
    private var flushed: Int64 = 0

    /// Bytes written so far, buffered ones included: the file's size once flushed.
    var position: Int64 { flushed + Int64(count) }

    init(file: consuming FileDescriptor) {
        self.file = file
    }

    deinit { storage.deallocate() }

    /// Makes room for `length` more bytes; false when they cannot fit even in an empty buffer.
    mutating func reserve(_ length: Int) throws(CaptureError) -> Bool {
        if count + length <= storage.count { return true }
        try flush()
        return length <= storage.count
    }

    /// Appends integers in this machine's byte order, which the file's magic numbers declare.
    mutating func append<Value: FixedWidthInteger>(_ value: Value) throws(CaptureError) {
        _ = try reserve(MemoryLayout<Value>.size)
        storage.storeBytes(of: value, toByteOffset: count, as: Value.self)
        count += MemoryLayout<Value>.size
    }

    /// Appends `bytes` and zero padding up to a multiple of `alignment`.
    mutating func append(_ bytes: UnsafeRawBufferPointer, paddedTo alignment: Int = 1) throws(CaptureError) {
        let padding = (alignment - bytes.count % alignment) % alignment
        if try reserve(bytes.count + padding) {
            UnsafeMutableRawBufferPointer(rebasing: storage[count...]).copyMemory(from: bytes)
            count += bytes.count
        } else {
            try file.writeAll(bytes)  // larger than the whole buffer, which reserve just emptied
            flushed += Int64(bytes.count)
        }
        for _ in 0..<padding { try append(UInt8(0)) }
    }

    /// Appends `bytes` and zero padding up to a multiple of `alignment`.
    mutating func append(_ bytes: [UInt8], paddedTo alignment: Int) throws(CaptureError) {
        // Array's withUnsafeBytes rethrows untyped errors: carry the typed one out by hand.
        var failure: CaptureError?
        bytes.withUnsafeBytes { view in
            do throws(CaptureError) { try append(view, paddedTo: alignment) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends one record (fixed header, packet padded to `alignment`, optional trailer) with a
    /// single capacity check: the per-packet path.
    mutating func appendRecord<Header>(
        header: Header, packet: UnsafeRawBufferPointer, alignment: Int, trailer: UInt32?
    ) throws(CaptureError) {
        let headerLength = MemoryLayout<Header>.size
        let padding = (alignment - packet.count % alignment) % alignment
        let total = headerLength + packet.count + padding + (trailer == nil ? 0 : 4)
        guard try reserve(total) else {
            try withUnsafeBytes(of: header) { bytes throws(CaptureError) in try append(bytes) }
            try append(packet, paddedTo: alignment)
            if let trailer { try append(trailer) }
            return
        }
        withUnsafeBytes(of: header) { bytes in
            UnsafeMutableRawBufferPointer(rebasing: storage[count...]).copyMemory(from: bytes)
        }
        UnsafeMutableRawBufferPointer(rebasing: storage[(count + headerLength)...]).copyMemory(from: packet)
        let end = count + headerLength + packet.count
        UnsafeMutableRawBufferPointer(rebasing: storage[end..<(end + padding)]).initializeMemory(as: UInt8.self, repeating: 0)
        if let trailer { storage.storeBytes(of: trailer, toByteOffset: end + padding, as: UInt32.self) }
        count += total
    }

    mutating func flush() throws(CaptureError) {
        guard count > 0 else { return }
        try file.writeAll(UnsafeRawBufferPointer(rebasing: storage[..<count]))
        flushed += Int64(count)
        count = 0
    }
}
