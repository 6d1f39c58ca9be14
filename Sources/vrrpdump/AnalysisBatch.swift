import Codec
import ElectionModel
import Printers
import Sniffer

/// Frames handed from the capture loop to the `AnalysisThread`, in order.
///
/// Items point to their memo entries without retaining them: a reference count touched for every
/// packet by both threads would bounce between their caches. The batch instead holds one strong
/// reference per entry it uses (a small table of recent entries skips most repeats), which keeps
/// every entry alive until the batch is analysed, even if the memo has evicted it. Frames decoded
/// past the memo are kept in the batch itself, in order.
struct AnalysisBatch: Sendable {
    struct Item: Sendable {
        /// Nil: the next of `frames`.
        let entry: Unmanaged<FrameMemo.Entry>?
        let timestamp: Int64
        let interface: String?
    }

    static let capacity = 1024

    private(set) var items: [Item] = []
    private(set) var frames: [Frame] = []
    /// Whether the decoder counted `frames` in its tally; if not, the analysis counts them.
    let framesTallied: Bool
    private var owners: [FrameMemo.Entry] = []
    /// Entries already owned, by a hash of their address: 1,024 places, since 64 groups keep some 320
    /// frames live at once (with 256, two appends in three missed and took a reference).
    private var recent = [UInt](repeating: 0, count: 1 << Self.recentBits)
    private static let recentBits = 10

    init(framesTallied: Bool = true) {
        self.framesTallied = framesTallied
        items.reserveCapacity(Self.capacity)
    }

    var isFull: Bool { items.count >= Self.capacity }
    var isEmpty: Bool { items.isEmpty }

    /// Decodes `bytes` with `decoder` into the batch.
    mutating func append(_ bytes: UnsafeRawBufferPointer, linkType: LinkType, decoder: inout TimelineDecoder,
                         at timestamp: Int64, interface: String?) {
        // Whole at once: grown by doubling, the frames were copied about twice more (5 % of UNIQUE's reading).
        if !decoder.usesMemo, frames.capacity == 0 { frames.reserveCapacity(Self.capacity) }
        guard let entry = decoder.decode(bytes, linkType: linkType, alone: &frames) else {
            return items.append(Item(entry: nil, timestamp: timestamp, interface: interface))
        }
        let address = UInt(bitPattern: ObjectIdentifier(entry))
        let slot = Int(truncatingIfNeeded: (UInt64(address) &* 0x9E37_79B9_7F4A_7C15) >> (64 - Self.recentBits))
        if recent[slot] != address {
            recent[slot] = address
            owners.append(entry)
        }
        items.append(Item(entry: .passUnretained(entry), timestamp: timestamp, interface: interface))
    }

    /// Counts into `tally` the frames the decoder left uncounted, without analysing them (the output
    /// has failed: the statistics still count every frame read).
    func countUntallied(into tally: inout PacketTally) {
        guard !framesTallied else { return }
        frames.withUnsafeBufferPointer { frames in
            for index in frames.indices { tally.count(frames[index]) }
        }
    }

    /// Runs `body` on the frames in place (the analysis moves each out and back: see `TimelineOutput`).
    mutating func withFrames<R>(_ body: (UnsafeMutableBufferPointer<Frame>) -> R) -> R {
        frames.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Lets go of one entry or frame of an analysed batch; false once none is left. Freed one at a time,
    /// between decodes, their memory goes straight back to the next decode: a whole batch freed at once
    /// overflowed the allocator's per-thread cache, and every later allocation and free took its slow path.
    mutating func releaseOne() -> Bool {
        if !items.isEmpty { items.removeAll() }  // they point into the owners, unretained
        if !owners.isEmpty {
            owners.removeLast()
        } else if !frames.isEmpty {
            frames.removeLast()
        } else {
            return false
        }
        return true
    }
}
