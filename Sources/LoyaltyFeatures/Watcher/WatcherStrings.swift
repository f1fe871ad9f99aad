import Foundation
import Lightspeed
import LoyaltyStore

/// The watcher's sentences: the status bar ("Lightspeed: up to date 14:02"), the log and the CLI.
public enum WatcherStrings {
    /// The status bar's words for a status; times on the store's clock (`timeZone`).
    public static func statusLine(_ status: WatcherStatus, timeZone: TimeZone) -> String {
        switch status {
        case .off: return "Lightspeed: watcher off"
        case .starting: return "Lightspeed: starting…"
        case .upToDate(let at): return "Lightspeed: up to date \(clock(at, timeZone))"
        case .catchingUp(let behind, _): return "Lightspeed: catching up \(span(behind))…"
        case .standingBy(let holder): return "Lightspeed: watched by \(holder)"
        case .problem(let text): return "Lightspeed: \(text)"
        }
    }

    /// "3 days", "5 hours", "12 minutes", "a minute".
    public static func span(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes >= 2 * 24 * 60 { return "\(minutes / (24 * 60)) days" }
        if minutes >= 2 * 60 { return "\(minutes / 60) hours" }
        if minutes >= 2 { return "\(minutes) minutes" }
        return "a minute"
    }

    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// Why a look at Lightspeed failed, in the words the status bar shows (short: it shares the line).
    public static func problem(_ error: any Error) -> String {
        switch error {
        case let error as LightspeedError:
            switch error {
            case .notConnected: return "not connected (Enable Lightspeed)"
            case .reconnectNeeded: return "reconnect needed (Enable Lightspeed)"
            case .busy: return "Lightspeed is busy; trying again"
            case .timedOut, .unreachable: return "cannot reach Lightspeed; trying again"
            default: return "watcher stopped: \(error.description)"
            }
        case let error as LightspeedSaleError: return "a sale could not be recorded: \(error.description)"
        case let error as StoreError: return "the store refused: \(error.description)"
        default: return "watcher problem: \(error)"
        }
    }
}
