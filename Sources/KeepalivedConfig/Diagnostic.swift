/// One finding about a configuration, printed compiler-style:
/// `file:line:col: error|warning: message`, then the fix and what keepalived will do.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// vrrpdump refuses the file (a construct it cannot reproduce exactly, or a pair that cannot work).
        case error
        /// keepalived accepts the file but degrades it; vrrpdump runs it the same way.
        case warning
        /// Context: keepalived's own wording, what a later line depends on.
        case note
    }

    public let severity: Severity
    public let location: SourceLocation?
    public let message: String
    /// The corrected line, when the mistake is recognisable.
    public let fix: String?
    /// What keepalived 2.2.7 makes of it, in plain words.
    public let consequence: String?

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String, fix: String? = nil,
                consequence: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
        self.consequence = consequence
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let fix { text += "\n    fix: \(fix)" }
        if let consequence { text += "\n    consequence: \(consequence)" }
        return text
    }
}
