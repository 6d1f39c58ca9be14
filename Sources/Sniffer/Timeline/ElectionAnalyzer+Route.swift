import Codec
import ElectionModel

extension ElectionAnalyzer {
    /// Where the analyser filed a frame: the virtual router and router of an advert, or the virtual
    /// router owning an announced address, with what the analyser read from the frame. Kept with a
    /// memoised frame (`FrameMemo`) so that the frame's repeats — a master's steady adverts — skip the
    /// decode and the look-ups. Valid only for the analyser that made it; set only where the filing
    /// can no longer change (trackers, routers and address owners are never moved or reassigned).
    ///
    /// A class of plain fields rather than an enum: following it, once per packet, then copies nothing.
    public final class Route: Sendable {
        /// The tracker of an advert's group or of an announced address's owner; nil: nothing to analyse.
        let tracker: Int?
        /// An advert's router; nil until the router's first complete advert adds it.
        let router: Int?
        let advert: ObservedAdvert?
        let announcement: AddressAnnouncement?

        private init(tracker: Int?, router: Int?, advert: ObservedAdvert?, announcement: AddressAnnouncement?) {
            self.tracker = tracker
            self.router = router
            self.advert = advert
            self.announcement = announcement
        }

        /// The route to keep for `filing`'s repeats.
        static func keeping(_ filing: Filing) -> Route {
            switch filing {
            case .advert(let advert, let tracker, let router):
                Route(tracker: tracker, router: router, advert: advert, announcement: nil)
            case .announcement(let announcement, let owner):
                Route(tracker: owner, router: nil, advert: nil, announcement: announcement)
            case .ignored: ignored
            }
        }

        /// Neither an advert nor an announcement: one object for every such frame.
        private static let ignored = Route(tracker: nil, router: nil, advert: nil, announcement: nil)
    }
}
