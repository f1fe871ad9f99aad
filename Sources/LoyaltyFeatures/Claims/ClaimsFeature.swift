import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The claims screen's rules. Opening it and every action need `Action.manageClaims` (manager); the store asks
/// again on every write. A question (folder, memo file, correction note, submit) is one field or a Y/N.
public enum ClaimsFeature {
    public static func update(_ s: inout ClaimsState, _ msg: ClaimsMsg, session: Session) -> [Effect] {
        if msg.isIntent { s.refusedLines = [] }
        if msg.isIntent, msg != .back, !session.may(.manageClaims) {
            s.notice = .error(FeatureStrings.notAllowed(.manageClaims))
            return []
        }
        switch msg {
        case .open:
            s.busy = true
            return [.claims(.load)]
        case .back:
            s.ask = nil
            return []
        case .move(let key):
            guard s.ask == nil else { return [] }
            s.selection.handle(key, visibleRows: s.pageRows)
            return []
        case .nextView, .previousView:
            guard s.ask == nil else { return [] }
            let all = ClaimsView.allCases
            let at = all.firstIndex(of: s.view) ?? 0
            s.view = all[(at + (msg == .nextView ? 1 : all.count - 1)) % all.count]
            s.selection = ListSelection(count: s.visible.count)
            return []
        case .batchWaiting:
            s.busy = true
            return [.claims(.batch(by: session.op))]
        case .export:
            guard let batch = s.selected?.batchLabel else { return refuse(&s, ClaimsStrings.noBatch) }
            s.ask = .exportFolder(batch: batch)
            s.field = TextFieldState(text: s.exportFolder, maxLength: 400)
            return []
        case .submit:
            guard let claim = s.selected, let batch = claim.batchLabel, claim.state.awaitsBatch else {
                return refuse(&s, ClaimsStrings.nothingToSubmit)
            }
            s.ask = .confirmSubmit(batch: batch)
            return []
        case .importMemo:
            s.ask = .creditMemo
            s.field = TextFieldState(maxLength: 400)
            return []
        case .correct:
            guard let claim = s.selected, claim.state == .denied else { return refuse(&s, ClaimsStrings.onlyDenied) }
            s.ask = .correction(claimID: claim.id)
            s.field = TextFieldState(maxLength: 200)
            return []
        case .reconcile:
            guard let claim = s.selected, claim.state == .credited else { return refuse(&s, ClaimsStrings.onlyCredited) }
            s.busy = true
            return [.claims(.reconcile(claimID: claim.id, by: session.op))]
        case .edit(let key):
            guard let ask = s.ask, ask.takesText else { return [] }
            s.field.handle(key)
            return []
        case .enter:
            guard let ask = s.ask else { return [] }
            if case .confirmSubmit = ask { return update(&s, .confirm, session: session) }
            let text = s.field.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return refuse(&s, ClaimsStrings.typeSomething(ask)) }
            s.ask = nil
            s.busy = true
            switch ask {
            case .exportFolder(let batch):
                s.exportFolder = text
                return [.claims(.export(batch: batch, folder: text))]
            case .creditMemo: return [.claims(.creditMemo(path: text, by: session.op))]
            case .correction(let id): return [.claims(.correct(claimID: id, note: text, by: session.op))]
            case .confirmSubmit: return []
            }
        case .confirm:
            guard case .confirmSubmit(let batch) = s.ask else { return [] }
            s.ask = nil
            s.busy = true
            return [.claims(.submit(batch: batch, by: session.op))]

        case .loaded(let data):
            apply(&s, data)
            return []
        case .done(let text, let data):
            apply(&s, data)
            s.notice = .success(text)
            return []
        case .failed(let failure):
            s.busy = false
            s.notice = .error(ClaimsStrings.failed(failure))
            return []
        case .memoRefused(let lines):
            s.busy = false
            s.refusedLines = lines
            s.notice = .error(ClaimsStrings.memoRefused(lines.count))
            return []
        }
    }

    static func refuse(_ s: inout ClaimsState, _ text: String) -> [Effect] {
        s.notice = .error(text)
        return []
    }

    static func apply(_ s: inout ClaimsState, _ data: ClaimsData) {
        let selectedID = s.selected?.id
        s.data = data
        s.busy = false
        let list = s.visible
        s.selection.setCount(list.count, visibleRows: s.pageRows)
        if let selectedID, let row = list.firstIndex(where: { $0.id == selectedID }) {
            s.selection.select(row, visibleRows: s.pageRows)
        }
    }
}

extension ClaimsAsk {
    public var takesText: Bool {
        if case .confirmSubmit = self { false } else { true }
    }
}
