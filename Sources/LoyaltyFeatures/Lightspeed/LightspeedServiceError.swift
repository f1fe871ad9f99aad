import Foundation

/// Why Lightspeed cannot be used yet, in words for the person at the counter or the admin.
public enum LightspeedServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    case notConnected
    case badConfiguration(String)
    case trainingDataMissing
    case trainingDataUnreadable(path: String, detail: String)
    case trainingMode
    /// Training mode's "ring up a sale" needs the built-in simulator and the button listener.
    case noSimulator
    /// The listener refused the simulator's button press with this HTTP status.
    case buttonPressRefused(status: Int)
    /// The training simulator could not ring up a sale (its own words).
    case trainingSaleFailed(String)

    public var description: String {
        switch self {
        case .notConnected:
            return "Lightspeed is not connected: an admin connects it first (astro-loyalty lightspeed connect)."
        case .badConfiguration(let detail):
            return "The Lightspeed settings are not usable: \(detail)"
        case .trainingDataMissing:
            return "The training data (Assets/lightspeed-demo.json) was not found; set ASTRO_LOYALTY_ASSETS "
                + "or lightspeed.simulatorDataPath."
        case .trainingDataUnreadable(let path, let detail):
            return "The training data \(path) could not be read: \(detail)"
        case .trainingMode:
            return "Training mode uses the built-in Lightspeed simulator: there is nothing to connect."
        case .noSimulator:
            return "No Lightspeed simulator or button listener is running."
        case .buttonPressRefused(let status):
            return "The button press was refused (\(status))."
        case .trainingSaleFailed(let detail):
            return "The simulator could not ring up a sale: \(detail)"
        }
    }
}
