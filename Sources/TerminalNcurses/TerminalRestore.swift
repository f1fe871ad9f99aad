internal import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives the terminal back however the program ends: normal exit (atexit), SIGTERM/SIGHUP/SIGINT/SIGQUIT,
/// and crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP — Swift traps land here). The handler
/// restores, puts back the handler that was there before (the default action, or the Swift runtime's
/// backtracer) and re-raises, so the exit status and crash report stay what they would have been.
///
/// The state is process-global because signal handlers cannot capture context; it is only written on the
/// loop thread (begin/end) and read in the handler.
enum TerminalRestore {
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var outputDescriptor: Int32 = 1
    nonisolated(unsafe) private static var bracketedPaste = false
    nonisolated(unsafe) private static var installed = false

    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// What each signal did before us (the Swift runtime's backtracer, for crashes): restored and re-raised
    /// after the terminal is given back, so crash reports still print, now on a sane terminal.
    nonisolated(unsafe) private static var previous: [sigaction] = Array(repeating: sigaction(), count: 65)

    /// Marks curses as running on `descriptor`; installs the handlers once per process.
    static func activate(outputDescriptor descriptor: Int32, bracketedPaste paste: Bool, installHandlers: Bool) {
        outputDescriptor = descriptor
        bracketedPaste = paste
        active = true
        guard installHandlers, !installed else { return }
        installed = true
        atexit { TerminalRestore.restore() }
        for signal in signals where signal < 65 {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalRestore.restore()
                // Crashes go on to the previous handler (the Swift backtracer); termination signals to the
                // default action, so the exit status says which signal ended the program (ncurses' own
                // handler, installed by newterm, would exit with status 1 instead).
                if number >= 0 && number < 65 && TerminalRestore.isCrash(number) {
                    var old = TerminalRestore.previous[Int(number)]
                    sigaction(number, &old, nil)
                } else {
                    Glibc.signal(number, SIG_DFL)
                }
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, &previous[Int(signal)])
        }
    }

    static func isCrash(_ signal: Int32) -> Bool {
        signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGABRT
            || signal == SIGTRAP
    }

    /// Leaves curses mode if it is on. Idempotent; safe from a signal handler as far as endwin is.
    static func restore() {
        guard active else { return }
        active = false
        if bracketedPaste { writeRaw("\u{1b}[?2004l") }
        endwin()
    }

    /// Marks curses as stopped after a normal `end` (the handlers stay, doing nothing).
    static func deactivate() { active = false }

    static var isActive: Bool { active }

    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(outputDescriptor, &bytes, bytes.count)
    }
}
