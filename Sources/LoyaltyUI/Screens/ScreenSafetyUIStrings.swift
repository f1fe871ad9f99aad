import LoyaltyFeatures
import TerminalKit

/// Labels of the shell's safety dialogs (quitting a locked terminal, the scrolling `?` help, held scans).
extension UIStrings {
    public static func enlarge(_ minimum: Size) -> String {
        "Please enlarge the terminal to at least \(minimum.width)×\(minimum.height). "
            + "A scan made meanwhile is kept and recorded when the screen is big enough."
    }

    static func scansKeptBehindNotice(_ n: Int) -> String {
        n == 1 ? "1 scan kept: it is recorded when the screen is big enough."
            : "\(n) scans kept: they are recorded when the screen is big enough."
    }

    static let quitLockedTitle = "Quit while locked"
    static let keyQuitWithPIN = "Quit"

    static let keyScroll = "Scroll"
    static func helpMoreBelow(_ first: Int, _ last: Int, of total: Int) -> String {
        "▼ more below (↓/PgDn) — lines \(first)–\(last) of \(total)"
    }
    static func helpMoreAbove(_ first: Int, _ last: Int, of total: Int) -> String {
        "▲ more above (↑/PgUp) — lines \(first)–\(last) of \(total)"
    }

    static let keyRecordHeld = "Record"
    static let keyDropHeld = "Drop"
    static let keyOneUnit = "Only one unit"
}
