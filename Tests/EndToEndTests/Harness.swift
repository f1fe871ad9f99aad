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
}

/// A scratch folder per test: its own database and data/config homes, removed afterwards.
final class Scratch {
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

    /// Runs the binary with `arguments`, feeding `stdin`, and waits (bounded) for it to end.
    func run(_ arguments: [String], stdin: String = "", timeout: TimeInterval = 60) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = url
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
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

    struct TimedOut: Error {}
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
