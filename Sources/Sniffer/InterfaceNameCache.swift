#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Device names by interface index, looked up with `if_indextoname` once per index.
///
/// Live `any` captures see a handful of indices, so the cache stays small; a failed lookup is
/// remembered too, so a vanished device costs one system call, not one per packet.
struct InterfaceNameCache {
    private var names: [UInt32: String?] = [:]

    mutating func name(for index: UInt32) -> String? {
        if let cached = names[index] { return cached }
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE))
        let name = if_indextoname(index, &buffer).map { String(cString: $0) }
        names[index] = name
        return name
    }
}
