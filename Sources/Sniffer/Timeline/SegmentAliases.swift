import Codec
import ElectionModel

/// The segments the analyser has seen, each numbered once, and the views found to carry copies of
/// the same frames, which are one segment: the first view a segment was seen on names it, so a
/// virtual router keeps one identity whichever copy of a frame arrives first.
///
/// Every frame names its view; the analyser's tables are keyed by these small numbers, so a frame
/// costs a comparison with the view of the frame before (almost always the same) instead of hashing
/// the interface name and VLANs at every look-up.
struct SegmentAliases: Sendable {
    /// The views by number.
    private var views: [Segment] = []
    private var numbers: [Segment: Int] = [:]
    /// The segment each view is merged into; its own number until then.
    private var canonical: [Int] = []
    /// The view of the frame before and its number.
    private var last: (view: Segment, number: Int)?
    /// The number of the untagged view without an interface, once seen.
    private var plain: Int?

    /// The number of the view a frame arrived on with `link` from `interface`. An untagged frame from a
    /// source of one interface, nearly every frame, takes the number kept for that view: building and
    /// comparing its `Segment` cost some 180 instructions, a twelfth of a unique frame's analysis.
    mutating func number(interface: String?, link: LinkHeader) -> Int {
        guard interface == nil, link.isUntagged else {
            return number(of: Segment(interface: interface, tags: link.vlanTags))
        }
        if let plain { return plain }
        let number = number(of: Segment(interface: nil, vlan: nil))
        plain = number
        return number
    }

    /// The number of `view`, numbered now if it is new.
    mutating func number(of view: Segment) -> Int {
        if let last, last.view == view { return last.number }
        let number = numbers[view] ?? add(view)
        last = (view, number)
        return number
    }

    private mutating func add(_ view: Segment) -> Int {
        numbers[view] = views.count
        canonical.append(views.count)
        views.append(view)
        return views.count - 1
    }

    /// The segment view `number` belongs to.
    func resolve(_ number: Int) -> Int { canonical[number] }

    /// The view numbered `number`.
    subscript(number: Int) -> Segment { views[number] }

    /// Records that view `copy` carries the frames of view `original`. A view keeps the first segment
    /// it was merged into, so identities already reported do not change.
    mutating func merge(_ copy: Int, into original: Int) {
        let target = resolve(original)
        guard copy != target, canonical[copy] == copy else { return }
        canonical[copy] = target
    }
}
