import Codec

extension ElectionAnalyzer {
    /// Where the analyser filed a frame: the virtual router and router of an advert, or the virtual
    /// router owning an announced address, with what the analyser read from the frame. Kept with a
    /// memoised frame (`FrameMemo`) so that the frame's repeats — a master's steady adverts — skip the
    /// decode and the look-ups. Valid only for the analyser that made it; set only where the filing
    /// can no longer change (trackers, routers and address owners are never moved or reassigned).
    /// A class so that following it copies nothing.
    public final class Route: Sendable {
        enum Target: Sendable {
            /// `router` is nil until the router's first complete advert adds it.
            case advert(tracker: Int, router: Int?, ObservedAdvert)
            case announcement(owner: Int, AddressAnnouncement)
            /// Neither an advert nor an announcement: nothing to analyse.
            case ignored
        }

        let target: Target

        init(_ target: Target) {
            self.target = target
        }
    }
}
