import Engine

/// keepalived's `vrrp_sync_group` over the routers of one process: its members change state together.
/// The host calls `settle` after every turn of its loop:
/// - a member in Fault for a reason of its own puts every other member in Fault, until it leaves Fault;
/// - a backup goes master only when every other member could (`allowsMaster`); until then it waits;
/// - a member that became master takes the members in backup along;
/// - a master that went back to backup takes the other masters along.
///
/// When the members that have joined still differ after that (one cannot follow: an address owner
/// never leaves master, a flap-held backup stays backup, a stopped member stays behind), every member
/// reports `sync-group-split` once for that situation.
public final class SyncGroupRuntime {
    public let name: String
    private let members: [(name: String, runtime: NodeRuntime)]
    private var last: [RouterState]
    private var lastSplit: [String]?
    /// The group's own notify scripts (`notify_master` ... in the `vrrp_sync_group`), run on its transitions.
    private let notifier: Notifier?
    /// The group's state as last notified.
    private var notified: RouterState?

    public init(name: String, members: [(name: String, runtime: NodeRuntime)], notifier: Notifier? = nil) {
        self.name = name
        self.members = members
        self.notifier = notifier
        last = members.map { $0.runtime.router.state }
        // A group made again by a reload does not notify the state its members are already in.
        notified = Self.state(of: members.map(\.runtime))
        for member in members { member.runtime.syncGroup = self }
    }

    /// keepalived 2.2.7's vrrp_sync_can_goto_master: a backup of the group may become master when another
    /// member already is, or when every other member wants master too (`NodeRuntime.wantsMaster`: its
    /// own timer ran out and waits here). A member still hearing a better master, in Fault or still
    /// listening keeps the others waiting. Stopped members do not count.
    public func allowsMaster(_ runtime: NodeRuntime) -> Bool { awaited(by: runtime).isEmpty }

    /// The members `runtime` waits for before it may become master (`allowsMaster`).
    public func awaited(by runtime: NodeRuntime) -> [String] {
        let others = members.filter { $0.runtime !== runtime && !$0.runtime.isStopped }
        if others.contains(where: { $0.runtime.router.state == .master }) { return [] }
        return others.filter { !$0.runtime.wantsMaster }.map(\.name)
    }

    public func settle(now: Int64) {
        // Each member follows at most once per change, so this ends after as many rounds as members.
        for _ in 0...members.count {
            applyFaults(now)
            guard followTransitions(now) else { break }
        }
        reportSplit(now)
        notify()
    }

    /// The group's state: the one every running member is in once all have joined; STOP (Initialize)
    /// when every member stopped.
    private static func state(of runtimes: [NodeRuntime]) -> RouterState? {
        let running = runtimes.filter { !$0.isStopped }
        guard !running.isEmpty else { return .initialize }
        let states = Set(running.map(\.router.state))
        guard states.count == 1, let state = states.first, state != .initialize else { return nil }
        return state
    }

    private func notify() {
        guard let notifier, let state = Self.state(of: members.map(\.runtime)), state != notified else { return }
        notified = state
        notifier.entered(state, priority: 0)
    }

    /// Every member holds exactly the sync faults of the others that are in Fault on their own.
    private func applyFaults(_ now: Int64) {
        let faulty = members.filter { !$0.runtime.isStopped && $0.runtime.hasOwnFault }.map(\.name)
        for member in members {
            for other in members where other.name != member.name {
                let reason = "sync group \(name): \(other.name) in fault"
                member.runtime.syncFault(reason, faulty.contains(other.name), now: now)
            }
        }
    }

    /// Whether a member changed state since the last look (after the others were told).
    private func followTransitions(_ now: Int64) -> Bool {
        var changed = false
        for (index, member) in members.enumerated() {
            let state = member.runtime.router.state
            let before = last[index]
            guard state != before else { continue }
            last[index] = state
            changed = true
            let others = members.filter { $0.name != member.name }.map(\.runtime)
            if state == .master {
                others.filter { $0.router.state == .backup }.forEach { $0.follow(.master, now: now) }
            } else if state == .backup, before == .master {
                others.filter { $0.router.state == .master }.forEach { $0.follow(.backup, now: now) }
            }
        }
        return changed
    }

    private func reportSplit(_ now: Int64) {
        // Members still listening (Initialize) or stopped have not joined: not a split yet.
        let joined = members.filter { !$0.runtime.isStopped && $0.runtime.router.state != .initialize }
        let states = Set(joined.map { $0.runtime.router.state })
        guard states.count > 1 else {
            lastSplit = nil
            return
        }
        let situation = members.map { "\($0.name) \($0.runtime.isStopped ? "stopped" : $0.runtime.router.state.rawValue)" }
        guard situation != lastSplit else { return }
        lastSplit = situation
        joined.forEach { $0.runtime.reportSyncGroupSplit(group: name, members: situation, now: now) }
    }
}
