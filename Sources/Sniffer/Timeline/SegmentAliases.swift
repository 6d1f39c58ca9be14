import ElectionModel

/// Views found to carry copies of the same frames are one segment: the first view a segment was seen
/// on names it, so a virtual router keeps one identity whichever copy of a frame arrives first.
struct SegmentAliases: Sendable {
    private var canonical: [Segment: Segment] = [:]

    func resolve(_ view: Segment) -> Segment { canonical[view] ?? view }

    /// Records that `copy` carries the frames of `original`. A view keeps the first segment it was
    /// merged into, so identities already reported do not change.
    mutating func merge(_ copy: Segment, into original: Segment) {
        let target = resolve(original)
        guard copy != target, canonical[copy] == nil else { return }
        canonical[copy] = target
    }
}
