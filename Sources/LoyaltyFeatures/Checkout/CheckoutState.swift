import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The checkout screen: one customer's cards, the always-ready scan field, and at most one dialog.
///
/// The scan field is not a panel that needs focus: every digit goes to it unless a dialog with a text
/// field is open, so a barcode scanner's burst of digits and Enter always lands as a scan.
public struct CheckoutState: Hashable, Sendable {
    public var customerID: Int64
    public var data: CheckoutData?
    public var error: String?
    /// Digits (and a `3*` quantity prefix) typed or scanned.
    public var scan: TextFieldState
    /// The selected card among `visibleCards`.
    public var selection: ListSelection
    /// Redeemed cards are history: shown only on request.
    public var showsRedeemed: Bool
    /// H was pressed and the redeemed cards' punches are being read: the cards appear when they arrive.
    public var redeemedRequested = false
    public var modal: CheckoutModal?
    /// Writes sent and not yet answered (scans arrive faster than SQLite answers).
    public var inFlight: Int
    /// Cards that filled during this visit: drawn with "Reward earned" highlighted.
    public var justCompleted: Set<Int64>
    /// Card rows the screen shows (PgUp/PgDn); the shell sets it from the terminal size.
    public var pageRows: Int
    /// A line for the status bar; the shell moves it there after each message.
    public var notice: StatusMessage?
    /// Scans that could not land (a dialog was choosing something else, or they were kept from while signed
    /// out): asked about as soon as no dialog is open.
    public var held: [HeldScan]
    /// A scan of more units than this asks first (`checkout.confirmQuantityAbove`, default 10).
    public var confirmQuantityAbove: Int
    /// The dialog to open when this action is done (`PendingAction.then`).
    public var afterDone: PendingContinuation?
    /// This customer's scans kept on the counter while the store's server was unreachable (the shell copies them
    /// from `OfflineState`): shown as pending lines, never as punches on the cards.
    public var kept: [QueuedScan] = []

    public init(customerID: Int64) {
        self.customerID = customerID
        data = nil
        error = nil
        scan = TextFieldState(maxLength: 24, allowed: .only(Set("0123456789*")))
        selection = ListSelection()
        showsRedeemed = false
        modal = nil
        inFlight = 0
        justCompleted = []
        pageRows = 6
        notice = nil
        held = []
        confirmQuantityAbove = CheckoutState.defaultConfirmQuantityAbove
    }

    public static let defaultConfirmQuantityAbove = 10

    public var isLoading: Bool { data == nil && error == nil }

    /// The cards listed: open and complete ones, plus redeemed ones in the history view — never a card whose
    /// punches were not read (it would be drawn empty).
    public var visibleCards: [CheckoutCard] {
        guard let data else { return [] }
        return data.allCards.filter { $0.card.state != .redeemed || (showsRedeemed && $0.detail.punchesRead) }
    }

    /// Whether this screen's reads need redeemed cards' punches: while they are shown or asked for.
    public var readsRedeemedPunches: Bool { showsRedeemed || redeemedRequested }

    /// The read of this customer that keeps what the screen shows.
    public var reload: Effect { .checkout(.load(customerID: customerID, redeemedPunches: readsRedeemedPunches)) }

    public var redeemedCount: Int { data?.allCards.filter { $0.card.state == .redeemed }.count ?? 0 }

    public var selectedCard: CheckoutCard? {
        let cards = visibleCards
        return selection.index.flatMap { cards.indices.contains($0) ? cards[$0] : nil }
    }

    /// Today's Purchases, newest first.
    public var todaysPurchases: [Punch] { (data?.detail.todaysPurchases ?? []).sorted { $0.id > $1.id } }

    /// Today's Purchases as scans (all units of one scan together), newest first: what undo offers.
    public var todaysScans: [[Punch]] { TodaysPurchases.scans(todaysPurchases) }

    /// Something typed that leaving would lose.
    public var hasUnfinishedInput: Bool {
        if !scan.text.isEmpty { return true }
        switch modal {
        case .exception(let f, _), .paper(let f), .note(let f, _), .removeReason(let f, _), .claimDetails(let f, _):
            return f.hasText
        case .split(_, let marked, _): return !marked.isEmpty
        case .override: return true
        case .heldScans: return true
        default: return false
        }
    }

    /// True when a dialog's text field takes the typed keys (digits then do not go to the scan field).
    public var modalTakesTyping: Bool {
        switch modal {
        case .exception, .paper, .note, .override, .removeReason, .claimDetails: true
        default: false
        }
    }
}

/// The checkout screen's dialogs. Each list dialog keeps its own selection.
public indirect enum CheckoutModal: Hashable, Sendable {
    /// Every punch of a card: date, UPC, item, source, who; removed ones struck through.
    case cardDetail(cardID: Int64, ListSelection)
    /// Pick the free item from the program's items.
    case redeemPick(cardID: Int64, ListSelection)
    /// Pick one of today's purchases to undo.
    case undoPick(ListSelection)
    /// Mark (Space) the punches that move to a new card.
    case split(cardID: Int64, marked: Set<Int64>, ListSelection)
    /// Program, reason, other reason, item, UPC, quantity (the scan's `3*`, else 1).
    case exception(CheckoutForm, fromScan: Bool)
    /// Program, number of punches, first and last purchase dates.
    case paper(CheckoutForm)
    case note(CheckoutForm, cardID: Int64)
    /// A manager removes a punch (from the card view): the reason.
    case removeReason(CheckoutForm, punchID: Int64)
    case pointsPick(ListSelection)
    /// A scanned UPC in no program (`3*` scanned: quantity 3): offer an exception for as many units.
    case unknownUPC(UPC, quantity: Int)
    /// "Are you sure": what will change, in words.
    case confirm(PendingAction)
    /// A cashier started a manager action: a manager's username and PIN.
    case override(CheckoutForm, PendingAction, checking: Bool)
    /// Leaving the customer with something typed.
    case confirmLeave
    /// The manufacturer's rules are being checked for the picked free item (before anything is handed over).
    case claimChecking(ClaimAsk)
    /// The rules need customer details the store lacks: asked right here (phone, email, postal address).
    case claimDetails(CheckoutForm, ClaimAsk)
    /// A rule is not met: which one, and the ways out (another free item, a manager's exception, store-funded).
    case claimRefused(ClaimAsk, ClaimPreview)
    /// Scans held during a dialog or kept from while signed out (`CheckoutState.held`): record them? Y/N.
    case heldScans
}

/// A redemption waiting on the claim check: the card, the free item, the details typed so far.
public struct ClaimAsk: Hashable, Sendable {
    public var cardID: Int64
    public var rewardUPC: UPC
    public var details: ClaimCustomerDetails?
    public init(cardID: Int64, rewardUPC: UPC, details: ClaimCustomerDetails? = nil) {
        self.cardID = cardID
        self.rewardUPC = rewardUPC
        self.details = details
    }
}

/// What opens once an action is done (the store answered yes).
public struct PendingContinuation: Hashable, Sendable {
    public var action: CheckoutAction
    public var modal: CheckoutModal
    public var notice: String?
}

/// An action waiting for its confirmation (and, for a cashier, a manager's PIN).
public struct PendingAction: Hashable, Sendable {
    public var action: CheckoutAction
    public var title: String
    /// What will change, one sentence per line.
    public var lines: [String]
    public var needsApproval: Bool
    /// The dialog this confirmation came from (the split's marks, the form's fields): N goes back to it
    /// as it was, instead of throwing the choices away.
    public var back: CheckoutModal?
    /// Where to go once the action is done (undoing a redemption on the way to removing a punch goes on to
    /// the card's punches).
    public var then: CheckoutModal?

    public init(action: CheckoutAction, title: String, lines: [String], needsApproval: Bool,
                then: CheckoutModal? = nil) {
        self.action = action
        self.title = title
        self.lines = lines
        self.needsApproval = needsApproval
        self.then = then
    }
}

/// What can happen on the checkout screen: the cashier's intents, then the store's answers.
public enum CheckoutMsg: Hashable, Sendable {
    // Intents
    /// A digit, `*` or Backspace for the scan field (a scanner types here).
    case scanKey(Key)
    /// Enter: a scan when digits are typed, else the dialog's choice, else open the selected card.
    case enter
    /// Esc: close the dialog, else clear the scan field, else leave (asking when something is typed).
    case escape
    case move(Key)
    case toggleHistory
    case openCard
    case requestRedeem
    case requestUndo
    case requestException
    case requestPaper
    case requestSplit
    case requestNote
    case requestPointsReward
    /// Remove a punch (manager) from the card view.
    case requestRemovePunch
    /// Undo the redemption of the selected redeemed card (manager; a cashier gets the override).
    case requestUndoRedemption
    /// The Import History action under the customer's name (issue 7 gives it a screen).
    case importHistory
    case editCustomer
    case reload
    /// An editing key for the dialog's focused field (←/→ change a choice).
    case modalEdit(Key)
    case modalNextField
    case modalPreviousField
    /// F2 in a form: submit from any field.
    case modalSubmit
    /// Space in the split dialog.
    case toggleMark
    /// Y in a confirmation.
    case confirm
    /// X in the unknown-UPC dialog.
    case addAsException
    /// Y in the leave confirmation.
    case leave
    /// The claim check refused: P picks another free item, M asks for a manager's exception, F redeems it as
    /// store-funded (never claimed).
    case pickAnotherFreeItem
    case claimException
    case redeemStoreFunded
    /// O in the confirmation of undoing a scan of several units: only one unit.
    case undoOneUnit
    // Results
    case loaded(CheckoutData)
    case loadFailed(id: Int64, EffectError)
    case actionDone(CheckoutAction, CheckoutResult, CheckoutData?)
    case actionFailed(CheckoutAction, EffectError)
    case unknownUPC(UPC, quantity: Int)
    case approvalRefused(CheckoutAction, EffectError)
    /// The screen's layout shows this many cards at once (the renderer's count, after a resize or a
    /// change of what is shown): PgUp/PgDn page by it.
    case visibleRows(Int)
    case claimChecked(ClaimAsk, ClaimPreview)
    case claimCheckFailed(EffectError)
    /// The store's server did not answer (or scans were already waiting): the scan is kept on this counter.
    case scanKept(CheckoutAction, QueuedScan)
    /// The server did not answer and the counter could not keep the scan either.
    case scanNotKept(CheckoutAction, EffectError)

    public var isIntent: Bool {
        switch self {
        case .loaded, .loadFailed, .actionDone, .actionFailed, .unknownUPC, .approvalRefused, .visibleRows, .claimChecked,
             .claimCheckFailed, .scanKept, .scanNotKept: false
        default: true
        }
    }
}
