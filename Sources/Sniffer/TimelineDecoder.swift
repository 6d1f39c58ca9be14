import Codec
import ElectionModel

/// Decodes frames for the election analyser through a `FrameMemo` while frames repeat, and past it
/// while they do not. VRRP traffic is mostly repeats and the memo saves their decode, but where
/// frames are unique (AH sequence numbers, a busy ARP segment) it only adds a copy and a lookup per
/// frame.
///
/// Judged every `window` frames: the memo is kept while at least a quarter of the frames it saw
/// were repeats; otherwise one frame in `sampling` still goes through it (so that it learns the
/// frames of the moment) and the memo is taken back once half of those are repeats. The two
/// thresholds differ so that traffic near one of them does not switch at every window.
public struct TimelineDecoder {
    public static let window = 1024
    public static let sampling = 8

    /// Whether frames go through the memo now.
    public private(set) var usesMemo = true
    private let window: Int
    private var memo = FrameMemo()
    private var frames = 0
    private var looked = 0
    private var hitsBefore = 0

    /// - Parameter window: frames per judgement; tests use short ones.
    public init(window: Int = TimelineDecoder.window) {
        self.window = max(window, Self.sampling)
    }

    /// Every frame decoded, counted as `PacketTally.count` counts them.
    public var tally: PacketTally { memo.tally }

    public mutating func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> FrameMemo.Entry {
        frames += 1
        let entry: FrameMemo.Entry
        if usesMemo || frames % Self.sampling == 0 {
            looked += 1
            entry = memo.decode(bytes, linkType: linkType)
        } else {
            entry = memo.decodeAlone(bytes, linkType: linkType)
        }
        if frames == window { judge() }
        return entry
    }

    private mutating func judge() {
        let hits = memo.hits - hitsBefore
        usesMemo = usesMemo ? 4 * hits >= looked : 2 * hits >= looked
        hitsBefore = memo.hits
        frames = 0
        looked = 0
    }
}
