import Foundation
import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// Which claims the manager's screen lists (←/→).
public enum ClaimsView: String, Hashable, Sendable, CaseIterable {
    /// Not yet in a submitted batch: uncredited and corrected (with their deadline flags).
    case waiting
    /// With the distributor: submitted and resubmitted.
    case withDistributor
    case denied
    case credited
    case all

    public func includes(_ state: ClaimState) -> Bool {
        switch self {
        case .waiting: state.awaitsBatch
        case .withDistributor: state.awaitsCredit
        case .denied: state == .denied
        case .credited: state == .credited || state == .reconciled
        case .all: true
        }
    }
}

/// What the claims screen reads in one go.
public struct ClaimsData: Hashable, Sendable {
    public var claims: [ClaimRecord]
    public var owed: [OwedLine]
    public var batches: [ClaimBatch]
    public init(claims: [ClaimRecord], owed: [OwedLine], batches: [ClaimBatch]) {
        self.claims = claims
        self.owed = owed
        self.batches = batches
    }
}

/// A one-field question on the claims screen (a folder, a file, a note).
public enum ClaimsAsk: Hashable, Sendable {
    case exportFolder(batch: String)
    case creditMemo
    case correction(claimID: Int64)
    case confirmSubmit(batch: String)
}

/// The manager's claims screen: money owed by distributor and age, the claims of one view with their deadline
/// flags, and the loop's actions (batch, export, submit, credit memo, correct, reconcile).
public struct ClaimsState: Hashable, Sendable {
    public var data: ClaimsData?
    public var view: ClaimsView = .waiting
    public var selection = ListSelection()
    public var ask: ClaimsAsk?
    public var field = TextFieldState(maxLength: 400)
    public var busy = false
    /// The refused memo's lines (shown until the next key).
    public var refusedLines: [CSVLineError] = []
    public var notice: StatusMessage?
    public var pageRows = 10
    /// Where exports go unless the manager types another folder.
    public var exportFolder: String

    public init(exportFolder: String = ClaimsState.defaultExportFolder) {
        self.exportFolder = exportFolder
    }

    public static var defaultExportFolder: String {
        (FileManager.default.homeDirectoryForCurrentUser.path as NSString).appendingPathComponent("astro-loyalty-claims")
    }

    public var visible: [ClaimRecord] { data?.claims.filter { view.includes($0.state) } ?? [] }
    public var selected: ClaimRecord? {
        let list = visible
        return selection.index.flatMap { list.indices.contains($0) ? list[$0] : nil }
    }
    public var flaggedCount: Int { data?.claims.filter { $0.deadlineFlag != nil }.count ?? 0 }
}

/// The claims screen's messages: keys, then the effects' answers.
public enum ClaimsMsg: Hashable, Sendable {
    case open
    case back
    case move(Key)
    case nextView
    case previousView
    case batchWaiting
    case export
    case submit
    case importMemo
    case correct
    case reconcile
    case edit(Key)
    case enter
    case confirm
    // Results
    case loaded(ClaimsData)
    case done(String, ClaimsData)
    case failed(EffectError)
    case memoRefused([CSVLineError])

    public var isIntent: Bool {
        switch self {
        case .loaded, .done, .failed, .memoRefused: false
        default: true
        }
    }
}

/// The claims screen's work for the effect runner (`ClaimsEffects`).
public enum ClaimsEffect: Hashable, Sendable, CustomStringConvertible {
    case load
    case batch(by: Operator)
    case export(batch: String, folder: String)
    case submit(batch: String, by: Operator)
    case creditMemo(path: String, by: Operator)
    case correct(claimID: Int64, note: String, by: Operator)
    case reconcile(claimID: Int64, by: Operator)

    public var description: String {
        switch self {
        case .load: "claims.load"
        case .batch(let op): "claims.batch(by: \(op.username))"
        case .export(let batch, _): "claims.export(\(batch))"
        case .submit(let batch, let op): "claims.submit(\(batch), by: \(op.username))"
        case .creditMemo(_, let op): "claims.creditMemo(by: \(op.username))"
        case .correct(let id, _, let op): "claims.correct(\(id), by: \(op.username))"
        case .reconcile(let id, let op): "claims.reconcile(\(id), by: \(op.username))"
        }
    }
}
