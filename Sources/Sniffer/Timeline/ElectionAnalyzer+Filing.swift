extension ElectionAnalyzer {
    /// Where `file` put a frame, as a value: only a frame whose repeats will follow it (a memoised
    /// one) gets a `Route` object, so unique traffic and floods allocate none per frame.
    enum Filing {
        case advert(ObservedAdvert, tracker: Int, router: Int?)
        case announcement(AddressAnnouncement, owner: Int)
        /// Neither an advert nor an announcement.
        case ignored
    }
}
