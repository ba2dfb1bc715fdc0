import Foundation
import PantauFeeds

// Children of the bench (a broker, a publisher, the test database's script), spawned with
// `posix_spawn` and reaped with `waitpid`: Foundation's `Process` learns that a child ended
// when a descriptor the child inherits is closed, which a daemon the child starts (the
// PostgreSQL server of scripts/pg-test-server) keeps open, so its `waitUntilExit` never returns.

/// Starts `args` with stdin from `stdinFD` (else /dev/null) and output appended to `log`
/// (stderr too unless `errorsToLog` is false: then it is this process's).
func spawnChild(_ args: [String], stdinFD: Int32? = nil, closeInChild: [Int32] = [], log: String,
                errorsToLog: Bool = true) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdinFD {
        posix_spawn_file_actions_adddup2(&actions, stdinFD, 0)
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    for fd in closeInChild { posix_spawn_file_actions_addclose(&actions, fd) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    if errorsToLog { posix_spawn_file_actions_adddup2(&actions, 1, 2) }
    let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, args[0], &actions, nil, argv, environ)
    guard rc == 0 else { throw FeedReadError("cannot run \(args[0]): \(String(cString: strerror(rc)))") }
    return pid
}

/// Sends `signal` (if any) to child `pid` and waits for it to end; its `waitpid` status.
@discardableResult
func reap(_ pid: pid_t, signal: Int32?) -> Int32 {
    guard pid > 0 else { return 0 }
    if let signal { _ = kill(pid, signal) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    return status
}
