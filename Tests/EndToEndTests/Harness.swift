import Foundation
import Testing

/// Runs the real `astro-loyalty` binary: headless commands as child processes, the counter screen
/// inside a private tmux server. Built by `scripts/test` before the suite, found next to the test bundle.
enum Binary {
    static var path: String {
        if let env = ProcessInfo.processInfo.environment["ASTRO_LOYALTY_BIN"], !env.isEmpty { return env }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let file = candidate.appendingPathComponent("astro-loyalty").path
            if FileManager.default.isExecutableFile(atPath: file) { return file }
        }
        return dir.appendingPathComponent("astro-loyalty").path
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
    /// The child outran its time and was killed (its status is then SIGKILL's).
    var timedOut = false
}

/// Everything a pipe delivers, read as it arrives on a thread of its own (a blocking read per chunk), so a child
/// that fills one pipe while nobody reads the other never blocks; `finished` once the pipe reports its end (every
/// writing end closed).
final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var ended = false

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            lock.withLock { ended = true }
        }
    }

    var finished: Bool { lock.withLock { ended } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// Runs `executable` with `arguments`, feeding `stdin`; reads stdout and stderr at the same time and waits at most
/// `timeout` seconds for the child to end and both pipes to close. A child that overruns is SIGKILLed (and its
/// output so far returned, with `timedOut`); the caller decides whether that is a failure.
func runChild(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
              directory: URL? = nil, stdin: String = "", timeout: TimeInterval) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = PipeCollector(output), err = PipeCollector(errors)
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()

    let deadline = Date().addingTimeInterval(timeout)
    func done() -> Bool { !process.isRunning && out.finished && err.finished }
    while !done() && Date() < deadline { usleep(5_000) }
    let timedOut = process.isRunning
    if timedOut { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    // The pipes close with the child (unless a grandchild holds them): a short, bounded wait for the last bytes.
    let drain = Date().addingTimeInterval(2)
    while !(out.finished && err.finished) && Date() < drain { usleep(5_000) }
    return CommandResult(status: process.terminationStatus, stdout: out.text, stderr: err.text, timedOut: timedOut)
}

/// A scratch folder per test: its own database and data/config homes, removed afterwards.
final class Scratch: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("astro-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var environment: [String: String] {
        [
            "HOME": url.path,
            "XDG_DATA_HOME": path("data"),
            "XDG_CONFIG_HOME": path("config"),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "ASTRO_LOYALTY_ASSETS": Binary.repositoryRoot.appendingPathComponent("Assets").path,
        ]
    }

    /// Runs the binary with `arguments`, feeding `stdin`, and waits (bounded) for it to end; an overrun is a
    /// recorded failure (the child is killed, not waited for).
    func run(_ arguments: [String], stdin: String = "", timeout: TimeInterval = 60,
             sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try runChild(Binary.path, arguments, environment: environment, directory: url, stdin: stdin,
                                  timeout: timeout)
        if result.timedOut {
            Issue.record("astro-loyalty \(arguments) overran \(timeout) s and was killed; stderr:\n\(result.stderr)",
                         sourceLocation: sourceLocation)
        }
        return result
    }
}

/// A private tmux server running one program in a window of a fixed size.
/// Like fzf's harness: send keys, poll `capture-pane` until a condition holds, dump the screen on failure.
final class TmuxScreen {
    let socket: String
    let scratch: Scratch

    init(scratch: Scratch, command: String, width: Int = 100, height: Int = 30) throws {
        self.scratch = scratch
        socket = "astro-e2e-\(UUID().uuidString.prefix(8))"
        let env = scratch.environment.map { "\($0.key)=\(Self.shellQuote($0.value))" }.joined(separator: " ")
        try Self.spawnAndWait(["/usr/bin/tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)",
                               "-y", "\(height)", "env \(env) TERM=xterm-256color \(command); sleep 30"])
    }

    /// `kill-server` only hangs up on the pane; a program that is busy (or a test that failed while it
    /// waited) can outlive it. Each pane is its own process group: end the whole group first.
    deinit {
        if let pids = try? tmux(["list-panes", "-a", "-F", "#{pane_pid}"]) {
            for pid in pids.split(separator: "\n").compactMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }) {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
        }
        _ = try? tmux(["kill-server"])
    }

    /// Foundation's `Process` learns that a child ended through a descriptor the child inherits; the tmux
    /// server that `new-session` forks keeps it open, so `waitUntilExit` would never return. posix_spawn
    /// and waitpid have no such descriptor.
    static func spawnAndWait(_ argv: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw SpawnFailed(code: rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    struct SpawnFailed: Error { let code: Int32 }

    static func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        // A file, not a pipe: `new-session` forks a server that would keep a pipe open forever.
        let outPath = scratch.path("tmux-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        try out.close()
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Keys as tmux names them ("Enter", "Up", "C-l") or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    /// Signs in on the sign-in screen and waits for customer lookup.
    func signIn(_ user: String, password: String) throws {
        try type(user)
        try send("Tab")
        try type(password)
        try send("Enter")
        _ = try waitFor(text: "Customer lookup")
    }

    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "0"]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen satisfies `condition`; on timeout records an issue with the screen.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        Issue.record("Timed out waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    func waitFor(text: String, timeout: TimeInterval = 10,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until no process runs the binary with `marker` (e.g. the store's path) on its command line: the
    /// program in the pane has really ended, so its files are closed and the store holds all it wrote.
    func waitForProgramExit(marker: String, timeout: TimeInterval = 10,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(timeout)
        // The program itself (its argv[0] is the binary), not the tmux server whose command line quotes it.
        func running() -> [String] {
            runningCommandLines(containing: Binary.path).filter { $0.hasPrefix(Binary.path + " ") && $0.contains(marker) }
        }
        while !running().isEmpty && Date() < deadline { usleep(20_000) }
        let left = running()
        if !left.isEmpty {
            Issue.record("the program did not end within \(timeout) s: \(left)\nScreen:\n\((try? capture()) ?? "")",
                         sourceLocation: sourceLocation)
            throw TimedOut()
        }
    }

    struct TimedOut: Error {}
}

/// The argv of every running process whose command line contains `text`, as `/proc/PID/cmdline` shows it
/// (arguments joined by spaces).
func runningCommandLines(containing text: String) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
    return pids.compactMap { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
        return line.contains(text) ? line : nil
    }
}

/// A loopback port that was free a moment ago: the kernel picks it (bind to port 0), then it is released
/// for the program under test. Far less likely to collide than a random number in the ephemeral range.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
