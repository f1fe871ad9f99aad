/// Why the full-screen interface could not start, in words a person at the counter (or their IT helper)
/// can act on.
public enum NcursesError: Error, CustomStringConvertible, Sendable {
    case unknownTerminal(String?)
    case notATerminal
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .unknownTerminal(nil):
            "Cannot start the full-screen interface: TERM is not set. Run it in a terminal, or set TERM (e.g. export TERM=xterm-256color)."
        case .unknownTerminal(let term?):
            "Cannot start the full-screen interface: the terminal type TERM=\"\(term)\" is unknown on this machine. Try export TERM=xterm-256color."
        case .notATerminal:
            "Cannot start the full-screen interface: input or output is not a terminal. Use the headless commands (see --help) for scripts."
        case .cannotOpen(let what):
            "Cannot start the full-screen interface: cannot open \(what)."
        }
    }
}
