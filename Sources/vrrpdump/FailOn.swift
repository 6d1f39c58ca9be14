import ArgumentParser
import ElectionModel
import Printers
import Sniffer

/// `--fail-on EVENT[,EVENT…]`: the timeline events that make the run exit with status 3, so the tool
/// can gate scripts and monitoring checks (e.g. `--fail-on split-brain,mismatch,collision`).
struct FailOn: ExpressibleByArgument {
    let kinds: Set<TimelineEvent.Kind>

    /// The exit status when one of the events occurred (1 stays "the run failed").
    static let exitStatus: Int32 = 3

    init?(argument: String) {
        var kinds: Set<TimelineEvent.Kind> = []
        for name in argument.split(separator: ",") {
            guard let kind = TimelineEvent.Kind(rawValue: String(name.filter { $0 != " " })) else { return nil }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { return nil }
        self.kinds = kinds
    }

    static var allValueStrings: [String] { TimelineEvent.Kind.allCases.map(\.rawValue) }

    func isTriggered(by event: TimelineEvent) -> Bool { kinds.contains(event.kind) }
}
