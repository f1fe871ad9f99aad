import LoyaltyFeatures
import TerminalKit

/// The sign-in and unlock screen: a box in the middle with the store's name, the username and the password
/// (or PIN) fields, and the reason a try was refused.
public enum SignInScreen {
    public static func render(_ app: AppState, into buffer: inout ScreenBuffer, in area: Rect) {
        let state = app.signIn
        let width = min(60, area.width - 4)
        let box = area.centered(width: width, height: 11)
        let title = state.lockedBy == nil ? UIStrings.signInTitle : UIStrings.unlockTitle
        let inside = buffer.box(box, style: .border, title: title).inset(left: 2, right: 2)
        var rows = inside.rows([.fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1), .fill])

        let heading = state.lockedBy.map(UIStrings.lockedHint) ?? (app.storeName.isEmpty ? UIStrings.appName : app.storeName)
        buffer.draw(heading, in: rows[0], style: .emphasis, alignment: .center)

        let secretLabel = state.method == .pin ? UIStrings.pinLabel : UIStrings.passwordLabel
        let form = FormState(fields: [FormField(UIStrings.usernameLabel, input: state.username),
                                      FormField(secretLabel, input: state.secret)],
                             focus: state.focus == .username ? 0 : 1)
        FormView(form).draw(into: &buffer, in: Rect(x: rows[2].x, y: rows[2].y, width: rows[2].width, height: 3))

        if state.isChecking {
            buffer.draw(UIStrings.checking, in: rows[5], style: .dim)
        } else if let error = state.error {
            let lines = TextWrap.lines(error, width: rows[5].width)
            for (i, line) in lines.prefix(2).enumerated() {
                buffer.draw(line, in: rows[5 + i], style: .error)
            }
        }
        if state.pinAvailable, state.error == nil {
            rows[6].y = inside.maxY - 1
            buffer.draw(UIStrings.pinHint, in: rows[6], style: .dim)
        }
    }
}
