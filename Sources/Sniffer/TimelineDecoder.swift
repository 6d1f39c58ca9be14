import Codec
import ElectionModel

/// Decodes frames for the election analyser through a `FrameMemo` while frames repeat, and past it
/// while they do not. VRRP traffic is mostly repeats and the memo saves their decode, but where
/// frames are unique (AH sequence numbers, a busy ARP segment) it only adds a copy and a lookup per
/// frame.
///
/// Judged every `window` frames: the memo is kept while at least a quarter of the frames it saw
/// were repeats; otherwise one frame in `sampling` is still looked for among the frames sampled
/// before (by its `FrameMemo.fingerprint`, so that the decoder learns the frames of the moment) and
/// the memo is taken back once half of those are repeats. The two thresholds differ so that traffic
/// near one of them does not switch at every window.
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
    /// While the memo is off: the fingerprints of recently sampled frames, by their top bits, and how
    /// many sampled frames repeated one. (Sampled through the memo itself, each such frame was
    /// decoded into an entry that evicted another: a twelfth of a unique frame's reading.)
    private var sampled = [UInt64](repeating: 0, count: 1 << Self.sampledBits)
    private var sampledRepeats = 0
    private static let sampledBits = 10

    /// - Parameter window: frames per judgement; tests use short ones.
    public init(window: Int = TimelineDecoder.window) {
        self.window = max(window, Self.sampling)
    }

    /// Every frame decoded, counted as `PacketTally.count` counts them; without those decoded past the
    /// memo while `talliesAlone` was false.
    public var tally: PacketTally { memo.tally }

    /// Whether frames decoded past the memo are counted in `tally`. A file replay's analysis thread
    /// counts them instead while the reading thread is the busier of the two (see `AnalysisFeed`).
    public var talliesAlone = true

    /// Decodes `bytes` through the memo, returning its entry, or past it, appending the frame to
    /// `alone` and returning nil. A frame past the memo needs no object around it: a unique frame's
    /// entry cost as much to make and free as a tenth of its whole analysis. (Returned in an enum
    /// with the entry, the frame was copied through the enum's generic copy, which cost more.)
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType,
                                alone: inout [Frame]) -> FrameMemo.Entry? {
        defer { endFrame() }
        guard startFrame(bytes, linkType: linkType) else {
            alone.append(memo.decodeAlone(bytes, linkType: linkType, counting: talliesAlone))
            return nil
        }
        return memo.decode(bytes, linkType: linkType)
    }

    /// What `decode(_:linkType:)` hands the analyser.
    public enum Decoded {
        /// Through the memo: shared with the frame's repeats, which follow the route it keeps.
        case entry(FrameMemo.Entry)
        /// Past it: the frame alone.
        case frame(Frame)
    }

    /// `decode(_:linkType:alone:)` for one frame at a time, where the enum's cost does not matter.
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Decoded {
        defer { endFrame() }
        guard startFrame(bytes, linkType: linkType) else {
            return .frame(memo.decodeAlone(bytes, linkType: linkType, counting: talliesAlone))
        }
        return .entry(memo.decode(bytes, linkType: linkType))
    }

    /// Counts a frame, and samples it while the memo is off; whether it goes through the memo.
    private mutating func startFrame(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Bool {
        frames += 1
        if usesMemo {
            looked += 1
            return true
        }
        if frames % Self.sampling == 0 {
            looked += 1
            let print = FrameMemo.fingerprint(bytes, linkType: linkType)
            let slot = Int(truncatingIfNeeded: print >> (64 - Self.sampledBits))
            if sampled[slot] == print { sampledRepeats += 1 } else { sampled[slot] = print }
        }
        return false
    }

    /// After a frame's decode: the judgement, every `window` frames.
    private mutating func endFrame() {
        if frames == window { judge() }
    }

    private mutating func judge() {
        let hits = usesMemo ? memo.hits - hitsBefore : sampledRepeats
        usesMemo = usesMemo ? 4 * hits >= looked : 2 * hits >= looked
        hitsBefore = memo.hits
        sampledRepeats = 0
        frames = 0
        looked = 0
    }
}
