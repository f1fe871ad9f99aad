import Foundation
import Testing
import TerminalKit
import TerminalNcurses

/// Real ncurses with no TTY: `newterm` on /dev/null, keys through a pipe. ncurses state is global, so the
/// suite is serialized.
@Suite(.serialized) final class NcursesBackendTests {
    let pipeRead: Int32
    let pipeWrite: Int32

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        pipeRead = fds[0]
        pipeWrite = fds[1]
        setenv("LINES", "30", 1)
        setenv("COLUMNS", "100", 1)
    }

    deinit {
        close(pipeRead)
        close(pipeWrite)
    }

    func makeBackend(monochrome: Bool? = nil) -> NcursesBackend {
        NcursesBackend(configuration: .init(terminalType: "xterm-256color", input: .fileDescriptor(pipeRead),
                                            output: .path("/dev/null"), monochrome: monochrome,
                                            installsSignalHandlers: false))
    }

    func send(_ bytes: String) {
        let data = Array(bytes.utf8)
        _ = data.withUnsafeBytes { write(pipeWrite, $0.baseAddress, $0.count) }
    }

    func sample() -> ScreenBuffer {
        var buffer = ScreenBuffer(width: 100, height: 30)
        let inside = buffer.box(Rect(x: 0, y: 0, width: 30, height: 5), title: "Pets")
        buffer.put("Zoë", x: inside.x, y: inside.y, style: .emphasis)
        buffer.put("李🐶 Rex", x: inside.x, y: inside.y + 1, style: .imported)
        buffer.put("Bad\u{1b}[2Jname", x: inside.x, y: inside.y + 2)
        buffer.draw("Status", in: Rect(x: 0, y: 29, width: 100, height: 1), style: .statusBar)
        buffer.cursor = Point(x: 5, y: 2)
        return buffer
    }

    @Test func drawsWideCharactersBordersAndStylesIntoCurses() throws {
        // The test environment may set NO_COLOR (it does under swift test here): ask for colours explicitly.
        let backend = makeBackend(monochrome: false)
        try backend.begin()
        defer { backend.end() }
        #expect(backend.size == Size(width: 100, height: 30))
        backend.draw(sample())
        // Read the cursor first: reading cells back moves curses' cursor.
        #expect(backend.cursesCursor == Point(x: 5, y: 2))
        #expect(backend.readRow(0) == "┌─ Pets ─────────────────────┐")
        #expect(backend.readRow(1) == "│Zoë                         │")
        // A 2-column character reads back once, followed by the same padding as on screen.
        #expect(backend.readRow(2) == "│李🐶 Rex" + String(repeating: " ", count: 20) + "│")
        #expect(backend.readRow(3) == "│Bad␛[2Jname                 │")
        #expect(backend.readRow(29) == "Status")
        #expect(backend.readCell(x: 1, y: 2)?.text == "李")
        #expect(backend.readCell(x: 1, y: 1)?.attributes.contains(.bold) == true)
        #expect(backend.usesColor)
        #expect(backend.readCell(x: 0, y: 29)?.colorPair != 0)
    }

    @Test func incrementalDrawChangesOnlyWhatChanged() throws {
        let backend = makeBackend()
        try backend.begin()
        defer { backend.end() }
        var frame = sample()
        backend.draw(frame)
        frame.put("Max", x: 1, y: 1, style: .emphasis)
        frame.put("ab", x: 1, y: 2, style: .imported)
        backend.draw(frame)
        #expect(backend.readRow(1) == "│Max                         │")
        #expect(backend.readRow(2) == "│ab🐶 Rex" + String(repeating: " ", count: 20) + "│")
    }

    @Test func monochromeUsesAttributesOnly() throws {
        let backend = makeBackend(monochrome: true)
        try backend.begin()
        defer { backend.end() }
        backend.draw(sample())
        #expect(!backend.usesColor)
        let status = try #require(backend.readCell(x: 0, y: 29))
        #expect(status.colorPair == 0)
        #expect(status.attributes.contains(.reverse))
    }

    @Test func noColorEnvironmentMeansMonochrome() throws {
        let previous = getenv("NO_COLOR").map { String(cString: $0) }
        setenv("NO_COLOR", "1", 1)
        defer {
            if let previous { setenv("NO_COLOR", previous, 1) } else { unsetenv("NO_COLOR") }
        }
        let backend = makeBackend()
        try backend.begin()
        defer { backend.end() }
        backend.draw(sample())
        #expect(!backend.usesColor)
        #expect(backend.readCell(x: 1, y: 1)?.attributes.contains(.bold) == true)
    }

    @Test func decodesKeysFromTerminalBytes() throws {
        let backend = makeBackend()
        try backend.begin()
        defer { backend.end() }
        let cases: [(String, Key)] = [
            ("\u{1b}[A", .up), ("\u{1b}OB", .down), ("\u{1b}[C", .right), ("\u{1b}OD", .left),
            ("\u{1b}[H", .home), ("\u{1b}[F", .end), ("\u{1b}[5~", .pageUp), ("\u{1b}[6~", .pageDown),
            ("\u{1b}OP", .function(1)), ("\u{1b}OS", .function(4)), ("\u{1b}[15~", .function(5)),
            ("\u{1b}[24~", .function(12)), ("\u{1b}[3~", .delete), ("\u{1b}[2~", .insert),
            ("\u{7f}", .backspace), ("\u{08}", .backspace), ("\t", .tab), ("\u{1b}[Z", .backTab),
            ("\r", .enter), ("\n", .enter), ("\u{03}", .ctrl("c")), ("\u{0c}", .ctrl("l")),
            ("a", .char("a")), ("ë", .char("ë")), ("李", .char("李")), ("🐶", .char("🐶")),
        ]
        for (bytes, expected) in cases {
            send(bytes)
            let event = backend.readEvent(timeout: .milliseconds(500))
            #expect(event == .key(expected), "bytes \(bytes.debugDescription)")
        }
        send("\u{1b}")
        #expect(backend.readEvent(timeout: .milliseconds(500)) == .key(.escape))
        #expect(backend.readEvent(timeout: .milliseconds(30)) == nil)
    }

    @Test func wakerInterruptsAWaitingRead() throws {
        let backend = makeBackend()
        try backend.begin()
        defer { backend.end() }
        let waker = try #require(backend.waker)
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { waker() }
        #expect(backend.readEvent(timeout: .seconds(10)) == nil)
        #expect(Date().timeIntervalSince(started) < 2)
        send("k")
        #expect(backend.readEvent(timeout: .seconds(2)) == .key(.char("k")), "keys still arrive after a wake")
    }

    @Test func bracketedPasteArrivesAsOnePaste() throws {
        let backend = makeBackend()
        try backend.begin()
        defer { backend.end() }
        send("\u{1b}[200~Sally\nSmith 李\u{1b}[201~x")
        #expect(backend.readEvent(timeout: .milliseconds(500)) == .key(.paste("Sally Smith 李")))
        #expect(backend.readEvent(timeout: .milliseconds(500)) == .key(.char("x")))
    }

    @Test func unknownTerminalIsAClearError() {
        let backend = NcursesBackend(configuration: .init(terminalType: "no-such-terminal-xyz",
                                                          input: .fileDescriptor(pipeRead), output: .path("/dev/null"),
                                                          installsSignalHandlers: false))
        #expect(throws: NcursesError.self) { try backend.begin() }
        do {
            try backend.begin()
        } catch {
            #expect("\(error)".contains("TERM=\"no-such-terminal-xyz\" is unknown"))
        }
        #expect(!backend.isActive)
    }

    @Test func runsTheEventLoopAndRestoresOnQuit() throws {
        struct Echo: TerminalApp {
            var typed = ""
            mutating func update(_ input: AppInput<Never>) -> UpdateResult {
                switch input {
                case .key(.ctrl("c")): return .quit
                case .key(.char(let c)): typed.append(c); return .changed
                default: return .unchanged
                }
            }
            func render(into buffer: inout ScreenBuffer) { buffer.put("Typed: \(typed)", x: 0, y: 0) }
        }
        let backend = makeBackend()
        send("Zoë\u{03}")
        let final = try EventLoop(app: Echo(), backend: backend).run()
        #expect(final.typed == "Zoë")
        #expect(!backend.isActive)
    }
}
