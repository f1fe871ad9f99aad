internal import CNcursesw
import Foundation
import TerminalKit
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw: the only place the program touches curses.
///
/// Starts with `newterm` (not `initscr`, which exits the process on an unknown `TERM`), in raw mode so
/// Ctrl-C is a key the app decides about, with keypad decoding, a 25 ms Escape delay and bracketed paste.
/// Draws only the cells that changed since the last frame, with wide characters and the theme's colours
/// (or attributes only when there are no colours or `NO_COLOR` is set). The terminal is restored on
/// `end`, at exit, and on fatal signals.
public final class NcursesBackend: TerminalBackend {
    /// Where curses reads keys and writes the screen. Tests use a pipe and /dev/null.
    public enum Input: Sendable {
        case standardInput
        case fileDescriptor(Int32)
    }

    public enum Output: Sendable {
        case standardOutput
        case path(String)
    }

    public struct Configuration: Sendable {
        /// The terminal type; nil reads `TERM`.
        public var terminalType: String?
        public var input: Input
        public var output: Output
        public var theme: Theme
        /// nil: colours unless the terminal has none or `NO_COLOR` is set; true forces attributes only.
        public var monochrome: Bool?
        public var escapeDelayMilliseconds: Int32
        public var bracketedPaste: Bool
        /// Restore the terminal on fatal signals and at exit (off in tests, which own their process).
        public var installsSignalHandlers: Bool

        public init(terminalType: String? = nil, input: Input = .standardInput, output: Output = .standardOutput,
                    theme: Theme = .standard, monochrome: Bool? = nil, escapeDelayMilliseconds: Int32 = 25,
                    bracketedPaste: Bool = true, installsSignalHandlers: Bool = true) {
            self.terminalType = terminalType
            self.input = input
            self.output = output
            self.theme = theme
            self.monochrome = monochrome
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.bracketedPaste = bracketedPaste
            self.installsSignalHandlers = installsSignalHandlers
        }
    }

    public let configuration: Configuration
    private var screen: OpaquePointer?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var palette: NcursesPalette?
    private var lastFrame: ScreenBuffer?
    private var cursorVisible: Bool?
    private let wakePipe = WakePipe()

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    deinit { end() }

    /// True between a successful `begin` and `end`.
    public var isActive: Bool { screen != nil }

    /// True when colours are in use (false in monochrome).
    public var usesColor: Bool { palette?.usesColor ?? false }

    public var size: Size {
        guard screen != nil, let window = astro_stdscr() else {
            return NcursesBackend.environmentSize() ?? Size(width: 80, height: 24)
        }
        var rows: Int32 = 0, columns: Int32 = 0
        astro_getmaxyx(window, &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    public func begin() throws {
        guard screen == nil else { return }
        TextWidth.prepareLocale()
        let term = configuration.terminalType ?? ProcessInfo.processInfo.environment["TERM"]
        guard let term, !term.isEmpty else { throw NcursesError.unknownTerminal(nil) }
        let input: UnsafeMutablePointer<FILE>?
        switch configuration.input {
        case .standardInput:
            guard isatty(STDIN_FILENO) == 1 else { throw NcursesError.notATerminal }
            input = fdopen(dup(STDIN_FILENO), "r")
        case .fileDescriptor(let fd):
            input = fdopen(dup(fd), "r")
        }
        guard let input else { throw NcursesError.cannotOpen("the keyboard input") }
        let output: UnsafeMutablePointer<FILE>?
        switch configuration.output {
        case .standardOutput:
            guard isatty(STDOUT_FILENO) == 1 else { fclose(input); throw NcursesError.notATerminal }
            output = fdopen(dup(STDOUT_FILENO), "w")
        case .path(let path):
            output = fopen(path, "w")
        }
        guard let output else { fclose(input); throw NcursesError.cannotOpen("the screen output") }
        guard let newScreen = newterm(term, output, input) else {
            fclose(input); fclose(output)
            throw NcursesError.unknownTerminal(term)
        }
        screen = newScreen
        inputFile = input
        outputFile = output
        set_term(newScreen)
        raw()
        noecho()
        nonl()
        let window = astro_stdscr()
        keypad(window, true)
        intrflush(window, false)
        meta(window, true)
        set_escdelay(configuration.escapeDelayMilliseconds)
        defineExtraKeys()
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        palette = NcursesPalette(theme: configuration.theme, monochrome: configuration.monochrome ?? noColor)
        lastFrame = nil
        cursorVisible = nil
        TerminalRestore.activate(outputDescriptor: fileno(output), bracketedPaste: configuration.bracketedPaste,
                                 installHandlers: configuration.installsSignalHandlers)
        if configuration.bracketedPaste {
            fflush(output)
            TerminalRestore.writeRaw("\u{1b}[?2004h")
        }
        werase(window)
        wrefresh(window)
    }

    public func end() {
        guard let current = screen else { return }
        set_term(current)
        if let window = astro_stdscr() {
            werase(window)
            wrefresh(window)
        }
        curs_set(1)
        if TerminalRestore.isActive {
            TerminalRestore.restore()
        } else {
            endwin()
        }
        TerminalRestore.deactivate()
        delscreen(current)
        screen = nil
        if let inputFile { fclose(inputFile) }
        if let outputFile { fclose(outputFile) }
        inputFile = nil
        outputFile = nil
        palette = nil
        lastFrame = nil
    }

    // MARK: input

    public var waker: (@Sendable () -> Void)? {
        guard let wakePipe else { return nil }
        return { wakePipe.wake() }
    }

    /// Takes what curses already has without waiting; when it has nothing, waits with `poll` for the keyboard,
    /// the wake pipe, a signal (SIGWINCH becomes KEY_RESIZE) or the timeout.
    public func readEvent(timeout: Duration) -> InputEvent? {
        guard screen != nil, let window = astro_stdscr(), let inputFile else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            wtimeout(window, 0)
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status != ERR {
                switch KeyDecoder.decode(status: status, code: code) {
                case .key(let key): return .key(key)
                case .resize:
                    lastFrame = nil
                    return .resize(size)
                case .pasteStart: return .key(.paste(readPaste(window)))
                case .pasteEnd, .ignored: continue
                }
            }
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return nil }
            var fds = [pollfd(fd: fileno(inputFile), events: Int16(POLLIN), revents: 0)]
            if let wakePipe { fds.append(pollfd(fd: wakePipe.readEnd, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), NcursesBackend.milliseconds(remaining))
            if ready == 0 { return nil }
            if ready > 0, fds.count > 1, fds[1].revents != 0 {
                wakePipe?.drain()
                return nil
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return max(0, Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
    }

    /// Collects pasted text up to the bracketed-paste end marker (or a pause in the input).
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>) -> String {
        var text = String.UnicodeScalarView()
        wtimeout(window, 200)
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                if Int32(bitPattern: code) == KeyDecoder.pasteEnd { break }
                continue
            }
            if code == 13 || code == 10 || code == 9 { text.append(" "); continue }
            if let scalar = Unicode.Scalar(code) { text.append(scalar) }
        }
        return String(text)
    }

    /// Sequences terminals send outside application mode, and the bracketed-paste markers.
    private func defineExtraKeys() {
        let extra: [(String, Int32)] = [
            ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
            ("\u{1b}OA", KEY_UP), ("\u{1b}OB", KEY_DOWN), ("\u{1b}OC", KEY_RIGHT), ("\u{1b}OD", KEY_LEFT),
            ("\u{1b}[H", KEY_HOME), ("\u{1b}[F", KEY_END), ("\u{1b}OH", KEY_HOME), ("\u{1b}OF", KEY_END),
            ("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[7~", KEY_HOME), ("\u{1b}[8~", KEY_END),
            ("\u{1b}[2~", KEY_IC), ("\u{1b}[3~", KEY_DC), ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE),
            ("\u{1b}[Z", KEY_BTAB),
            ("\u{1b}OP", KEY_F0 + 1), ("\u{1b}OQ", KEY_F0 + 2), ("\u{1b}OR", KEY_F0 + 3), ("\u{1b}OS", KEY_F0 + 4),
            ("\u{1b}[11~", KEY_F0 + 1), ("\u{1b}[12~", KEY_F0 + 2), ("\u{1b}[13~", KEY_F0 + 3),
            ("\u{1b}[14~", KEY_F0 + 4), ("\u{1b}[15~", KEY_F0 + 5), ("\u{1b}[17~", KEY_F0 + 6),
            ("\u{1b}[18~", KEY_F0 + 7), ("\u{1b}[19~", KEY_F0 + 8), ("\u{1b}[20~", KEY_F0 + 9),
            ("\u{1b}[21~", KEY_F0 + 10), ("\u{1b}[23~", KEY_F0 + 11), ("\u{1b}[24~", KEY_F0 + 12),
            ("\u{1b}[200~", KeyDecoder.pasteStart), ("\u{1b}[201~", KeyDecoder.pasteEnd),
        ]
        for (sequence, code) in extra where key_defined(sequence) <= 0 {
            define_key(sequence, code)
        }
    }

    // MARK: output

    public func draw(_ buffer: ScreenBuffer) {
        guard screen != nil, let window = astro_stdscr(), let palette else { return }
        let diff = BufferDiff.between(lastFrame, buffer)
        if diff.isFullRedraw { werase(window) }
        let screenSize = size
        for run in diff.runs where run.y < screenSize.height {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation || x >= screenSize.width { continue }
                if cell.isWide && x + 1 >= screenSize.width { continue }
                put(cell, x: x, y: run.y, window: window, palette: palette)
            }
        }
        if let cursor = buffer.cursor, cursor.x < screenSize.width, cursor.y < screenSize.height {
            if cursorVisible != true { curs_set(1); cursorVisible = true }
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible != false {
            curs_set(0)
            cursorVisible = false
        }
        wrefresh(window)
        lastFrame = buffer
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>, palette: NcursesPalette) {
        let rendition = palette.rendition(for: cell.style)
        var wide = NcursesBackend.wideCharacters(cell.character)
        var cchar = cchar_t()
        setcchar(&cchar, &wide, rendition.attributes, rendition.pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &cchar)
    }

    /// The spacing character and its combining marks (at most 4), zero-terminated, as setcchar wants.
    static func wideCharacters(_ character: Character) -> [wchar_t] {
        var result: [wchar_t] = []
        for scalar in character.unicodeScalars {
            if result.isEmpty {
                result.append(wchar_t(bitPattern: scalar.value))
            } else if TextWidth.width(of: scalar) == 0 && result.count < 5 {
                result.append(wchar_t(bitPattern: scalar.value))
            }
        }
        if result.isEmpty { result.append(0x20) }
        result.append(0)
        return result
    }

    private static func environmentSize() -> Size? {
        let env = ProcessInfo.processInfo.environment
        guard let columns = env["COLUMNS"].flatMap(Int.init), let lines = env["LINES"].flatMap(Int.init) else {
            return nil
        }
        return Size(width: columns, height: lines)
    }
}
