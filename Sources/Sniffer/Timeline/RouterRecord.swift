import Codec

/// What the analyser knows of one router of one virtual router: only what its own adverts said.
/// A backup that never advertised is not known at all; that is the limit of the wire.
struct RouterRecord: Sendable {
    let address: IPAddress
    /// The source MAC of its adverts; nil on links without one (raw IP captures).
    var mac: MACAddress?
    var settings: AdvertSettings
    /// As last advertised, 0 after a resignation.
    var priority: UInt8
    /// The last non-zero priority advertised, nil if it only ever resigned.
    var lastActivePriority: UInt8?
    var firstAdvert: Int64
    var lastAdvert: Int64
    var adverts = 0
    /// Advertising as master now (from its first advert with priority > 0 until it resigns, stops
    /// while another router advertises, or falls silent).
    var isAdvertising = false
    var termStart: Int64?
    var terms = 0
    /// Time as master in terms that ended.
    var masterTime: Int64 = 0
    var spacing = IntervalStatistics()
    var lateAdverts = 0
    var bursts = AnnouncementBursts()
    var lastPriorityDrop: Int64?
    /// It advertised priority 255 (address owner) at some time.
    var claimedOwnership = false

    init(address: IPAddress, mac: MACAddress?, settings: AdvertSettings, priority: UInt8, at time: Int64) {
        self.address = address
        self.mac = mac
        self.settings = settings
        self.priority = priority
        firstAdvert = time
        lastAdvert = time
    }

    var interval: Int64 { settings.interval }
    var aliveWindow: Int64 { TimelineRules.aliveWindow(interval: interval) }
    var silenceTimeout: Int64 { TimelineRules.silenceTimeout(interval: interval, version: settings.version) }

    mutating func beginTerm(at time: Int64) {
        isAdvertising = true
        termStart = time
        terms += 1
        bursts = AnnouncementBursts()
    }

    /// Ends the current term; `end` is its last advert (or the resignation).
    mutating func endTerm(at end: Int64) {
        isAdvertising = false
        if let termStart { masterTime += max(0, end - termStart) }
        termStart = nil
    }
}
