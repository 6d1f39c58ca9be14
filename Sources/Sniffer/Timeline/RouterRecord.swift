import Codec
import ElectionModel

/// What the analyser knows of one router of one virtual router: only what its own adverts said.
/// A backup that never advertised is not known at all; that is the limit of the wire.
struct RouterRecord: Sendable {
    let address: IPAddress
    /// The source MAC of its adverts; nil on links without one (raw IP captures).
    var mac: MACAddress?
    /// The settings of its last advert.
    var settings: AdvertSettings
    /// A router sending both VRRPv2 and VRRPv3 adverts (RFC 5798 §8.4's migration, or a segment whose
    /// routers speak both): the settings of the other version and when it was last sent. Alternating
    /// between the two changes no settings; the other version is forgotten once it has not been sent
    /// for its silence timeout (the router moved to one version).
    var otherVersion: (settings: AdvertSettings, lastAdvert: Int64)?
    /// As last advertised, 0 after a resignation.
    var priority: UInt8
    /// The last non-zero priority advertised, nil if it only ever resigned.
    var lastActivePriority: UInt8?
    var firstAdvert: Int64
    var lastAdvert: Int64
    /// The last sign that it acts as master: an advert, or during a term an announcement of a virtual
    /// address. Timers count from here.
    var lastActivity: Int64
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
    /// Announcements (gratuitous ARP, unsolicited NA) sent as master, all terms: the sensor's counter.
    var announcements = 0
    var lastPriorityDrop: Int64?
    /// It advertised priority 255 (address owner) at some time.
    var claimedOwnership = false
    /// Priorities, terms and announcement bursts over time (bounded), for the report.
    var history = RouterHistory()

    init(address: IPAddress, mac: MACAddress?, settings: AdvertSettings, priority: UInt8, at time: Int64) {
        self.address = address
        self.mac = mac
        self.settings = settings
        self.priority = priority
        firstAdvert = time
        lastAdvert = time
        lastActivity = time
    }

    mutating func noteAdvert(at time: Int64) {
        lastAdvert = time
        lastActivity = max(lastActivity, time)
    }

    var interval: Int64 { settings.interval }

    /// How an advert of a master in its term came relative to its previous one.
    enum AdvertTiming {
        /// A capture discontinuity lies between them.
        case unmeasured
        case onTime
        case late(spacing: Int64)
    }

    /// The common case, in place and without copying the record: another advert of a master in its
    /// term that changes nothing. Returns nil, having touched nothing, when the advert changes something
    /// (priority, settings) or the router is not in a term: the tracker's full path handles it.
    mutating func steadyAdvert(priority: UInt8, settings: AdvertSettings?, mac: MACAddress?, at time: Int64,
                               resumedAt: Int64) -> AdvertTiming? {
        guard isAdvertising, priority == self.priority, priority != 0, !otherVersionLapsed(at: time) else { return nil }
        if let settings, settings != self.settings {
            guard let other = otherVersion, other.settings == settings else { return nil }
            otherVersion = (self.settings, lastAdvert)
            self.settings = other.settings
        }
        adverts += 1
        if let mac { self.mac = mac }
        return measureAdvert(at: time, resumedAt: resumedAt)
    }

    /// Takes `new` as the settings of its latest advert; returns whether its settings changed: new
    /// settings of a version, a version sent for the first time, or a version no longer sent. Sending
    /// the other version again with the same settings is no change.
    mutating func adopt(_ new: AdvertSettings, at time: Int64) -> Bool {
        var changed = false
        if otherVersionLapsed(at: time) {
            otherVersion = nil
            changed = true
        }
        guard new != settings else { return changed }
        guard new.version != settings.version else {
            settings = new
            return true
        }
        let previous = (settings, lastAdvert)
        changed = changed || otherVersion?.settings != new
        settings = new
        otherVersion = previous
        return changed
    }

    /// The other version's adverts stopped: none for its silence timeout.
    private func otherVersionLapsed(at time: Int64) -> Bool {
        guard let other = otherVersion else { return false }
        return time - other.lastAdvert > TimelineRules.silenceTimeout(interval: other.settings.interval,
                                                                      version: other.settings.version)
    }

    /// Its current settings of each version it sends: one, or two while it sends both.
    var settingsOfEachVersion: [AdvertSettings] {
        otherVersion.map { [settings, $0.settings] } ?? [settings]
    }

    /// Records an advert of a master in its term: spacing statistics and the late-advert rule.
    mutating func measureAdvert(at time: Int64, resumedAt: Int64) -> AdvertTiming {
        let previous = lastAdvert
        noteAdvert(at: time)
        guard previous >= resumedAt else { return .unmeasured }
        let spacing = time - previous
        self.spacing.add(spacing)
        guard TimelineRules.isLate(spacing: spacing, interval: interval) else { return .onTime }
        lateAdverts += 1
        return .late(spacing: spacing)
    }
    var aliveWindow: Int64 { TimelineRules.aliveWindow(interval: interval) }
    var silenceTimeout: Int64 { TimelineRules.silenceTimeout(interval: interval, version: settings.version) }

    mutating func beginTerm(at time: Int64) {
        isAdvertising = true
        termStart = time
        terms += 1
        bursts = AnnouncementBursts()
        history.beginTerm(at: time)
    }

    /// Takes up a term again that seemed to have ended: its announcements show it never yielded.
    mutating func resumeTerm(at time: Int64) {
        isAdvertising = true
        termStart = time
        lastActivity = max(lastActivity, time)
        history.beginTerm(at: time)
    }

    /// Ends the current term; `end` is its last advert (or the resignation).
    mutating func endTerm(at end: Int64) {
        isAdvertising = false
        if let termStart { masterTime += max(0, end - termStart) }
        termStart = nil
        history.endTerm(at: end)
    }
}
