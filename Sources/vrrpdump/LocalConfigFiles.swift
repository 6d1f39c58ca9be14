import KeepalivedConfig
#if canImport(Glibc)
import Glibc
#endif

/// The file system as keepalived's reader sees it: whole files, and glob(3) with keepalived's flags
/// (GLOB_MARK | GLOB_BRACE, directories skipped).
struct LocalConfigFiles: ConfigFiles {
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let errno: Int32
        var description: String { "\(path): \(String(cString: strerror(errno)))" }
    }

    func contents(of path: String) throws -> String {
        guard let file = fopen(path, "r") else { throw ReadError(path: path, errno: errno) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes += chunk[0..<n] }
            if n < chunk.count {
                if ferror(file) != 0 { throw ReadError(path: path, errno: errno) }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, GLOB_MARK | GLOB_BRACE, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in
            result.gl_pathv[i].map { String(cString: $0) }
        }.filter { !$0.hasSuffix("/") }
    }
}
