/// Streams a file through one large buffer so records can be handed out as borrowed views.
///
/// Memory stays flat: the buffer grows only when a single record is larger than it, up to
/// `maximumRecord`; callers reject larger lengths before asking.
struct ReadBuffer: ~Copyable {
    static let initialCapacity = 1 << 20
    static let maximumRecord = 256 << 20

    let file: FileDescriptor
    private var storage: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// File offset of `storage[start]`.
    private(set) var offset: Int64 = 0
    /// The stopper's wake descriptor: a blocked read returns as if the file ended.
    var wake: Int32 = -1
    /// Counts the bytes read, for a replay's progress line.
    var progress: ReadProgress?

    init(file: consuming FileDescriptor) {
        self.file = file
        storage = .allocate(byteCount: Self.initialCapacity, alignment: 8)
    }

    deinit { storage.deallocate() }

    var name: String { file.displayName }

    /// The unconsumed bytes already in memory.
    var available: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

    /// Makes at least `count` bytes available unless the file ends first; returns how many are.
    /// Inlined: for almost every record the bytes are already there.
    @inline(__always)
    mutating func fill(_ count: Int) throws(CaptureError) -> Int {
        if end - start >= count || atEnd { return end - start }
        return try refill(count)
    }

    private mutating func refill(_ count: Int) throws(CaptureError) -> Int {
        if count > storage.count - start {
            makeRoom(for: count)
        }
        while end - start < count {
            let read = try file.readSome(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]), wake: wake)
            if read == 0 {
                atEnd = true
                break
            }
            end += read
            progress?.add(read)
        }
        return end - start
    }

    mutating func consume(_ count: Int) {
        start += count
        offset += Int64(count)
    }

    /// Consumes `count` bytes without holding them all, for blocks we do not read; returns how
    /// many were there.
    mutating func skip(_ count: Int) throws(CaptureError) -> Int {
        var skipped = 0
        while skipped < count {
            let present = try fill(min(count - skipped, storage.count))
            if present == 0 { break }
            let step = min(present, count - skipped)
            consume(step)
            skipped += step
        }
        return skipped
    }

    /// Moves the unconsumed tail to the front, growing the storage if `count` still does not fit.
    private mutating func makeRoom(for count: Int) {
        let pending = end - start
        if count > storage.count {
            var capacity = storage.count
            while capacity < count { capacity *= 2 }
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
            grown.copyMemory(from: available)
            storage.deallocate()
            storage = grown
        } else {
            storage.copyMemory(from: available)  // copyMemory is memmove: overlap is fine
        }
        start = 0
        end = pending
    }
}
