import LoyaltyCore
import TerminalKit

/// Enable Lightspeed's rules: only an admin sees the screen or connects and disconnects (asked here on
/// every message, and again by the store); what was pasted goes to the composition root, which exchanges
/// it through the same path as `astro-loyalty lightspeed connect`.
extension AppFeature {
    func lightspeedSetup(_ state: inout AppState, _ msg: LightspeedSetupMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        let onScreen = state.route == .admin(.lightspeed)
        if msg.isIntent {
            guard onScreen else { return [] }
            guard session.may(.linkLightspeed) else {
                state.status = .error(LightspeedSetupStrings.adminOnly(session.role))
                return []
            }
        } else if !onScreen {
            return []
        }
        var setup = state.lightspeed.setup
        defer { state.lightspeed.setup = setup }
        switch msg {
        case .edit(let key):
            guard !setup.busy, !setup.confirmingDisconnect else { return [] }
            _ = setup.pasted.handle(key)
            setup.error = nil
            return []

        case .submit:
            guard !setup.busy, !setup.confirmingDisconnect, let info = setup.info else { return [] }
            if info.trainingMode {
                setup.error = LightspeedSetupStrings.trainingNothingToConnect
                return []
            }
            if let problem = info.problem {
                setup.error = LightspeedLinkStrings.failed(problem)
                return []
            }
            let pasted = setup.pasted.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !pasted.isEmpty else {
                setup.error = LightspeedSetupStrings.pasteFirst
                return []
            }
            guard let expected = info.authorizeState else { return [] }
            setup.busy = true
            setup.error = nil
            state.status = StatusMessage(LightspeedSetupStrings.connecting)
            return [.lightspeed(.connect(pasted: pasted, expectedState: expected, by: session.op))]

        case .reload:
            guard !setup.busy else { return [] }
            setup.error = nil
            setup.addressFile = nil
            setup.confirmingDisconnect = false
            return [.lightspeed(.loadSetup)]

        case .requestDisconnect:
            guard !setup.busy, let info = setup.info else { return [] }
            guard info.isConnected, !info.trainingMode else {
                setup.error = info.trainingMode ? LightspeedSetupStrings.trainingNothingToConnect
                                                : LightspeedSetupStrings.notConnectedYet
                return []
            }
            setup.confirmingDisconnect = true
            return []

        case .confirmDisconnect:
            guard setup.confirmingDisconnect, !setup.busy else { return [] }
            setup.confirmingDisconnect = false
            setup.busy = true
            return [.lightspeed(.disconnect(by: session.op))]

        case .cancelDisconnect:
            setup.confirmingDisconnect = false
            return []

        case .saveAddress:
            guard let info = setup.info, !info.trainingMode, let url = info.authorizeURL else {
                setup.error = setup.info?.trainingMode == true ? LightspeedSetupStrings.trainingNothingToConnect
                                                               : LightspeedSetupStrings.noAddressYet
                return []
            }
            return [.saveAuthorizeAddress(url)]

        case .addressSaved(let path):
            setup.addressFile = path
            state.status = .success(LightspeedSetupStrings.addressSaved(path))
            return []

        case .loaded(let info):
            setup.info = info
            setup.busy = false
            return []

        case .connected(let info):
            setup.info = info
            setup.busy = false
            setup.pasted.setText("")
            setup.error = nil
            // Whether the button listens now comes separately (`buttonAvailable` / `buttonUnavailable`).
            state.status = .success(LightspeedSetupStrings.connected(info))
            return []

        case .disconnected(let info):
            setup.info = info
            setup.busy = false
            setup.pasted.setText("")
            state.status = .success(LightspeedSetupStrings.disconnected)
            // Not connected is not a fault: the status bar says BUTTON OFF only when a connected store's
            // listener cannot work (as at start).
            state.lightspeed.buttonOff = nil
            return []

        case .failed(let failure):
            setup.busy = false
            setup.error = LightspeedLinkStrings.failed(failure)
            state.status = .error(LightspeedLinkStrings.failed(failure))
            return []
        }
    }

    /// Opening the screen from the admin menu: a fresh state and a fresh authorize address.
    func openLightspeedSetup(_ state: inout AppState) -> [Effect] {
        state.lightspeed.setup = LightspeedSetupState()
        return [.lightspeed(.loadSetup)]
    }
}

/// Enable Lightspeed's words.
public enum LightspeedSetupStrings {
    public static let title = "Enable Lightspeed"
    public static let keyConnect = "Connect"
    public static let keyDisconnect = "Disconnect"
    public static let keyNewAddress = "New address"
    public static let keySaveAddress = "Address to a file"
    public static let keyPaste = "Paste the address (or code)"
    public static let keyYesDisconnect = "Disconnect"
    public static let keyNo = "Keep it"

    static func adminOnly(_ role: Role) -> String {
        "Only an admin can enable or disable Lightspeed (you are signed in as a \(role.rawValue))."
    }

    /// Why Enter, F4, F5 and F8 do nothing in training mode (shown on the screen, and when one is pressed).
    public static let trainingNothingToConnect =
        "Training mode: the built-in Lightspeed simulator is connected, so there is nothing to connect, "
        + "no address to open and nothing to disconnect here (Enter, F4, F5 and F8 do nothing). To use a "
        + "Lightspeed account with this store, an admin runs `astro-loyalty lightspeed connect` at a shell."
    static let noAddressYet = "There is no address yet: F5 makes one."
    static func addressSaved(_ path: String) -> String {
        "The address is saved, on one line, in \(path) (readable by this user only)."
    }
    static let pasteFirst = "Paste the address the browser landed on (or just the code), then press Enter."
    static let notConnectedYet = "Lightspeed is not connected: nothing to disconnect."
    static let connecting = "Connecting to Lightspeed…"
    static let disconnected = "Lightspeed disconnected. Customer links stay; the button is off until it is connected again."

    static func connected(_ info: LightspeedSetupInfo) -> String {
        "Connected to Lightspeed account \(info.accountName ?? "") (\(info.accountID ?? "")). Now add the button (below)."
    }
}
