/// Recognises the commonest typo in hand-written files: a keyword glued to its value
/// (`router_idLVS_DEVEL`, `auth_typePASS`, `interval1`, `weight-2`).
enum KeywordFix {
    /// The corrected line when `word` is a known keyword of `known` followed directly by a value.
    static func glued(_ word: String, rest: [String], known: [String]) -> (keyword: String, line: String)? {
        let candidates = known.filter { word.count > $0.count && word.hasPrefix($0) }
        guard let keyword = candidates.max(by: { $0.count < $1.count }) else { return nil }
        let value = String(word.dropFirst(keyword.count))
        return (keyword, ([keyword, value] + rest).joined(separator: " "))
    }
}
