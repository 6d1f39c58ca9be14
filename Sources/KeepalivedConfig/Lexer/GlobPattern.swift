/// Shell wildcard matching as glob(3) applies it to a whole path (`/` is never matched by a wildcard).
struct GlobPattern {
    let pattern: [Character]

    init(_ text: String) { pattern = Array(text) }

    func matches(_ text: String) -> Bool { match(pattern[...], Array(text)[...]) }

    private func match(_ p: ArraySlice<Character>, _ s: ArraySlice<Character>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        switch first {
        case "*":
            var rest = s
            while true {
                if match(p.dropFirst(), rest) { return true }
                guard let c = rest.first, c != "/" else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            guard let c = s.first, c != "/" else { return false }
            return match(p.dropFirst(), s.dropFirst())
        case "[":
            guard let close = p.dropFirst().firstIndex(of: "]"), let c = s.first else { return false }
            var set = p[(p.startIndex + 1)..<close]
            let negate = set.first == "!" || set.first == "^"
            if negate { set = set.dropFirst() }
            var found = false
            var i = set.startIndex
            while i < set.endIndex {
                if i + 2 < set.endIndex, set[i + 1] == "-" {
                    if set[i] <= c && c <= set[i + 2] { found = true }
                    i += 3
                } else {
                    if set[i] == c { found = true }
                    i += 1
                }
            }
            return found != negate && match(p[(close + 1)...], s.dropFirst())
        default:
            return s.first == first && match(p.dropFirst(), s.dropFirst())
        }
    }
}
