import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// Import History's rules, from the start-date dialog to Agree: which keys do what in each phase, the
/// go-live warning, cancelling a fetch (its late answers are dropped by generation), the checkboxes,
/// Exceptions on No Item rows (a cashier needs a manager's PIN, as on the checkout screen), and the
/// all-or-nothing commit. Leaving the screen and returning to the checkout after Agree are navigation:
/// `AppFeature` handles them.
public enum ImportHistoryFeature {
    public static func update(_ s: inout ImportHistoryState, _ msg: ImportHistoryMsg, session: Session) -> [Effect] {
        switch msg {
        case .editDate(let key):
            guard s.phase == .choosingDate, s.modal == nil else { return [] }
            if s.dateField.handle(key) == .edited { s.error = nil }
            return []

        case .stepDate(let key):
            guard s.phase == .choosingDate, let context = s.context else { return [] }
            let base = s.typedDate ?? context.suggestedStart
            // Up goes back in time, as in a calendar: ↑ the day before, PgUp the month before; ↓/PgDn later.
            let stepped: LocalDate
            switch key {
            case .up: stepped = base.adding(days: -1)
            case .down: stepped = base.adding(days: 1)
            case .pageUp: stepped = addingMonths(-1, to: base)
            case .pageDown: stepped = addingMonths(1, to: base)
            default: return []
            }
            offer(&s, min(stepped, context.today))
            return []

        case .useLastImport:
            guard s.phase == .choosingDate, let context = s.context else { return [] }
            offer(&s, context.suggestedStart)
            return []

        case .togglePoints:
            guard s.phase == .choosingDate, let context = s.context else { return [] }
            guard context.pointsEnabled else {
                s.notice = StatusMessage(ImportHistoryStrings.pointsOff)
                return []
            }
            s.includePoints.toggle()
            return []

        case .move(let key):
            guard s.phase == .reviewing, s.modal == nil else { return [] }
            s.selection.handle(key, visibleRows: s.pageRows)
            return []

        case .toggleRow:
            return toggleRow(&s, session)

        case .enter:
            return enter(&s, session)

        case .requestException:
            return requestException(&s)

        case .agree:
            guard s.phase == .reviewing, s.modal == nil, let review = s.review else { return [] }
            guard review.hasWork else {
                s.notice = StatusMessage(ImportHistoryStrings.nothingChecked)
                return []
            }
            s.phase = .committing
            s.notice = StatusMessage(ImportHistoryStrings.committing)
            return [.importHistory(.commit(review, by: s.approvedOperator ?? session.op))]

        case .decline:
            guard s.phase == .reviewing, s.modal == nil else { return [] }
            decline(&s)
            return []

        case .confirm:
            guard case .confirmEarlyStart(let start) = s.phase else { return [] }
            return fetch(&s, start)

        case .escape:
            return escape(&s)

        case .modalEdit(let key):
            editForm(&s) { $0.edit(key) }
            return []
        case .modalNextField:
            editForm(&s) { $0.next() }
            return []
        case .modalPreviousField:
            editForm(&s) { $0.previous() }
            return []
        case .modalSubmit:
            return submitForm(&s, session)

        // Results
        case .contextLoaded(let context):
            guard context.customerID == s.customerID else { return [] }
            s.context = context
            if s.phase == .loading {
                s.phase = .choosingDate
                offer(&s, context.suggestedStart)
            }
            return []

        case .loadFailed(let id, let failure):
            guard id == s.customerID else { return [] }
            s.error = ImportHistoryStrings.failed(failure)
            return []

        case .fetchProgress(let generation, let counts):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.progress = counts
            return []

        case .reviewLoaded(let generation, let review):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.review = review
            s.progress = review.fetched
            s.phase = .reviewing
            s.selection = ListSelection(count: review.entries.count)
            s.approvedOperator = nil
            s.modal = nil
            s.notice = StatusMessage(ImportHistoryStrings.reviewReady(review.summary.toImport))
            return []

        case .fetchFailed(let generation, let failure):
            guard generation == s.generation, case .fetching = s.phase else { return [] }
            s.phase = .choosingDate
            s.error = ImportHistoryStrings.fetchFailed(failure)
            s.notice = .error(s.error!)
            return []

        case .approved(let op):
            guard case .override(_, let rowIndex, let programID, let reason, true) = s.modal else { return [] }
            s.approvedOperator = op
            markException(&s, rowIndex: rowIndex, programID: programID, reason: reason)
            return []

        case .approvalRefused(let failure):
            guard case .override(var form, let rowIndex, let programID, let reason, true) = s.modal else { return [] }
            form.setText(1, "")
            form.focus(on: 1)
            form.error = ImportHistoryStrings.failed(failure)
            s.modal = .override(form, rowIndex: rowIndex, programID: programID, reason: reason, checking: false)
            s.notice = .error(ImportHistoryStrings.failed(failure))
            return []

        case .committed:
            // AppFeature returns to the checkout screen.
            return []

        case .commitFailed(let failure):
            guard s.phase == .committing else { return [] }
            s.phase = .reviewing
            s.notice = .error(ImportHistoryStrings.fetchFailed(failure))
            return []
        }
    }

    /// The effect that reads what the dialog needs.
    public static func load(_ s: ImportHistoryState) -> [Effect] {
        [.importHistory(.load(customerID: s.customerID))]
    }

    // MARK: - The dialog

    static func startFetch(_ s: inout ImportHistoryState) -> [Effect] {
        guard let context = s.context else { return [] }
        if let blocker = context.blocker {
            s.error = blocker
            s.notice = .error(blocker)
            return []
        }
        guard let start = s.typedDate else {
            s.error = ImportHistoryStrings.notADate(s.dateField.text)
            return []
        }
        guard start <= context.today else {
            s.error = ImportHistoryStrings.inFuture(start)
            return []
        }
        if let goLive = context.goLive, start < goLive {
            s.phase = .confirmEarlyStart(start)
            return []
        }
        return fetch(&s, start)
    }

    static func fetch(_ s: inout ImportHistoryState, _ start: LocalDate) -> [Effect] {
        s.generation += 1
        s.phase = .fetching(start: start)
        s.progress = FetchCounts()
        s.review = nil
        s.error = nil
        s.notice = StatusMessage(ImportHistoryStrings.fetching)
        return [.importHistory(.fetch(customerID: s.customerID, start: start, includePoints: s.includePoints,
                                      generation: s.generation))]
    }

    static func escape(_ s: inout ImportHistoryState) -> [Effect] {
        if let modal = s.modal {
            if case .override(_, _, _, _, true) = modal { return [] }
            s.modal = nil
            return []
        }
        switch s.phase {
        case .confirmEarlyStart:
            s.phase = .choosingDate
            return []
        case .fetching:
            let cancelled = s.generation
            s.generation += 1
            s.phase = .choosingDate
            s.progress = FetchCounts()
            s.notice = StatusMessage(ImportHistoryStrings.cancelled)
            return [.cancel(.importHistoryFetch(cancelled))]
        case .reviewing:
            decline(&s)
            return []
        case .loading, .choosingDate, .committing:
            // Leaving (from the dialog) is AppFeature's; nothing can stop a commit half-way.
            return []
        }
    }

    static func decline(_ s: inout ImportHistoryState) {
        s.phase = .choosingDate
        s.review = nil
        s.selection = ListSelection()
        s.approvedOperator = nil
        s.notice = StatusMessage(ImportHistoryStrings.declined)
    }

    static func enter(_ s: inout ImportHistoryState, _ session: Session) -> [Effect] {
        switch s.modal {
        case .details:
            s.modal = nil
            return []
        case .exception(let form, _), .override(let form, _, _, _, false):
            if form.isOnLastField { return submitForm(&s, session) }
            editForm(&s) { $0.next() }
            return []
        case .override:
            return []
        case nil:
            break
        }
        switch s.phase {
        case .choosingDate: return startFetch(&s)
        case .reviewing:
            if let entry = s.selectedEntry { s.modal = .details(entry) }
            return []
        default: return []
        }
    }

    // MARK: - The review list

    static func toggleRow(_ s: inout ImportHistoryState, _ session: Session) -> [Effect] {
        guard s.phase == .reviewing, s.modal == nil, var review = s.review, let entry = s.selectedEntry else { return [] }
        switch entry {
        case .points(let i):
            review.points[i].checked.toggle()
        case .line(let i):
            let row = review.rows[i]
            if row.status.needsManagerToCheck && !row.checked && !session.may(.removePunch) {
                // Bringing back a unit a manager took off is a manager's decision (the store asks again).
                s.notice = .error(ImportHistoryStrings.managerRechecks)
                return []
            }
            if row.status.isSelectable || (row.status == .noItem && row.exceptionReason != nil) {
                review.rows[i].checked.toggle()
                if row.status.needsManagerToCheck && !row.checked {
                    s.notice = StatusMessage(ImportHistoryStrings.recheckedRemoved(row))
                }
            } else {
                s.notice = StatusMessage(ImportHistoryStrings.whyNotOffered(row.status))
                return []
            }
        }
        s.review = review
        return []
    }

    /// Programs offered for an Exception, by name (the form's choice indexes into this order).
    static func exceptionPrograms(_ review: ImportReview) -> [ImportProgramInfo] {
        review.programs.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    static func requestException(_ s: inout ImportHistoryState) -> [Effect] {
        guard s.phase == .reviewing, s.modal == nil, let review = s.review, let i = s.selectedRowIndex,
              review.rows[i].status == .noItem, review.rows[i].quantity > 0 else {
            if s.phase == .reviewing && s.modal == nil { s.notice = StatusMessage(ImportHistoryStrings.onlyNoItem) }
            return []
        }
        let programs = exceptionPrograms(review)
        guard !programs.isEmpty else {
            s.notice = .error(ImportHistoryStrings.exceptionNeedsProgram)
            return []
        }
        s.modal = .exception(CheckoutForm([
            .init(ImportHistoryStrings.fieldProgram, .choice(programs.map(\.name), selected: -1)),
            .init(ImportHistoryStrings.fieldReason, .choice(ExceptionReason.choices.map(\.label), selected: 0)),
            .init(ImportHistoryStrings.fieldOtherReason, .text(TextFieldState(maxLength: 120))),
        ]), rowIndex: i)
        return []
    }

    static func submitForm(_ s: inout ImportHistoryState, _ session: Session) -> [Effect] {
        guard let review = s.review else { return [] }
        switch s.modal {
        case .exception(var form, let rowIndex):
            let programs = exceptionPrograms(review)
            guard programs.indices.contains(form.choice(0)) else {
                form.error = CheckoutStrings.pickProgram
                form.focus(on: 0)
                s.modal = .exception(form, rowIndex: rowIndex)
                s.notice = .error(CheckoutStrings.pickProgram)
                return []
            }
            let program = programs[form.choice(0)]
            var reason = ExceptionReason.choices[min(form.choice(1), ExceptionReason.choices.count - 1)]
            if case .other = reason { reason = .other(form.text(2)) }
            let text: String
            do { text = try reason.validated() } catch {
                form.error = error.description
                s.modal = .exception(form, rowIndex: rowIndex)
                s.notice = .error(error.description)
                return []
            }
            if session.may(.addException) || s.approvedOperator != nil {
                markException(&s, rowIndex: rowIndex, programID: program.id, reason: text)
                return []
            }
            s.modal = .override(CheckoutForm([
                .init(ImportHistoryStrings.fieldManager, .text(TextFieldState(maxLength: 40))),
                .init(ImportHistoryStrings.fieldPIN, .text(TextFieldState(maxLength: 12, allowed: .digits, isSecure: true))),
            ]), rowIndex: rowIndex, programID: program.id, reason: text, checking: false)
            return []

        case .override(var form, let rowIndex, let programID, let reason, false):
            let username = form.text(0).trimmingCharacters(in: .whitespaces)
            let pin = form.text(1)
            guard !username.isEmpty, !pin.isEmpty else {
                form.error = ImportHistoryStrings.managerNeeded
                s.modal = .override(form, rowIndex: rowIndex, programID: programID, reason: reason, checking: false)
                s.notice = .error(ImportHistoryStrings.managerNeeded)
                return []
            }
            s.modal = .override(form, rowIndex: rowIndex, programID: programID, reason: reason, checking: true)
            s.notice = StatusMessage(ImportHistoryStrings.checkingPIN)
            return [.importHistory(.approve(session.op, manager: username, pin: pin))]

        default:
            return []
        }
    }

    static func markException(_ s: inout ImportHistoryState, rowIndex: Int, programID: Int64, reason: String) {
        guard var review = s.review, review.rows.indices.contains(rowIndex) else { return }
        review.rows[rowIndex].programID = programID
        review.rows[rowIndex].exceptionReason = reason
        review.rows[rowIndex].checked = true
        s.notice = .success(ImportHistoryStrings.exceptionMarked(review.rows[rowIndex].line.description,
                                                                 review.programs[programID]?.name ?? ""))
        s.review = review
        s.modal = nil
    }

    static func editForm(_ s: inout ImportHistoryState, _ change: (inout CheckoutForm) -> Void) {
        switch s.modal {
        case .exception(var form, let row):
            change(&form)
            s.modal = .exception(form, rowIndex: row)
        case .override(var form, let row, let program, let reason, false):
            change(&form)
            s.modal = .override(form, rowIndex: row, programID: program, reason: reason, checking: false)
        default:
            break
        }
    }

    /// The same day `months` later (the last day of a shorter month).
    /// A date filled in for the cashier (the suggestion, a step): selected, so typing a date replaces it.
    static func offer(_ s: inout ImportHistoryState, _ date: LocalDate) {
        s.dateField.setText(date.iso)
        s.dateField.selectAll()
        s.error = nil
    }

    static func addingMonths(_ months: Int, to date: LocalDate) -> LocalDate {
        let index = date.year * 12 + (date.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        var day = date.day
        while day > 28, LocalDate(year: year, month: month, day: day) == nil { day -= 1 }
        return LocalDate(year: year, month: month, day: day) ?? date
    }
}
