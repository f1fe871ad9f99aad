import LoyaltyFeatures
import TerminalKit

/// Enable Lightspeed's keys and the checkout's Lightspeed dialogs' keys.
extension Keymaps {
    static func lightspeedSetup(_ state: LightspeedSetupState) -> Keymap {
        if state.confirmingDisconnect { return lightspeedSetupConfirm }
        return Keymap(
            title: LightspeedSetupStrings.title,
            bindings: [
                KeyBinding(.enter, LightspeedSetupStrings.keyConnect, .lightspeed(.setup(.submit))),
                KeyBinding(.function(8), LightspeedSetupStrings.keyDisconnect, .lightspeed(.setup(.requestDisconnect))),
                KeyBinding(.function(5), LightspeedSetupStrings.keyNewAddress, .lightspeed(.setup(.reload))),
                KeyBinding(.function(4), LightspeedSetupStrings.keySaveAddress, .lightspeed(.setup(.saveAddress)),
                           inBar: false),
                KeyBinding(.escape, AdminUIStrings.keyBack, .admin(.back)),
                helpF1Only, lock,
            ],
            fallbackHelp: [HelpItem(key: "Paste", description: LightspeedSetupStrings.keyPaste)],
            fallback: { .lightspeed(.setup(.edit($0))) })
    }

    static let lightspeedSetupConfirm = Keymap(
        title: LightspeedSetupStrings.title,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", LightspeedSetupStrings.keyYesDisconnect,
                       .lightspeed(.setup(.confirmDisconnect))),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", LightspeedSetupStrings.keyNo,
                       .lightspeed(.setup(.cancelDisconnect))),
        ])

    static func lightspeedLink(_ dialog: LightspeedLinkDialog) -> Keymap {
        switch dialog {
        case .search:
            return Keymap(
                title: LightspeedLinkStrings.searchTitle,
                bindings: [
                    KeyBinding(.enter, LightspeedLinkStrings.keySearchOrPick, .lightspeed(.link(.enter))),
                    KeyBinding([.up, .down, .pageUp, .pageDown], label: "↑/↓", LightspeedLinkStrings.keyChoose) {
                        .lightspeed(.link(.move($0)))
                    },
                    KeyBinding(.escape, LightspeedLinkStrings.keyCancel, .lightspeed(.link(.cancel))),
                    helpF1Only,
                ],
                fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)],
                fallback: { .lightspeed(.link(.edit($0))) })
        case .confirmUnlink, .confirmPending:
            let unlinking = if case .confirmUnlink = dialog { true } else { false }
            let yes = unlinking ? LightspeedLinkStrings.keyYesUnlink : LightspeedLinkStrings.keyYesLink
            return Keymap(
                title: unlinking ? LightspeedLinkStrings.unlinkTitle : LightspeedLinkStrings.pendingTitle,
                bindings: [
                    KeyBinding([.char("y"), .char("Y")], label: "Y", yes, .lightspeed(.link(.confirm))),
                    KeyBinding(.enter, yes, .lightspeed(.link(.confirm)), inBar: false),
                    KeyBinding([.char("n"), .char("N"), .escape], label: "N", LightspeedLinkStrings.keyNo,
                               .lightspeed(.link(.cancel))),
                ])
        }
    }
}
