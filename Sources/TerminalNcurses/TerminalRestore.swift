import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives the terminal back however the program ends: normal exit (atexit), SIGTERM/SIGHUP/SIGINT/SIGQUIT,
/// and crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP — Swift traps land here). The handler
/// restores, then re-raises the signal with its default action so the exit status (and any core dump)
/// stays what it would have been.
///
/// The state is process-global because signal handlers cannot capture context; it is only written on the
/// loop thread (begin/end) and read in the handler.
enum TerminalRestore {
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var outputDescriptor: Int32 = 1
    nonisolated(unsafe) private static var bracketedPaste = false
    nonisolated(unsafe) private static var installed = false

    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Marks curses as running on `descriptor`; installs the handlers once per process.
    static func activate(outputDescriptor descriptor: Int32, bracketedPaste paste: Bool, installHandlers: Bool) {
        outputDescriptor = descriptor
        bracketedPaste = paste
        active = true
        guard installHandlers, !installed else { return }
        installed = true
        atexit { TerminalRestore.restore() }
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                TerminalRestore.restore()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            // SA_RESETHAND is 0x80000000: it only fits sa_flags (Int32) by bit pattern.
            action.sa_flags = Int32(bitPattern: UInt32(truncatingIfNeeded: SA_RESETHAND))
            sigaction(signal, &action, nil)
        }
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
