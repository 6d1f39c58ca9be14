import Synchronization

/// How far a file replay has read, for the progress line: counted once per buffer refill, read
/// from the progress timer's thread.
public final class ReadProgress: Sendable {
    /// The file's size; nil for a pipe or standard input, where no time left can be told.
    public let totalBytes: Int64?
    private let read = Atomic<Int64>(0)

    init(totalBytes: Int64?) {
        self.totalBytes = totalBytes
    }

    public var bytesRead: Int64 { read.load(ordering: .relaxed) }

    func add(_ count: Int) {
        read.add(Int64(count), ordering: .relaxed)
    }
}
