import LoyaltyFeatures
import TerminalKit

/// Enable Lightspeed (admin): the connection, the two steps to connect (the authorize address, broken
/// over lines since it is longer than the screen, and the field to paste the redirect into), then the
/// button address for Lightspeed's Custom Menus. No secret is ever drawn: the default is Astro Loyalty's public
/// client (PKCE); a store's own registration is named as such, its secret never shown.
public enum LightspeedSetupScreen {
    public static func render(_ s: LightspeedSetupState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        var lines = Lines(buffer: buffer, area: inner)
        defer { buffer = lines.buffer }
        lines.add([StyledText(LightspeedSetupStrings.title, style: .title)])
        lines.skip()
        guard let info = s.info else {
            lines.add([StyledText(LightspeedSetupUIStrings.loading, style: .dim)])
            lines.buffer.cursor = nil
            return
        }
        lines.add([StyledText(LightspeedSetupUIStrings.statusLabel, style: .label), status(info)])
        if let watcher = s.watcherLine {
            lines.add([StyledText(LightspeedSetupUIStrings.watcherLabel, style: .label), StyledText(watcher)])
        }
        if let warning = info.timeZoneWarning { lines.wrapped(warning, style: .warning) }
        if !info.trainingMode {
            lines.add([StyledText(LightspeedSetupUIStrings.clientLabel, style: .label),
                       StyledText(info.clientID.flatMap { $0.isEmpty ? nil : $0 } ?? LightspeedSetupUIStrings.missing,
                                  style: info.clientID?.isEmpty == false ? .normal : .error),
                       StyledText(info.usesClientSecret ? LightspeedSetupUIStrings.storeRegistration
                                                        : LightspeedSetupUIStrings.publicClient, style: .dim)])
        }
        lines.skip()
        var cursor: Point?
        if let problem = info.problemSentence {
            lines.wrapped(problem, style: .error)
        } else if let url = info.authorizeURL, !info.trainingMode {
            lines.add([StyledText(info.isConnected ? LightspeedSetupUIStrings.step1Again : LightspeedSetupUIStrings.step1)])
            let chunks = hardWrap(url, width: max(10, inner.width - 3))
            for chunk in chunks {
                lines.add([StyledText("   " + chunk, style: .emphasis)])
            }
            // Copied from the screen, a broken address breaks: one key writes it whole to a file.
            if let file = s.addressFile {
                lines.wrapped(LightspeedSetupUIStrings.savedTo(file), style: .success, indent: 3)
            } else if chunks.count > 1 {
                lines.wrapped(LightspeedSetupUIStrings.f4Saves, style: .dim, indent: 3)
            }
            lines.wrapped(LightspeedSetupUIStrings.step2(info.redirectURI), style: .normal)
            if let row = lines.next() {
                let field = Rect(x: row.x + 3, y: row.y, width: max(1, row.width - 3), height: 1)
                TextFieldView(s.pasted, isFocused: !s.busy && !s.confirmingDisconnect,
                              placeholder: LightspeedSetupUIStrings.pastePlaceholder).draw(into: &lines.buffer, in: field)
                cursor = lines.buffer.cursor
            }
            if s.busy {
                lines.add([StyledText("   " + LightspeedSetupUIStrings.working, style: .dim)])
            } else if let error = s.error {
                lines.wrapped(error, style: .error, indent: 3)
            }
        } else if info.trainingMode {
            lines.wrapped(LightspeedSetupStrings.trainingNothingToConnect, style: .dim)
        } else if let error = s.error {
            lines.wrapped(error, style: .error)
        }
        lines.skip()
        lines.wrapped(LightspeedSetupUIStrings.buttonHeading, style: .label)
        lines.add([StyledText(LightspeedSetupUIStrings.saleTab), StyledText(info.buttonURL, style: .emphasis)])
        lines.add([StyledText(LightspeedSetupUIStrings.refundTab), StyledText(info.buttonURL, style: .emphasis)])
        lines.wrapped(LightspeedSetupUIStrings.buttonNote, style: .dim)
        lines.buffer.cursor = cursor

        if s.confirmingDisconnect {
            lines.buffer.cursor = nil
            let name = "\(info.accountName ?? "") (\(info.accountID ?? ""))"
            ModalDialog(title: LightspeedSetupUIStrings.disconnectTitle,
                        message: LightspeedSetupUIStrings.disconnectQuestion(name),
                        actions: Keymaps.lightspeedSetupConfirm.barItems).draw(into: &lines.buffer, in: area)
        }
    }

    static func status(_ info: LightspeedSetupInfo) -> StyledText {
        if info.trainingMode {
            return StyledText(LightspeedSetupUIStrings.training(info.accountID), style: .reward)
        }
        guard let id = info.accountID else { return StyledText(LightspeedSetupUIStrings.notConnected, style: .warning) }
        return StyledText(LightspeedSetupUIStrings.connected(info.accountName ?? "", id), style: .success)
    }

    /// Breaks text that has no spaces (an address) into rows of `width` characters.
    static func hardWrap(_ text: String, width: Int) -> [String] {
        var rows: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if current.count == width {
                rows.append(current)
                current = ""
            }
        }
        if !current.isEmpty || rows.isEmpty { rows.append(current) }
        return rows
    }

    /// Draws rows top to bottom, stopping quietly at the bottom of the area.
    struct Lines {
        var buffer: ScreenBuffer
        let area: Rect
        var y: Int

        init(buffer: ScreenBuffer, area: Rect) {
            self.buffer = buffer
            self.area = area
            y = area.y
        }

        mutating func next() -> Rect? {
            guard y < area.y + area.height else { return nil }
            defer { y += 1 }
            return Rect(x: area.x, y: y, width: area.width, height: 1)
        }

        mutating func add(_ spans: [StyledText]) {
            guard let row = next() else { return }
            buffer.draw(spans: spans, in: row)
        }

        mutating func skip() { _ = next() }

        mutating func wrapped(_ text: String, style: Style, indent: Int = 0) {
            let pad = String(repeating: " ", count: indent)
            for line in TextWrap.lines(text, width: max(10, area.width - indent)) {
                add([StyledText(pad + line, style: style)])
            }
        }
    }
}

/// Enable Lightspeed's words on screen.
enum LightspeedSetupUIStrings {
    static let loading = "Reading the Lightspeed connection…"
    static let statusLabel = "Status:      "
    static let watcherLabel = "Watcher:     "
    static let clientLabel = "Client ID:   "
    static let publicClient = "   Astro Loyalty's app: PKCE, no secret"
    static let storeRegistration = "   this store's own app (secret from the environment)"
    static let missing = "missing"
    static let notConnected = "not connected"
    static let step1 = "1. Open this address in a browser, sign in and approve Astro Loyalty:"
    static let step1Again = "1. To connect again (or another account), open this address and approve:"

    /// Lightspeed sends the browser to the app's registered HTTPS page (or the configured one), which may
    /// not load: its address, holding the code, is what comes back here.
    static func step2(_ redirect: String?) -> String {
        "2. Lightspeed then opens " + (redirect.map { "\($0)?code=…" } ?? "an https:// page")
            + " (it may not load). Copy its whole address, or just the code, paste it here, Enter:"
    }
    static let pastePlaceholder = "https://…?code=…&state=…"
    static let working = "Exchanging the code with Lightspeed…"
    static let buttonHeading = "The button: in Lightspeed, Settings → Custom Menus → Add New Button, type "
        + "\"Open Web Page\", label \"Astro Loyalty\", this URL:"
    static let saleTab = "  Sale tab:   "
    static let refundTab = "  Refund tab: "
    static let buttonNote = "The counter screen must be open on this computer when the button is pressed "
        + "(it listens on this address only)."
    static let disconnectTitle = "Disconnect Lightspeed"
    static let f4Saves = "F4 saves it whole to a file (copied from here, it breaks)."
    static func savedTo(_ path: String) -> String { "Saved on one line in \(path)" }

    static func disconnectQuestion(_ account: String) -> String {
        "Forget the connection to \(account)? Customer links stay; the button and Import History stop until "
            + "an admin connects again."
    }

    static func connected(_ name: String, _ id: String) -> String { "connected to \(name) (account \(id))" }
    static func training(_ id: String?) -> String {
        "training mode: the built-in Lightspeed simulator" + (id.map { " (account \($0))" } ?? "")
    }
}
