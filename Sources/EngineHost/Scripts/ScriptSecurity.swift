#if canImport(Glibc)
import Glibc
#endif

/// keepalived 2.2.7's `enable_script_security` test of a script file: the file and every directory up
/// to `/` must be owned by root, and none (a directory with the sticky bit aside) writable by a
/// non-root group or by everyone. Otherwise a non-root user could change what runs.
public enum ScriptSecurity {
    /// The first unsafe component of `path`, or nil when the whole path is safe.
    public static func unsafeComponent(of path: String) -> String? {
        var current = path
        while true {
            var info = stat()
            guard stat(current, &info) == 0 else { return current }
            let directory = info.st_mode & S_IFMT == S_IFDIR
            let sticky = directory && info.st_mode & S_ISVTX != 0
            let groupWritable = info.st_gid != 0 && info.st_mode & S_IWGRP != 0
            if info.st_uid != 0 || (!sticky && (groupWritable || info.st_mode & S_IWOTH != 0)) { return current }
            if current == "/" { return nil }
            let parent = current.split(separator: "/", omittingEmptySubsequences: true).dropLast().joined(separator: "/")
            current = "/" + parent
        }
    }
}
