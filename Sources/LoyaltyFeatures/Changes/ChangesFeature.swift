import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// "Changed in Lightspeed": a refund or a void Lightspeed made to a sale recorded here waits for a manager,
/// who reviews it (Enter), applies it in one step (A, then Y) or dismisses it with a reason (D). Opening the
/// screen and every action need `Action.reviewLightspeedChanges` (manager); the store asks again.
public enum ChangesFeature {
    public static func update(_ s: inout ChangesState, _ msg: ChangesMsg, session: Session) -> [Effect] {
        if msg.isIntent, msg != .back, !session.may(.reviewLightspeedChanges) {
            s.notice = .error(FeatureStrings.notAllowed(.reviewLightspeedChanges))
            return []
        }
        switch msg {
        case .open:
            s.reviewing = nil
            s.ask = nil
            s.busy = true
            return [.changes(.load)]
        case .back:
            if s.ask != nil { s.ask = nil } else { s.reviewing = nil }
            return []
        case .move(let key):
            guard s.ask == nil, s.reviewing == nil else { return [] }
            s.selection.handle(key, visibleRows: s.pageRows)
            return []
        case .enter:
            switch s.ask {
            case .confirmApply: return update(&s, .confirm, session: session)
            case .dismissReason(let id):
                let reason = s.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { return refuse(&s, ChangesStrings.reasonNeeded) }
                s.ask = nil
                s.busy = true
                return [.changes(.dismiss(id: id, reason: reason, by: session.op))]
            case nil:
                guard let change = s.selected else { return refuse(&s, ChangesStrings.nothingSelected) }
                s.reviewing = change.id
                return []
            }
        case .apply:
            guard s.ask == nil else { return [] }
            guard let change = s.selected else { return refuse(&s, ChangesStrings.nothingSelected) }
            s.ask = .confirmApply(id: change.id)
            return []
        case .dismiss:
            guard s.ask == nil else { return [] }
            guard let change = s.selected else { return refuse(&s, ChangesStrings.nothingSelected) }
            s.ask = .dismissReason(id: change.id)
            s.field = TextFieldState(maxLength: 200)
            return []
        case .confirm:
            guard case .confirmApply(let id) = s.ask else { return [] }
            s.ask = nil
            s.busy = true
            return [.changes(.apply(id: id, by: session.op))]
        case .edit(let key):
            guard s.ask?.takesText == true else { return [] }
            s.field.handle(key)
            return []

        case .loaded(let data):
            load(&s, data)
            return []
        case .done(let text, let data):
            s.reviewing = nil
            load(&s, data)
            s.notice = .success(text)
            return []
        case .failed(let failure):
            s.busy = false
            s.notice = .error(ChangesStrings.failed(failure))
            return []
        case .counted(let n):
            s.reviewCount = n
            return []
        }
    }

    /// The count for a manager's status bar, read again when they come back to lookup (a cashier: nothing).
    public static func refreshCount(session: Session?) -> [Effect] {
        guard let session, session.may(.reviewLightspeedChanges) else { return [] }
        return [.changes(.count)]
    }

    static func refuse(_ s: inout ChangesState, _ text: String) -> [Effect] {
        s.notice = .error(text)
        return []
    }

    static func load(_ s: inout ChangesState, _ data: ChangesData) {
        let selectedID = s.selection.index.flatMap { s.changes.indices.contains($0) ? s.changes[$0].id : nil }
        s.data = data
        s.busy = false
        s.reviewCount = data.changes.count
        if let reviewing = s.reviewing, !data.changes.contains(where: { $0.id == reviewing }) { s.reviewing = nil }
        s.selection.setCount(data.changes.count, visibleRows: s.pageRows)
        if let selectedID, let row = data.changes.firstIndex(where: { $0.id == selectedID }) {
            s.selection.select(row, visibleRows: s.pageRows)
        }
    }
}
