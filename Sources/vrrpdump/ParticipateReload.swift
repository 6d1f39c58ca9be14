import EngineHost
import KeepalivedConfig

/// SIGHUP with `--participate --config`: the file is read again (its diagnostics printed again) and
/// `ReloadPlan` decides per instance. Unchanged instances keep running, so a master stays master;
/// changed ones are stopped (priority 0) and started afresh; removed ones stop; added ones start. A
/// file that no longer reads leaves everything as it was.
final class ParticipateReload {
    private let file: ParticipateConfigFile
    /// The last load: its checks are kept for scripts that did not change.
    private var loaded: ParticipateConfigFile.Loaded
    private var running: [String: NodeRuntime]
    private let make: (ParticipateRouter) throws(PlainError) -> NodeRuntime

    init(file: ParticipateConfigFile, loaded: ParticipateConfigFile.Loaded, running: [String: NodeRuntime],
         make: @escaping (ParticipateRouter) throws(PlainError) -> NodeRuntime) {
        self.file = file
        self.loaded = loaded
        self.running = running
        self.make = make
    }

    /// The sync groups over the routers running now.
    var syncGroups: [SyncGroupRuntime] { KeepalivedSyncGroups.runtimes(loaded, running: running) }

    /// The routers to run from now on.
    func reload(_ current: [NodeRuntime]) -> [NodeRuntime] {
        running = running.filter { entry in current.contains { $0 === entry.value } }
        printError("vrrpdump: \(file.path): SIGHUP: reading it again")
        guard let next = file.load(reusing: loaded.routers.flatMap { $0.checks.map(\.check) }) else {
            printError("vrrpdump: \(file.path): not reloaded: the instances keep running as they were")
            return current
        }
        let plan = ReloadPlan(from: loaded.configuration, running: Array(running.keys).sorted(), to: next.configuration,
                              wanted: file.instance)
        for name in plan.stopped + plan.restarted {
            running.removeValue(forKey: name)?.stop()
        }
        for router in next.routers where plan.restarted.contains(router.instance ?? "") || plan.started.contains(router.instance ?? "") {
            do {
                let runtime = try make(router)
                try runtime.start()
                running[router.instance ?? ""] = runtime
            } catch {
                _ = fail(PlainError(message: "\(router.label)not started: \(error)"))
            }
        }
        loaded = next
        let summary = [("kept", plan.kept), ("restarted", plan.restarted), ("stopped", plan.stopped), ("started", plan.started)]
            .filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1.joined(separator: ", "))" }
        printError("vrrpdump: \(file.path): reloaded: \(summary.joined(separator: "; "))")
        return next.routers.compactMap { running[$0.instance ?? ""] }
    }
}
